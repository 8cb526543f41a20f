// What a rule is and what it can see. A rule is one module: its metadata (the
// catalog row, its messages, the fix kind it may offer) and a check that reads
// the document model of one file (and the workspace around it) and reports
// findings by messageId. The pipeline (analyze.ts) enforces what `meta` declares.
import { YamlRef } from '../documents/yamlModel';
import { SourceFile } from '../sourceFile';
import { FileEdit, FileKind, Fix, FixKind, Profile, Severity, Span, TextEdit } from '../types';
import { Workspace } from '../workspace/workspace';

/** A message is a function of the finding's typed data; its first sentence says what is wrong. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each rule narrows the data type of its own messages
export type Messages = Record<string, (data: any) => string>;

export interface RuleMeta<M extends Messages = Messages> {
  /** Fixed ID (never renumbered): settings, suppressions, SARIF and baselines use it. */
  id: string;
  /** Fixed kebab-case name, accepted wherever an ID is. */
  name: string;
  kinds: readonly FileKind[];
  /**
   * Severity under the production profile. Several where the catalog gives more
   * than one (E/W): then each report names the one that applies (the first is the default).
   */
  severity: Severity | readonly Severity[];
  /** Under the development profile these findings drop to hint. */
  productionOnly: boolean;
  /** The strongest fix the rule may offer: `fix` (applied by fix-all), `suggestion`, or `none`. */
  fix: FixKind | 'none';
  /** Rules whose findings on an overlapping span this rule's findings replace (the more specific rule wins). */
  supersedes: readonly string[];
  /**
   * The rule's findings in a file are those it makes on each top-level block alone: it reads
   * nothing of the other blocks and no other file but the `.env` values it substitutes. The
   * server then re-runs it only on the blocks an edit changed (engine/blockFindings.ts).
   */
  blockLocal?: boolean;
  messages: M;
  /** Runs after every other rule, so `ctx.toldByFinding` knows their findings (SCH006). */
  runsLast?: boolean;
}

type ReportOf<M extends Messages, K extends keyof M & string> = {
  messageId: K;
  span: Span;
  /** Only for rules with two severities: the one that applies. */
  severity?: Severity;
  /** Fixes built with `ctx.fix` / `ctx.suggest`; undefined entries (fixes that could not be built) are dropped. */
  fixes?: (Fix | undefined)[];
  /**
   * The key a finding about something missing asks for (`['storage', 'encryption', 'enabled']`):
   * the pipeline then tells whether the server reads it, and drops the finding while the file does not parse.
   * A finding on an existing key needs none: its key is the one at its span.
   */
  asks?: readonly string[];
} & (Parameters<M[K]> extends [] ? { data?: undefined } : { data: Parameters<M[K]>[0] });

export type Report<M extends Messages = Messages> = { [K in keyof M & string]: ReportOf<M, K> }[keyof M & string];

/** What a fix is made of: edits of the file being checked, and whole-file edits of others (`create` for new files). */
export type FixPart = TextEdit | FileEdit | undefined;

export interface FixOptions {
  /** Shown with the action (e.g. ".env is not git-ignored"). */
  note?: string;
}

export interface RuleContext<M extends Messages = Messages> {
  readonly file: SourceFile;
  readonly kind: FileKind;
  readonly workspace: Workspace;
  readonly profile: Profile;
  report(report: Report<M>): void;
  /** A YAML value with `${VAR}` / `${VAR:-default}` substituted where the variable is known. */
  resolved(ref: YamlRef | undefined): unknown;
  /**
   * A safe fix (applied by fix-all) from its edits; undefined when any edit could
   * not be computed (a partial fix is never offered).
   */
  fix(title: string, parts: readonly FixPart[], options?: FixOptions): Fix | undefined;
  /** Like `fix`, for a suggestion: offered in the lightbulb, never applied by fix-all. */
  suggest(title: string, parts: readonly FixPart[], options?: FixOptions): Fix | undefined;
  /**
   * Whether a security finding already tells the story of this unread key (its message says the
   * server does not read it). Complete only for rules with `meta.runsLast`.
   */
  toldByFinding(ref: YamlRef): boolean;
  /** Whether a finding tells the story of this key or of a key under it (through mapping keys only): toldByFinding of the subtree, without walking it. */
  toldWithin(ref: YamlRef): boolean;
  /** The key offsets in [start, end) whose story a finding tells, in order (what toldByFinding and toldWithin answer from there). */
  toldIn(start: number, end: number): number[];
}

export interface Rule<M extends Messages = Messages> {
  meta: RuleMeta<M>;
  check(ctx: RuleContext<M>): void;
}

export function defineRule<M extends Messages>(rule: Rule<M>): Rule {
  return rule as unknown as Rule;
}

/** Builds one fix for `file`; undefined when a part is missing or there is nothing to change. */
export function buildFix(
  file: string,
  title: string,
  kind: FixKind,
  parts: readonly FixPart[],
  options: FixOptions = {},
): Fix | undefined {
  if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
  const own: TextEdit[] = [];
  const changes: FileEdit[] = [];
  for (const p of parts as (TextEdit | FileEdit)[]) {
    if ('path' in p) changes.push(p);
    else own.push(p);
  }
  if (own.length) changes.unshift({ path: file, edits: own });
  if (changes.every((c) => c.edits.length === 0 && !c.create)) return undefined;
  return { title, kind, changes, ...(options.note ? { note: options.note } : {}) };
}

/** The severities a rule may report. */
export function severitiesOf(meta: RuleMeta): readonly Severity[] {
  return typeof meta.severity === 'string' ? [meta.severity] : meta.severity;
}

/** The production severity a finding gets when the report names none. */
export function defaultSeverity(meta: RuleMeta): Severity {
  return severitiesOf(meta)[0];
}
