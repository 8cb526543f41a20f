// The budgets that keep the analysis of any input short (README "Limits"): a file
// too large to analyze, rules stopped at the time budget, findings capped per file.
// Each limit hit becomes one finding that names it, under the pseudo rule LIMIT.
import { Finding, Span } from './types';

export interface Limits {
  /** Larger files are not analyzed (the YAML parser alone would take seconds and gigabytes). */
  maxBytes: number;
  /**
   * Lines (and, in YAML, flow-collection items) beyond which a file is not analyzed. The
   * parse and the deployment model of a compose file alone took 1.3–2.2 s here (2 cores)
   * at 30,000 lines, and 1.4–1.5 s at 19,500 lines of services merging an anchor, before
   * any rule ran.
   */
  maxItems: number;
  /**
   * Rules still to run when this much time has passed since the analysis began are skipped.
   * An input's budget is 2 s for the whole process; this leaves 1 s for a CLI's start, its
   * report and the other files of the input (a ConfigMap beside the Deployments that load it,
   * the .env beside a compose file: up to 0.45 s here), and for a rule that overruns the limit.
   */
  timeMs: number;
  /** Findings kept per file; one more finding says how many were left out. */
  maxFindings: number;
}

export const DEFAULT_LIMITS: Limits = { maxBytes: 1024 * 1024, maxItems: 15_000, timeMs: 1000, maxFindings: 1000 };

export const LIMIT_RULE_ID = 'LIMIT';

function limitFinding(message: string, span: Span): Finding {
  return { ruleId: LIMIT_RULE_ID, ruleName: 'analysis-limit', messageId: 'limit', severity: 'warning', span, message, fixes: [] };
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The finding of a file that is not analyzed at all because of its size, or undefined when it is within the limits. */
export function sizeLimitFinding(
  text: string,
  yaml: boolean,
  limits: Limits = DEFAULT_LIMITS,
  bytes = text.length,
): Finding | undefined {
  if (bytes > limits.maxBytes)
    return limitFinding(
      `This file was not analyzed: it is ${mb(bytes)}, over the size limit of ${mb(limits.maxBytes)} for one file.`,
      { start: 0, end: 0 },
    );
  // each item is one character: a text no longer than the limit cannot be over it
  if (text.length > limits.maxItems && countItems(text, yaml, limits.maxItems) > limits.maxItems)
    return limitFinding(
      `This file was not analyzed: it has more than ${limits.maxItems.toLocaleString('en-US')} ${yaml ? 'lines and flow-collection items' : 'lines'}, the limit for one file.`,
      { start: 0, end: 0 },
    );
  return undefined;
}

/** The last count: a keystroke asks for the same text's count more than once (the analysis, the deployment check). */
let counted = { text: '', yaml: false, max: 0, n: 0 };

/**
 * Line breaks, plus in YAML the characters that open a flow collection or separate its items
 * (about one node each for the parser; a closer adds none); stops past `max`.
 */
function countItems(text: string, yaml: boolean, max: number): number {
  if (counted.text === text && counted.yaml === yaml && counted.max === max) return counted.n;
  const n = itemsIn(text, yaml, max);
  counted = { text, yaml, max, n };
  return n;
}

function itemsIn(text: string, yaml: boolean, max: number): number {
  let n = 0;
  // one native search per character counted: the analysis runs this on every keystroke
  for (const c of yaml ? ['\n', ',', '['] : ['\n'])
    for (let i = text.indexOf(c); i >= 0 && n <= max; i = text.indexOf(c, i + 1)) n++;
  // the brace of a `${VAR}` interpolation opens no mapping: a compose file has one on many lines
  if (yaml) for (let i = text.indexOf('{'); i >= 0 && n <= max; i = text.indexOf('{', i + 1)) if (text[i - 1] !== '$') n++;
  // a lone carriage return ends a line too, for the parsers as for the line index
  for (let i = text.indexOf('\r'); i >= 0 && n <= max; i = text.indexOf('\r', i + 1)) if (text[i + 1] !== '\n') n++;
  return n;
}

/** The finding of an analysis that stopped at the time budget before every rule ran (or finished: `skipped[0]` may have judged some environments). */
export function timeLimitFinding(limits: Limits, skipped: readonly string[]): Finding {
  return limitFinding(
    `The analysis of this file stopped at the time limit of ${limits.timeMs / 1000} s: ${skipped.length} rule${skipped.length === 1 ? '' : 's'} did not run or did not finish (${skipped.slice(0, 5).join(', ')}${skipped.length > 5 ? ', …' : ''}), so problems may be missing.`,
    { start: 0, end: 0 },
  );
}

/** The finding of a YAML model that left entries out (alias expansion past its budget, or nesting too deep). */
export function truncatedModelFinding(): Finding {
  return limitFinding(
    'Part of this file was not checked: its aliases expand to more entries than the limit (ten per entry written, at least 10,000, at most 50,000), or it nests deeper than 64 levels.',
    { start: 0, end: 0 },
  );
}

/**
 * The values a deployment model reads from env files, Secrets and ConfigMaps, across all
 * services (deploy/env.ts ReadBudget): a file loaded by many services is read once for each,
 * so a small workspace can ask for millions (2,000 services loading one 2,000-line .env).
 */
export const MAX_READ_VALUES = 50_000;

/**
 * Services whose sources were left unread (Service.unread), and why, as the LIMIT finding
 * and the posture views say it: "2 ThemisDB services (a, b) … : the services … limit".
 */
export function unreadServicesText(names: readonly string[]): { services: string; why: string } {
  const n = names.length;
  const listed = `${names.slice(0, 3).join(', ')}${n > 3 ? ', …' : ''}`;
  return {
    services: `${n.toLocaleString('en-US')} ThemisDB service${n === 1 ? '' : 's'} (${listed})`,
    why: `the workspace's services had already read ${MAX_READ_VALUES.toLocaleString('en-US')} values from env files, Secrets and ConfigMaps, the limit, so what ${n === 1 ? 'it loads' : 'they load'} is not known`,
  };
}

/** The finding of a file whose services were left unjudged (unreadServicesText). */
export function unreadServicesFinding(names: readonly string[]): Finding {
  const { services, why } = unreadServicesText(names);
  const verb = names.length === 1 ? 'was' : 'were';
  return limitFinding(`${services} defined in or loading this file ${verb} not checked: ${why}.`, { start: 0, end: 0 });
}

/** The first `maxFindings` findings, and one finding that counts the rest. */
export function capFindings(findings: Finding[], limits: Limits): Finding[] {
  if (findings.length <= limits.maxFindings) return findings;
  const rest = findings.length - limits.maxFindings;
  const next = findings[limits.maxFindings];
  return [
    ...findings.slice(0, limits.maxFindings),
    limitFinding(
      `${rest.toLocaleString('en-US')} more finding${rest === 1 ? '' : 's'} in this file ${rest === 1 ? 'is' : 'are'} not shown: at most ${limits.maxFindings.toLocaleString('en-US')} are reported per file.`,
      next.span,
    ),
  ];
}
