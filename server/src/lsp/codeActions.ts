// The code-action menu of a finding, modelled on vscode-eslint: the rule's fix
// (preferred) and suggestions, disable for this line / file, show the rule's
// documentation, fix all problems of the rule, and source.fixAll.themisdb. Every fix is
// verified first (engine/fixes/verify.ts); fix-all edits are the changed spans only.
import * as path from 'path';
import { CodeAction, CodeActionKind, CodeActionParams, Command, Diagnostic, Position, Range } from 'vscode-languageserver';
import { analyze, AnalyzeOptions as Options } from '../engine/analyze';
import { LIMIT_RULE_ID } from '../engine/limits';
import { fixAll, minimalEdits } from '../engine/fixes/fixAll';
import { FindingsOf, verifyFix } from '../engine/fixes/verify';
import { Finding, Fix, TextEdit } from '../engine/types';
import { Workspace } from '../engine/workspace/workspace';
import { COMMANDS, FIX_ALL_KIND, REASON_PLACEHOLDER, SECTION, SelectSuppressionReasonArgs, ShowRuleDocsArgs } from '../protocol';
import { DocAnalysis } from './analysisCache';
import { pathToUri, toWorkspaceEdit } from './convert';

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
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
  log: (message: string) => void = () => undefined,
): CodeAction[] {
  if (entry.analysis.notAnalyzed) return []; // over a size limit: nothing is computed for it
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const findingsOf: FindingsOf = (f) => (f === entry.file ? entry.analysis.findings : analyze(f, ws, options).findings);
  const verified = (finding: Finding, fix: Fix): boolean => {
    let ok = verdicts.get(fix);
    if (ok === undefined) verdicts.set(fix, (ok = verifyFix(entry.file, finding, fix, findingsOf)));
    return ok;
  };
  if (wants(only, CodeActionKind.QuickFix)) {
    const seenRules = new Set<string>();
    for (const diagnostic of params.context.diagnostics.filter((d) => intersects(d.range, params.range))) {
      const finding = findingOf(diagnostic, entry);
      if (!finding || finding.ruleId === LIMIT_RULE_ID) continue; // a limit is not a rule: nothing to fix or disable
      actions.push(...fixActions(finding, diagnostic, ws, verified));
      if (seenRules.has(finding.ruleId)) continue;
      seenRules.add(finding.ruleId);
      const fixAllRule = fixAllOfRule(finding.ruleId, entry, findingsOf);
      if (fixAllRule) actions.push(fixAllRule);
      actions.push(disableLine(finding, diagnostic, entry), disableFile(finding, entry), showDocs(finding));
    }
  }
  if (only?.length && wants(only, FIX_ALL_KIND)) {
    const all = fixAll(entry.file, findingsOf);
    const name = path.basename(entry.file.path);
    if (all.refused) log(`Fix all: ${name} was left unchanged: ${all.refused}.`);
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

function disableLine(finding: Finding, diagnostic: Diagnostic, entry: DocAnalysis): CodeAction {
  const li = entry.file.lines;
  const line = li.position(finding.span.start).line;
  const indent = /^\s*/.exec(li.lineText(line))![0];
  const at = li.lineStart(line);
  const text = `${indent}# themisdb-disable-next-line ${finding.ruleId} -- ${REASON_PLACEHOLDER}${li.eol}`;
  return suppression(`Disable ${finding.ruleId} for this line`, entry, { start: at, end: at, newText: text }, line, [diagnostic]);
}

function disableFile(finding: Finding, entry: DocAnalysis): CodeAction {
  const text = `# themisdb-disable ${finding.ruleId} -- ${REASON_PLACEHOLDER}${entry.file.lines.eol}`;
  return suppression(`Disable ${finding.ruleId} for this file`, entry, { start: 0, end: 0, newText: text }, 0);
}

/** Inserts the directive, then lets the client select the reason placeholder for typing. */
function suppression(title: string, entry: DocAnalysis, edit: TextEdit, line: number, diagnostics?: Diagnostic[]): CodeAction {
  const uri = pathToUri(entry.file.path);
  const args: SelectSuppressionReasonArgs = [uri, line];
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    edit: { changes: { [uri]: [lspEdit(entry, edit)] } },
    command: Command.create('Type the reason', COMMANDS.selectSuppressionReason, ...args),
  };
}

function showDocs(finding: Finding): CodeAction {
  const args: ShowRuleDocsArgs = [finding.ruleId];
  return {
    title: `Show documentation for ${finding.ruleId}`,
    kind: CodeActionKind.QuickFix,
    command: Command.create(`Show documentation for ${finding.ruleId}`, COMMANDS.showRuleDocs, ...args),
  };
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
