// The pipeline: document model -> rules (each finding told with the server's readership of its key) -> suppressions -> one finding per problem
// -> severity by profile and settings.
import * as path from 'path';
import { isElsewhere, serviceEnvironment } from './deploy/environment';
import { embeddedOffset } from './deploy/kubernetes';
import { deployFileKind, mayBeThemisDeployment, sizedAsYaml } from './deploy/recognize';
import { servicesIn, servicesLoading, unreadServices, workspaceModel } from './deploy/model';
import { DeploymentModel, EmbeddedConfig } from './deploy/types';
import { BlockFindings } from './blockFindings';
import { YamlRef } from './documents/yamlModel';
import { Environment, environmentOf } from './envSemantics';
import { kindFromName, modeline } from './fileKinds';
import { FindingReadership } from './findingReadership';
import {
  capFindings,
  DEFAULT_LIMITS,
  Limits,
  sizeLimitFinding,
  timeLimitFinding,
  truncatedModelFinding,
  unreadServicesFinding,
} from './limits';
import { resolveProfile } from './profile';
import { CATALOG } from './rules/catalog';
import { RULES } from './rules/index';
import { buildFix, defaultSeverity, FixPart, Report, Rule, RuleContext, RuleMeta, severitiesOf } from './rules/rule';
import { SourceFile } from './sourceFile';
import { FileKind, Finding, Fix, Profile, ProfileSetting, RuleSetting, SEVERITY_ORDER, Severity } from './types';
import { Workspace } from './workspace/workspace';

export interface AnalyzeOptions {
  profile?: ProfileSetting;
  /** Per rule ID: a severity, or 'off' (the rule does not run). */
  rules?: Record<string, RuleSetting>;
  /** Workspace folder the file belongs to (for the `auto` profile's folder names). */
  root?: string;
  /** The user named this file, so its content may make it a ThemisDB file. */
  explicit?: boolean;
  /** What the settings file's `files` globs say the file is; the file's own `# themisdb:` modeline wins. */
  kind?: FileKind;
  /** Report findings that inline suppressions silence too, marked `suppressed` with the suppression's reason (audits). */
  keepSuppressed?: boolean;
  /** Called once per rule that throws; the other rules still report. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** Budgets of this analysis (engine/limits.ts has the defaults). */
  limits?: Partial<Limits>;
  /** The block-local findings of the buffer's previous version: only the blocks an edit changed are checked again. */
  blocks?: BlockFindings;
}

export interface Analysis {
  kind: FileKind | undefined;
  profile: Profile;
  findings: Finding[];
  /** The file was over a size limit: its only finding says so, and nothing else (fixes included) is computed for it. */
  notAnalyzed?: boolean;
  /** Rules were skipped or stopped at the time limit (a LIMIT finding says which): the findings may be incomplete. */
  timeLimited?: boolean;
}

const loggedFailures = new Set<string>();

/** Thrown by a report made past the time limit: the rule stops there, its earlier findings are kept. */
class TimeLimitReached extends Error {}

/** Per rule list: the rules that apply, in the order they run, by kind and kind of analysis (computed once, not per file). */
const orders = new WeakMap<readonly Rule[], Map<string, Rule[]>>();

/** The rules of `kind` (and the config rules for a manifest holding a config); with blocks, the block-local rules first, on each changed block alone. */
function rulesInOrder(rules: readonly Rule[], kind: FileKind, blocks: boolean, embedded: boolean): Rule[] {
  let byKey = orders.get(rules);
  if (!byKey) orders.set(rules, (byKey = new Map()));
  const key = `${kind}:${blocks}:${embedded}`;
  let order = byKey.get(key);
  if (!order) {
    const first = (r: Rule) => (r.meta.runsLast ? 2 : blocks && r.meta.blockLocal ? 0 : 1);
    order = [...rules]
      .sort((a, b) => first(a) - first(b))
      .filter((r) => r.meta.kinds.includes(kind) || (embedded && r.meta.kinds.includes('config')));
    byKey.set(key, order);
  }
  return order;
}

export function analyze(file: SourceFile, ws: Workspace, options: AnalyzeOptions = {}, rules: readonly Rule[] = RULES): Analysis {
  // a version of a file the workspace holds another text for (a fix-all pass, a quick fix being
  // checked): judged as if the workspace held it, so the deployment model reads it too
  const held = ws.file(file.path);
  if (held && held !== file && held.text !== file.text) return ws.holding(file, () => analyze(file, ws, options, rules));
  const steps = analysisSteps(file, ws, options, rules);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same analysis in steps: it yields between rules, so the server can answer other requests meanwhile. */
export function* analysisSteps(
  file: SourceFile,
  ws: Workspace,
  options: AnalyzeOptions = {},
  rules: readonly Rule[] = RULES,
): Generator<void, Analysis, void> {
  // a monotonic clock: a step of the wall clock (NTP, a resumed VM) must not trip the time limit;
  // the budget covers the file's parse, also one done before the analysis began
  const started = performance.now() - file.takeUncountedMs();
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const tooLarge = overSizeLimit(file, limits, options.explicit);
  // the `auto` profile would read the file itself when it is a .env
  if (tooLarge)
    return { ...tooLarge, profile: options.profile === 'development' ? 'development' : 'production', notAnalyzed: true };
  const kind = options.kind && !modeline(file.text) ? options.kind : ws.classify(file, options.explicit);
  const profile = resolveProfile(file, ws, options.profile ?? 'auto', options.root);
  if (!kind) {
    file.takeUncountedMs(); // a parse while classifying is counted by this analysis
    return { kind, profile, findings: [] };
  }

  const raw: Finding[] = [];
  const readership = new FindingReadership(file, kind);
  let current: Rule | undefined;
  const overTime = () => performance.now() - started > limits.timeMs;
  /** Set when a rule was stopped by the time limit in the middle of its work. */
  let interrupted = false;
  /** Reports into `into`, each finding told with the server's readership of its key by `told`, then placed (a config held in a manifest lands inside the manifest). */
  const reporter =
    (told: FindingReadership, into = raw, place = (f: Finding) => f) =>
    (r: Report) => {
      // a rule with a finding per item (29,000 unknown names) stops at its first report past the limit
      if (overTime()) throw new TimeLimitReached();
      const meta = current!.meta;
      const finding = checkedFinding(meta, r, (problem) => contractViolation(meta.id, problem, options));
      if (finding) into.push(place(told.apply(finding, r.asks)));
    };
  const ctx: RuleContext = {
    file,
    kind,
    workspace: ws,
    profile,
    report: reporter(readership),
    ...contextOf(file, ws, readership),
  };
  const run = (rule: Rule, c: RuleContext) => {
    current = rule;
    try {
      rule.check(c);
    } catch (err) {
      if (err instanceof RuleContractError) throw err;
      if (err instanceof TimeLimitReached) {
        interrupted = true;
        return;
      }
      const key = `${rule.meta.id}:${String(err)}`;
      if (!loggedFailures.has(key)) {
        loggedFailures.add(key);
        options.onRuleError?.(rule.meta.id, err);
      }
    }
  };
  const judged = kind === 'deploy' || kind === 'env' ? environmentsOf(file, ws, kind) : [undefined];
  // one context per environment, shared by the rules that judge it (like the file's)
  const judgedContexts = judged.map((environment) => (environment ? environmentContext(ctx, environment) : ctx));
  const embedded = (kind === 'deploy' ? embeddedConfigsOf(file, ws) : []).map((cfg) =>
    embeddedContext(ctx, cfg, ws, (told, place) => reporter(told, raw, place)),
  );
  // a rule turned off does not run: it neither hides the findings it would supersede nor tells
  // SCH006 to leave its keys alone, so turning it off leaves the other rules as they would be
  const settings = options.rules ?? {};
  const off = Object.keys(settings).filter((id) => settings[id] === 'off');
  const blocks = options.blocks?.begin(file, kind, profile, off);
  // a file that does not parse has only its syntax errors (below): the other rules would
  // only make findings that are dropped, and on a broken file they can be slow
  const broken = isYamlKind(file, kind) && hasSyntaxError(file);
  const applicable = rulesInOrder(rules, kind, !!blocks, embedded.length > 0).filter(
    (r) => (!broken || r.meta.id === 'SCH001') && settings[r.meta.id] !== 'off',
  );
  // one context per block, shared by its rules like the file's (the SCH rules validate once per context)
  const blockContexts = blocks?.changed.map((b) => ({
    ...ctx,
    file: b.file,
    report: reporter(b.readership, b.findings),
    ...contextOf(b.file, ws, b.readership),
  }));
  /** The block-local findings of every block, the reused ones moved, told to the file's readership (SCH006 reads it). */
  let blocksDone =
    blocks &&
    ((complete: boolean) => {
      for (const f of blocks.finish(complete, (told) => readership.tell(told))) raw.push(f);
      blocksDone = undefined;
    });
  /** Runs `rule` on each context until the time limit: the budget is checked between contexts too (2,000 services of one compose file). */
  const runEach = (rule: Rule, contexts: readonly RuleContext[]) => {
    for (const c of contexts) {
      if (interrupted) return;
      if (overTime()) interrupted = true;
      else run(rule, c);
    }
  };
  let stoppedAt = -1;
  for (const [i, rule] of applicable.entries()) {
    yield;
    // the budget is checked between rules, in runEach, and at each report (the reporter above)
    if (overTime()) {
      stoppedAt = i;
      break;
    }
    if (blocks && rule.meta.blockLocal) {
      // on each changed top-level block alone; the other blocks' findings are reused
      runEach(rule, blockContexts!);
    } else {
      blocksDone?.(true);
      if (rule.meta.kinds.includes(kind)) runEach(rule, judgesEnvironment(rule.meta) ? judgedContexts : [ctx]);
      // the ThemisDB configs a manifest holds are judged by the config rules too
      if (rule.meta.kinds.includes('config') && !judgesEnvironment(rule.meta)) runEach(rule, embedded);
    }
    if (interrupted) {
      stoppedAt = i;
      break;
    }
  }
  blocksDone?.(stoppedAt < 0);
  // a file that does not parse has only its syntax errors: what is "missing" from a half-typed file is not
  const parsed = broken ? raw.filter((f) => f.ruleId === 'SCH001') : raw;
  // the limits' own findings come first and count against the cap, so a file never exceeds it
  const limitNotes: Finding[] = [];
  if (stoppedAt >= 0)
    limitNotes.push(
      timeLimitFinding(
        limits,
        applicable.slice(stoppedAt).map((r) => r.meta.id),
      ),
    );
  if (isYamlKind(file, kind) && file.yaml.truncated) limitNotes.push(truncatedModelFinding());
  if (kind === 'deploy' || kind === 'env') {
    const unread = unreadServices(workspaceModel(ws, file.path), file.path);
    if (unread.length) limitNotes.push(unreadServicesFinding(unread.map((s) => s.name)));
  }
  const kept = finalize(file, parsed, profile, options.rules ?? {}, options.keepSuppressed ?? false);
  const findings = capFindings([...limitNotes, ...kept], limits);
  file.takeUncountedMs(); // a parse during this analysis was counted by its clock
  return stoppedAt >= 0 ? { kind, profile, findings, timeLimited: true } : { kind, profile, findings };
}

/** What a rule's context reads, builds fixes with and knows of the other findings, for this file. */
function contextOf(
  file: SourceFile,
  ws: Workspace,
  readership: FindingReadership,
): Pick<RuleContext, 'resolved' | 'fix' | 'suggest' | 'toldByFinding' | 'toldWithin' | 'toldIn'> {
  return {
    resolved: (ref) => resolveValue(ref, file, ws),
    fix: (title, parts, opts) => buildFix(file.path, title, 'fix', notThroughLinks(parts, file.path, ws), opts),
    suggest: (title, parts, opts) => buildFix(file.path, title, 'suggestion', notThroughLinks(parts, file.path, ws), opts),
    toldByFinding: (ref) => readership.toldFor(ref),
    toldWithin: (ref) => readership.toldWithin(ref),
    toldIn: (start, end) => readership.toldIn(start, end),
  };
}

/** A YAML file with an error other than a repeated key (the parser then keeps one of the values). */
export function hasSyntaxError(file: SourceFile): boolean {
  return file.yaml.problems.some((p) => p.code !== 'DUPLICATE_KEY');
}

/** Whether the file is YAML (a systemd unit or a .env file is not: the YAML parser's errors on it mean nothing). */
function isYamlKind(file: SourceFile, kind: FileKind): boolean {
  return kind !== 'env' && !(kind === 'deploy' && deployFileKind(file)?.startsWith('systemd'));
}

/** A part that would write through a link is missing, so its whole fix is dropped. */
function notThroughLinks(parts: readonly FixPart[], own: string, ws: Workspace): FixPart[] {
  return parts.map((p) => (p && ws.isLink(typeof p === 'object' && 'path' in p ? p.path : own) ? undefined : p));
}

/** A rule for both .env files and deployment files judges an environment: once per service a file defines or feeds. */
function judgesEnvironment(meta: RuleMeta): boolean {
  return meta.kinds.includes('env') && meta.kinds.includes('deploy');
}

/**
 * The environments judged in a file: each ThemisDB service a deployment file defines; for
 * an env file, each service that loads it (its own values only, what it lacks is the
 * service's), else the file alone (`undefined`), not judged for what it lacks when it only
 * feeds a compose file's `${VAR}` interpolation.
 */
function environmentsOf(file: SourceFile, ws: Workspace, kind: FileKind): (Environment | undefined)[] {
  const model = workspaceModel(ws, file.path);
  // a text the workspace no longer holds (the buffer changed while a sliced analysis waited; analyze()
  // holds the versions it is given): the model's spans are not this text's
  if (ws.file(file.path)?.text !== file.text)
    return kind === 'deploy' ? [] : [{ ...environmentOf({ file, workspace: ws }), judgesMissing: false }];
  if (kind === 'deploy') return servicesIn(model, file.path).map((s) => serviceEnvironment(s, file));
  const loaders = servicesLoading(model, file.path);
  if (loaders.length) return loaders.map((s) => serviceEnvironment(s, file));
  if (feedsInterpolation(model, file.path)) return [{ ...environmentOf({ file, workspace: ws }), judgesMissing: false }];
  return [undefined];
}

function feedsInterpolation(model: DeploymentModel, filePath: string): boolean {
  return model.services.some(
    (s) => s.themis && [...s.env.values()].some((v) => v.interpolated?.some((i) => i.ref?.file === filePath)),
  );
}

/**
 * The context of an environment rule for one service: findings on values set in another
 * file are left to that file (the environment's edits write each file's own syntax).
 */
function environmentContext(ctx: RuleContext, environment: Environment): RuleContext {
  return {
    ...ctx,
    environment,
    report: (r) => {
      if (!isElsewhere(r.span)) ctx.report(r);
    },
  } as RuleContext;
}

/** The ThemisDB configs held in this manifest (ConfigMap entries, Helm `config: |` values). */
function embeddedConfigsOf(file: SourceFile, ws: Workspace): EmbeddedConfig[] {
  if (ws.file(file.path)?.text !== file.text) return []; // a fix-all pass: offsets belong to the workspace's text
  return workspaceModel(ws, file.path).configs.filter((c) => c.file === file.path);
}

/**
 * The context of a config rule on a config held in a manifest: the rule reads the config
 * as a config.yaml beside the manifest, its findings land inside the manifest, and come
 * without fixes (their edits would be in the config's own text, not the manifest's).
 */
function embeddedContext(
  ctx: RuleContext,
  cfg: EmbeddedConfig,
  ws: Workspace,
  reporter: (told: FindingReadership, place: (f: Finding) => Finding) => (r: Report) => void,
): RuleContext {
  const inner = new SourceFile(path.join(path.dirname(cfg.file), cfg.key), cfg.text);
  // the config's own keys decide what the server reads, as in a config.yaml (one story per key there too)
  const readership = new FindingReadership(inner, 'config');
  const at = (offset: number) => embeddedOffset(cfg, offset);
  return {
    ...ctx,
    file: inner,
    kind: 'config',
    resolved: (ref) => resolveValue(ref, inner, ws),
    report: reporter(readership, (f) => ({ ...f, span: { start: at(f.span.start), end: at(f.span.end) }, fixes: [] })),
    toldByFinding: (ref) => readership.toldFor(ref),
    toldWithin: (ref) => readership.toldWithin(ref),
    toldIn: (start, end) => readership.toldIn(start, end),
  } as RuleContext;
}

/**
 * The analysis of a file too large to analyze: one finding that says so, without
 * parsing it (classifying it by content would parse it already). Only files that
 * may be ThemisDB's by their name or text, or that the user named, get the finding.
 */
function overSizeLimit(file: SourceFile, limits: Limits, explicit = false): Omit<Analysis, 'profile'> | undefined {
  const finding = fileSizeLimit(file, limits);
  if (!finding) return undefined;
  const mode = modeline(file.text);
  if (mode === 'off') return { kind: undefined, findings: [] };
  const kind = mode ?? kindFromName(file.path) ?? (mayBeThemisDeployment(file) ? 'deploy' : undefined);
  return { kind, findings: kind || explicit ? [finding] : [] };
}

/**
 * The size-limit finding of a file, or undefined when it is within the limits; counted as its
 * family is: a .env and a systemd unit by lines, YAML with its flow-collection items too.
 */
export function fileSizeLimit(file: SourceFile, limits: Limits = DEFAULT_LIMITS): Finding | undefined {
  const mode = modeline(file.text);
  const named = mode === 'off' ? undefined : (mode ?? kindFromName(file.path));
  return sizeLimitFinding(file.text, named ? named !== 'env' : sizedAsYaml(file.path), limits);
}

function finalize(
  file: SourceFile,
  raw: Finding[],
  profile: Profile,
  settings: Record<string, RuleSetting>,
  keepSuppressed: boolean,
): Finding[] {
  const li = file.lines;
  // rule ID -> reason, for the whole file and per line; the first directive that names a rule wins
  const fileWide = new Map<string, string>();
  const byLine = new Map<number, Map<string, string>>();
  for (const s of file.suppressions) {
    const target = s.target === 'file' ? fileWide : (byLine.get(s.target) ?? byLine.set(s.target, new Map()).get(s.target)!);
    for (const id of s.ids) if (!target.has(id)) target.set(id, s.reason);
  }
  const reasonOf = (f: Finding) => fileWide.get(f.ruleId) ?? byLine.get(li.position(f.span.start).line)?.get(f.ruleId);
  let kept: Finding[] = [];
  for (const f of raw) {
    const reason = reasonOf(f);
    if (reason === undefined) kept.push(f);
    else if (keepSuppressed) kept.push({ ...f, suppressed: { reason } });
  }
  kept = dropSuperseded(kept);

  const out: Finding[] = [];
  // rule and span -> the messages reported there: a key holding the message would hash a long text per finding
  const seen = new Map<string, string[]>();
  for (const f of kept) {
    const at = `${f.ruleId}:${f.span.start}:${f.span.end}`;
    const messages = seen.get(at);
    if (messages?.includes(f.message)) continue;
    if (messages) messages.push(f.message);
    else seen.set(at, [f.message]);
    const severity = effectiveSeverity(f, profile, settings[f.ruleId]);
    if (severity) out.push({ ...f, severity });
  }
  return out.sort(
    (a, b) =>
      a.span.start - b.span.start || SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || a.ruleId.localeCompare(b.ruleId),
  );
}

function effectiveSeverity(f: Finding, profile: Profile, setting: RuleSetting | undefined): Severity | undefined {
  if (setting === 'off') return undefined;
  if (setting) return setting;
  return profile === 'development' && CATALOG.get(f.ruleId)?.productionOnly ? 'hint' : f.severity;
}

/** Drops findings that a more specific rule reports on an overlapping span (linear in the findings). */
function dropSuperseded(findings: Finding[]): Finding[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const winners = new Map<string, Finding[]>(); // superseded rule -> findings of the rules that win over it
  for (const [winner, found] of byRule) {
    for (const l of CATALOG.get(winner)?.supersedes ?? []) winners.set(l, (winners.get(l) ?? []).concat(found));
  }
  if (winners.size === 0) return findings;
  return findings.filter((f) => !winners.get(f.ruleId)?.some((g) => overlaps(f.span, g.span)));
}

function overlaps(a: Finding['span'], b: Finding['span']): boolean {
  return a.start < b.end && b.start < a.end;
}

/** A broken promise of a rule's `meta` (a fix kind it does not declare, an unknown messageId…). */
export class RuleContractError extends Error {}

let strictContracts = false;

/** Tests make contract violations throw; in production each is logged once and the finding kept without the offending part. */
export function setStrictRuleContracts(on: boolean): void {
  strictContracts = on;
}

function contractViolation(ruleId: string, problem: string, options: AnalyzeOptions): void {
  const error = new RuleContractError(`${ruleId}: ${problem}`);
  if (strictContracts) throw error;
  const key = `${ruleId}:contract:${problem}`;
  if (loggedFailures.has(key)) return;
  loggedFailures.add(key);
  options.onRuleError?.(ruleId, error);
}

/** The finding a report makes, after checking it against what the rule's meta declares. */
function checkedFinding(meta: RuleMeta, r: Report, violation: (problem: string) => void): Finding | undefined {
  const message = meta.messages[r.messageId];
  if (!message) {
    violation(`reports unknown messageId "${r.messageId}"`);
    return undefined;
  }
  let severity = defaultSeverity(meta);
  if (r.severity !== undefined) {
    if (severitiesOf(meta).includes(r.severity)) severity = r.severity;
    else violation(`reports severity ${r.severity}, which its meta does not declare`);
  }
  const fixes: Fix[] = [];
  for (const fix of r.fixes ?? []) {
    if (!fix) continue;
    if (meta.fix === 'none') violation(`offers "${fix.title}" but declares no fix`);
    else if (fix.kind === 'fix' && meta.fix !== 'fix')
      violation(`offers the safe fix "${fix.title}" but declares only suggestions`);
    else fixes.push(fix);
  }
  return {
    ruleId: meta.id,
    ruleName: meta.name,
    messageId: r.messageId,
    severity,
    span: r.span,
    message: message(r.data),
    fixes,
  };
}

/** A YAML value with `${VAR}` references replaced by their values when every one is known. */
function resolveValue(ref: YamlRef | undefined, file: SourceFile, ws: Workspace): unknown {
  const v = ref?.value;
  if (typeof v !== 'string' || !v.includes('$')) return v;
  const { text: out, unknown } = ws.substitute(v, file.path);
  if (unknown && out === '') return v;
  // a whole-value reference takes the type the server would give the substituted text
  if (/^\$\{[^}]+\}$/.test(v.trim())) {
    if (/^-?\d+$/.test(out)) return Number(out);
    if (/^-?\d*\.\d+$/.test(out)) return Number(out);
  }
  return out;
}
