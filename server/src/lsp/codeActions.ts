// The code-action menu of a finding, modelled on vscode-eslint: the rule's fix
// (preferred) and suggestions, fix all problems of the rule, disable for this line /
// file, show the rule's documentation, and source.fixAll.themisdb. Every fix is
// verified first (engine/fixes/verify.ts); fix-all edits are the changed spans only.
// Commands only the VS Code client has go only to a client that says it runs them.
import * as path from 'path';
import { CodeAction, CodeActionKind, CodeActionParams, Command, Diagnostic, Position, Range } from 'vscode-languageserver';
import { analyze, AnalyzeOptions as Options } from '../engine/analyze';
import { DEFAULT_LIMITS, LIMIT_RULE_ID } from '../engine/limits';
import { fixAll, minimalEdits, stoppedNote } from '../engine/fixes/fixAll';
import { FindingsOf, verifyFix } from '../engine/fixes/verify';
import { Finding, Fix, TextEdit } from '../engine/types';
import { Workspace } from '../engine/workspace/workspace';
import {
  COMMANDS,
  FIX_ALL_KIND,
  REASON_PLACEHOLDER,
  SECTION,
  SelectSuppressionReasonArgs,
  SERVER_COMMANDS,
  ShowRuleDocsArgs,
} from '../protocol';
import { DocAnalysis } from './analysisCache';
import { pathToUri, toWorkspaceEdit } from './convert';

/** An analysis to check a fix would end past the request's time limit. */
class OutOfTime extends Error {}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/** Which commands a code action may carry for this client. */
export interface CommandSupport {
  /** The commands of CLIENT_COMMANDS the client said it runs (InitializationOptions.clientCommands). */
  client: ReadonlySet<string>;
  /** The client opens a document when the server asks (window/showDocument): SERVER_COMMANDS.openRuleDocs works. */
  showDocument: boolean;
}

/** Verdicts of `verifyFix`, per fix of a cached analysis (each costs an analysis of the fixed text). */
const verdicts = new WeakMap<Fix, boolean>();

/**
 * The actions of the diagnostics in the range asked for; fix-all (a full fix pass)
 * only when `source.fixAll` is asked for, never for every lightbulb. `log`: the output
 * channel, told what fix-all left alone or changed to no effect on the server.
 */
export function codeActionsFor(
  params: CodeActionParams,
  entry: DocAnalysis,
  ws: Workspace,
  options: Options,
  commands: CommandSupport,
  log: (message: string) => void = () => undefined,
): CodeAction[] {
  if (entry.analysis.notAnalyzed) return []; // over a size limit: nothing is computed for it
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const analyzed: FindingsOf = (f) => (f === entry.file ? entry.analysis.findings : analyze(f, ws, options).findings);
  // each quick fix is verified by an analysis of the fixed text: over a large file's thousand
  // findings, the fixes that can be checked within the time limit are offered, the rest not
  const deadline = performance.now() + DEFAULT_LIMITS.timeMs;
  let slowest = 0; // the longest analysis so far: the next one is not started if it would end past the deadline
  // a file whose own analysis stopped at the time limit: no analysis of a fixed version would finish either
  const outOfTime = () => entry.analysis.timeLimited || performance.now() + slowest > deadline;
  const inTime: FindingsOf = (f) => {
    if (f === entry.file) return entry.analysis.findings;
    if (outOfTime()) throw new OutOfTime();
    const started = performance.now();
    // the check ends at the request's deadline too; one that stopped there proves nothing
    const limits = { ...options.limits, timeMs: deadline - started };
    const checked = analyze(f, ws, { ...options, limits });
    slowest = Math.max(slowest, performance.now() - started);
    if (checked.timeLimited) throw new OutOfTime();
    return checked.findings;
  };
  const verified = (finding: Finding, fix: Fix): boolean => {
    let ok = verdicts.get(fix);
    if (ok === undefined) verdicts.set(fix, (ok = verifyFix(entry.file, finding, fix, inTime)));
    return ok;
  };
  if (wants(only, CodeActionKind.QuickFix)) {
    // one entry per rule, not per finding, and no fix twice: the menu of a busy line stays short
    const firstOfRule = new Map<string, { finding: Finding; diagnostic: Diagnostic }>();
    const offered = new Set<string>();
    const fixAllRules: CodeAction[] = [];
    let unfixed = 0;
    for (const diagnostic of params.context.diagnostics.filter((d) => intersects(d.range, params.range))) {
      const finding = findingOf(diagnostic, entry);
      if (!finding || finding.ruleId === LIMIT_RULE_ID) continue; // a limit is not a rule: nothing to fix or disable
      const first = !firstOfRule.has(finding.ruleId);
      if (first) firstOfRule.set(finding.ruleId, { finding, diagnostic });
      if (outOfTime()) {
        if (finding.fixes.length) unfixed++;
        continue;
      }
      try {
        for (const a of fixActions(finding, diagnostic, ws, verified)) {
          const key = `${a.title}\n${JSON.stringify(a.edit)}`;
          if (offered.has(key)) continue;
          offered.add(key);
          actions.push(a);
        }
        const fixAllRule = first ? fixAllOfRule(finding.ruleId, entry, inTime) : undefined;
        if (fixAllRule) fixAllRules.push(fixAllRule);
      } catch (e) {
        if (!(e instanceof OutOfTime)) throw e;
        if (finding.fixes.length) unfixed++;
      }
    }
    if (unfixed)
      log(
        entry.analysis.timeLimited
          ? `Quick fixes: ${path.basename(entry.file.path)}: its analysis stopped at the ${DEFAULT_LIMITS.timeMs / 1000} s time limit, so an analysis of a fixed version would too: the fixes of ${unfixed} problem${unfixed === 1 ? '' : 's'} cannot be checked and are not offered.`
          : `Quick fixes: ${path.basename(entry.file.path)}: the fixes of ${unfixed} more problem${unfixed === 1 ? '' : 's'} in the range were not checked within the ${DEFAULT_LIMITS.timeMs / 1000} s limit and are not offered; ask for a smaller range.`,
      );
    actions.push(...fixAllRules, ...suppressionsOf([...firstOfRule.values()], entry, commands));
  }
  if (only?.length && wants(only, FIX_ALL_KIND)) {
    // asked for on purpose (on save): runs to its end, or to the time limit
    const all = fixAll(entry.file, analyzed);
    const name = path.basename(entry.file.path);
    if (all.refused) log(`Fix all: ${name} was left unchanged: ${all.refused}.`);
    if (all.stoppedAt) log(`Fix all: ${name}: ${stoppedNote(all.stoppedAt, 'run it again')}.`);
    if (all.noEffect.length)
      log(`Fix all: ${name}: changed keys the ThemisDB server does not read (no effect on it): ${all.noEffect.join(', ')}`);
    const edits = minimalEdits(entry.file.text, all.text);
    if (edits.length)
      actions.push({
        title: 'Fix all auto-fixable ThemisDB problems',
        kind: FIX_ALL_KIND,
        edit: toWorkspaceEdit([{ path: entry.file.path, edits }], ws),
      });
    else actions.push({ title: 'Fix all auto-fixable ThemisDB problems', kind: FIX_ALL_KIND, edit: { changes: {} } });
  }
  return actions;
}

function intersects(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function fixActions(
  finding: Finding,
  diagnostic: Diagnostic,
  ws: Workspace,
  verified: (f: Finding, x: Fix) => boolean,
): CodeAction[] {
  return finding.fixes.flatMap((fix, i) =>
    verified(finding, fix)
      ? [
          {
            title: fix.note ? `${fix.title} (${fix.note})` : fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.kind === 'fix' && i === 0,
            edit: toWorkspaceEdit(fix.changes, ws),
          },
        ]
      : [],
  );
}

function fixAllOfRule(ruleId: string, entry: DocAnalysis, findingsOf: FindingsOf): CodeAction | undefined {
  const ofRule = entry.analysis.findings.filter((f) => f.ruleId === ruleId);
  if (ofRule.filter((f) => f.fixes.some((x) => x.kind === 'fix')).length < 2) return undefined;
  const edits = minimalEdits(entry.file.text, fixAll(entry.file, findingsOf, (f) => f.ruleId === ruleId).text);
  if (edits.length === 0) return undefined;
  return {
    title: `Fix all ${ruleId} problems in this file`,
    kind: CodeActionKind.QuickFix,
    edit: { changes: { [pathToUri(entry.file.path)]: edits.map((e) => lspEdit(entry, e)) } },
  };
}

/**
 * Disable for this line / this file and the rule's documentation. Several rules share one
 * directive per line and one for the file (a directive lists rules); their documentation is
 * the link on each diagnostic's code.
 */
function suppressionsOf(
  rules: { finding: Finding; diagnostic: Diagnostic }[],
  entry: DocAnalysis,
  commands: CommandSupport,
): CodeAction[] {
  if (rules.length === 0) return [];
  if (rules.length === 1) {
    const [{ finding, diagnostic }] = rules;
    const docs = showDocs(finding, commands);
    return [
      disableLine([finding.ruleId], finding, [diagnostic], entry, commands),
      disableFile([finding.ruleId], entry, commands),
      ...(docs ? [docs] : []),
    ];
  }
  const byLine = new Map<number, { finding: Finding; diagnostic: Diagnostic }[]>();
  for (const r of rules) {
    const line = entry.file.lines.position(r.finding.span.start).line;
    byLine.set(line, [...(byLine.get(line) ?? []), r]);
  }
  const lines = [...byLine.values()].map((group) =>
    disableLine(
      group.map((r) => r.finding.ruleId),
      group[0].finding,
      group.map((r) => r.diagnostic),
      entry,
      commands,
    ),
  );
  return [
    ...lines,
    disableFile(
      rules.map((r) => r.finding.ruleId),
      entry,
      commands,
    ),
  ];
}

function disableLine(
  ruleIds: string[],
  finding: Finding,
  diagnostics: Diagnostic[],
  entry: DocAnalysis,
  commands: CommandSupport,
): CodeAction {
  const li = entry.file.lines;
  const line = li.position(finding.span.start).line;
  const indent = /^\s*/.exec(li.lineText(line))![0];
  const at = li.lineStart(line);
  const ids = ruleIds.join(', ');
  const text = `${indent}# themisdb-disable-next-line ${ids} -- ${REASON_PLACEHOLDER}${li.eol}`;
  return suppression(`Disable ${ids} for this line`, entry, { start: at, end: at, newText: text }, line, commands, diagnostics);
}

function disableFile(ruleIds: string[], entry: DocAnalysis, commands: CommandSupport): CodeAction {
  const ids = ruleIds.join(', ');
  const text = `# themisdb-disable ${ids} -- ${REASON_PLACEHOLDER}${entry.file.lines.eol}`;
  return suppression(`Disable ${ids} for this file`, entry, { start: 0, end: 0, newText: text }, 0, commands);
}

/** Inserts the directive; a client that can, then selects the reason placeholder for typing. */
function suppression(
  title: string,
  entry: DocAnalysis,
  edit: TextEdit,
  line: number,
  commands: CommandSupport,
  diagnostics?: Diagnostic[],
): CodeAction {
  const uri = pathToUri(entry.file.path);
  const args: SelectSuppressionReasonArgs = [uri, line];
  const select = commands.client.has(COMMANDS.selectSuppressionReason);
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    edit: { changes: { [uri]: [lspEdit(entry, edit)] } },
    ...(select ? { command: Command.create('Type the reason', COMMANDS.selectSuppressionReason, ...args) } : {}),
  };
}

/** The VS Code client previews the page itself; another client is asked by the server to open it, if it can. */
function showDocs(finding: Finding, commands: CommandSupport): CodeAction | undefined {
  const title = `Show documentation for ${finding.ruleId}`;
  const args: ShowRuleDocsArgs = [finding.ruleId];
  const id = commands.client.has(COMMANDS.showRuleDocs)
    ? COMMANDS.showRuleDocs
    : commands.showDocument
      ? SERVER_COMMANDS.openRuleDocs
      : undefined;
  return id ? { title, kind: CodeActionKind.QuickFix, command: Command.create(title, id, ...args) } : undefined;
}

function lspEdit(entry: DocAnalysis, e: TextEdit) {
  const li = entry.file.lines;
  return { range: { start: li.position(e.start), end: li.position(e.end) }, newText: e.newText };
}

function findingOf(d: Diagnostic, entry: DocAnalysis): Finding | undefined {
  const data = d.data as { index?: number; version?: number; ruleId?: string } | undefined;
  if (d.source !== SECTION || !data || data.index === undefined) return undefined;
  if (data.version === entry.version) {
    const f = entry.analysis.findings[data.index];
    if (f && f.ruleId === data.ruleId) return f;
  }
  // diagnostics of an older version: match by rule and place
  const li = entry.file.lines;
  return entry.analysis.findings.find((f) => f.ruleId === d.code && li.position(f.span.start).line === d.range.start.line);
}
