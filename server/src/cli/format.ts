// Text (grouped or compact), JSON and GitHub-annotation output of themisdb-lint. Messages never contain a full
// secret: rules mask them, and no output format prints the files' text.
import * as path from 'path';
import { LineIndex } from '../engine/documents/lineIndex';
import { firstSentence } from '../engine/firstSentence';
import { Finding, Severity } from '../engine/types';
import { ruleDocUrl } from './ruleDocs';

/** One finding as the CLI reports it. */
export interface Reported {
  /** Absolute path. */
  file: string;
  /** Path relative to the working directory, forward slashes (absolute when outside it). */
  rel: string;
  ruleId: string;
  finding: Finding;
  /** 1-based, columns in UTF-16 code units like the editor's. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Line fingerprint, computed only for the runs that use it: SARIF (partialFingerprints) and baselines. */
  fingerprint?: string;
  /** --fix would apply a fix for it. */
  fixable: boolean;
}

export function place(lines: LineIndex, f: Finding): { line: number; column: number; endLine: number; endColumn: number } {
  const s = lines.position(f.span.start);
  const e = lines.position(f.span.end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

export interface JsonFinding {
  file: string;
  ruleId: string;
  ruleName: string;
  severity: Severity;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** --fix would fix it. */
  fixable: boolean;
  /** The rule's documentation page (absent when the package has no repository URL). */
  url?: string;
  /** With --no-inline-suppressions: the reason of the comment that silences it. */
  suppressed?: { reason: string };
}

export function toJsonFindings(reported: readonly Reported[], version: string): JsonFinding[] {
  return reported.map((r) => ({
    file: r.rel,
    ruleId: r.finding.ruleId,
    ruleName: r.finding.ruleName,
    severity: r.finding.severity,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
    message: r.finding.message,
    fixable: r.fixable,
    ...(ruleDocUrl(r.ruleId, version) ? { url: ruleDocUrl(r.ruleId, version) } : {}),
    ...(r.finding.suppressed ? { suppressed: r.finding.suppressed } : {}),
  }));
}

const ANNOTATION: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** GitHub's escaping of a workflow command's message: `%`, CR and LF. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** ... and of a property value, where `:` and `,` separate the parts. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one a finding:
 * `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=ID::message`. GitHub takes a
 * column range only within one line.
 */
export function formatGithub(reported: readonly Reported[]): string {
  return reported
    .map((r) => {
      const props = [`file=${escapeProperty(r.rel)}`, `line=${r.line}`, `col=${r.column}`, `endLine=${r.endLine}`];
      if (r.endLine === r.line) props.push(`endColumn=${r.endColumn}`);
      props.push(`title=${escapeProperty(r.ruleId)}`);
      return `::${ANNOTATION[r.finding.severity]} ${props.join(',')}::${escapeData(r.finding.message)}\n`;
    })
    .join('');
}

export function relative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}

/**
 * --color / --no-color first; then colour only on a terminal, never when NO_COLOR is set
 * (https://no-color.org: any non-empty value), and always when FORCE_COLOR is set to anything
 * but 0/false (even through a pipe).
 */
export function useColor(env: NodeJS.ProcessEnv, isTty: boolean, flag?: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return isTty && env.TERM !== 'dumb';
}

const COLORS: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '90' };

export interface TextSummary {
  filesChecked: number;
  /** Fixes --fix applied (undefined without --fix). */
  fixesApplied?: number;
  /** Findings hidden because the baseline lists them. */
  baselined?: number;
  /** Baseline entries of the checked files that match no finding any more. */
  staleBaseline?: number;
  /** The baseline in use, as the user would type it (for the hints). */
  baselineName?: string;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export type Paint = (code: string, s: string) => string;

export const painter =
  (color: boolean): Paint =>
  (code, s) =>
    color ? `\x1b[${code}m${s}\x1b[0m` : s;

/** The formats for people (the summary is part of the report). */
export function isTextFormat(format: string): boolean {
  return format === 'text' || format === 'compact';
}

/** The counts a summary and the exit code need, kept as the findings are reported. */
export type Tally = Record<Severity, number> & { fixable: number };

export const emptyTally = (): Tally => ({ error: 0, warning: 0, info: 0, hint: 0, fixable: 0 });

export function tallyOf(reported: readonly Reported[], into: Tally = emptyTally()): Tally {
  for (const r of reported) {
    into[r.finding.severity]++;
    if (r.fixable) into.fixable++;
  }
  return into;
}

export const problems = (t: Tally): number => t.error + t.warning + t.info + t.hint;

/** ESLint-stylish / Ruff-like, one file's block: its path, then `file:line:col  severity  message  RULE` a line. */
export function formatTextFile(group: readonly Reported[], paint: Paint): string {
  if (!group.length) return '';
  const lines = [paint('1;4', group[0].rel)];
  const wheres = group.map((r) => `${r.rel}:${r.line}:${r.column}`);
  const whereWidth = Math.max(...wheres.map((w) => w.length));
  const sevWidth = Math.max(...group.map((r) => r.finding.severity.length));
  group.forEach((r, i) => {
    const sev = r.finding.severity;
    const suppressed = r.finding.suppressed
      ? paint('90', `  (suppressed${r.finding.suppressed.reason ? `: ${r.finding.suppressed.reason}` : ''})`)
      : '';
    lines.push(
      `  ${wheres[i].padEnd(whereWidth)}  ${paint(COLORS[sev], sev.padEnd(sevWidth))}  ${r.finding.message}  ${paint('90', r.finding.ruleId)}${suppressed}`,
    );
  });
  return lines.join('\n') + '\n\n';
}

/**
 * One line a finding, `file:line:col: severity RULE first sentence` (ruff's concise and
 * eslint's compact output): for grep, editors' problem matchers and long runs.
 */
export function formatCompactLines(group: readonly Reported[], paint: Paint): string {
  return group
    .map((r) => {
      const sev = r.finding.severity;
      const suppressed = r.finding.suppressed ? paint('90', ' (suppressed)') : '';
      return `${r.rel}:${r.line}:${r.column}: ${paint(COLORS[sev], sev)} ${paint('90', r.ruleId)} ${firstSentence(r.finding.message)}${suppressed}\n`;
    })
    .join('');
}

/** The summary that ends a text or compact report. */
export function formatSummary(tally: Tally, summary: TextSummary, paint: Paint): string {
  const lines: string[] = [];
  const total = problems(tally);
  const parts = [
    plural(tally.error, 'error'),
    plural(tally.warning, 'warning'),
    `${tally.info} info`,
    plural(tally.hint, 'hint'),
  ];
  const worst = tally.error ? '31' : tally.warning ? '33' : '36';
  const head = total === 0 ? paint('32', '✓') : paint(worst, '✖');
  lines.push(`${head} ${plural(total, 'problem')} (${parts.join(', ')}) in ${plural(summary.filesChecked, 'ThemisDB file')}`);
  if (tally.fixable) lines.push(`  ${plural(tally.fixable, 'problem')} can be fixed with the --fix option.`);
  if (summary.fixesApplied !== undefined) lines.push(`  ${plural(summary.fixesApplied, 'fix', 'fixes')} applied.`);
  if (summary.baselined) lines.push(`  ${plural(summary.baselined, 'problem')} hidden by the baseline.`);
  if (summary.staleBaseline)
    lines.push(
      `  ${plural(summary.staleBaseline, 'baseline entry', 'baseline entries')} in ${summary.baselineName ?? 'the baseline'} no longer match${summary.staleBaseline === 1 ? 'es' : ''} a problem; remove ${summary.staleBaseline === 1 ? 'it' : 'them'} with --prune-baseline.`,
    );
  // a file named on the command line but too large to read is a problem, not a file checked
  if (summary.filesChecked === 0 && total === 0)
    lines.push(
      '  No ThemisDB file was found under the given paths: no config.yaml, security.yaml, mig.yaml or .env, and no compose file, manifest, Helm values or systemd unit that runs ThemisDB.',
    );
  return lines.join('\n') + '\n';
}
