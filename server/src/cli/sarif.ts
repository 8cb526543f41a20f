// SARIF 2.1.0 output, shaped for GitHub code scanning (upload-sarif) to take as it is: our
// fingerprint under a namespaced key (GitHub computes primaryLocationLineHash itself and warns
// when a tool's differs), helpUri at the public rule page of this version. Holds no file text:
// no snippets, no contextRegion; messages are the rules' own (secrets masked).
import * as path from 'path';
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { pathToFileURL } from 'url';
import { CATALOG, RuleMeta } from '../engine/rules/catalog';
import { defaultSeverity } from '../engine/rules/rule';
import { Severity } from '../engine/types';
import { Reported } from './format';
import { projectUrls, readRuleDoc, ruleDocUrl } from './ruleDocs';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const AUTOMATION_ID = 'themisdb-lint/';
/** partialFingerprints key of our line-shift-proof fingerprint; a new algorithm gets a new version. */
export const FINGERPRINT_KEY = 'themisdb/v1';

type Level = 'error' | 'warning' | 'note';

export const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * GitHub's security-severity (0.1-10) by the rule's production severity. GitHub shows 7.0-8.9
 * as high, 4.0-6.9 medium, 0.1-3.9 low: an error (exploitable as configured) is high, a
 * warning (weakens defence in depth) medium, info and hint low.
 */
export const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0', hint: '1.0' };

export interface SarifContext {
  cwd: string;
  version: string;
  /** Rule failures during the run, reported as tool notifications. */
  ruleErrors: { ruleId: string; file: string; message: string }[];
}

const FALLBACK_HOME = 'https://www.npmjs.com/package/themisdb-config';

function ruleDescriptor(meta: RuleMeta, version: string): ReportingDescriptor {
  const doc = readRuleDoc(meta.id);
  const family = meta.id.replace(/(?<!\d)\d+$/, '').toLowerCase();
  const helpUri = doc ? ruleDocUrl(meta.id, version) : undefined;
  return {
    id: meta.id,
    name: meta.name,
    shortDescription: { text: doc?.summary ?? meta.name },
    fullDescription: { text: doc?.full ?? meta.name },
    ...(helpUri ? { helpUri } : {}),
    help: doc ? { text: doc.text, markdown: doc.markdown } : { text: `${meta.id} ${meta.name}` },
    defaultConfiguration: { level: LEVEL[defaultSeverity(meta)] },
    properties: {
      tags: ['security', family],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[defaultSeverity(meta)],
    },
  };
}

/** Relative, forward-slash, percent-encoded URI for files under cwd; a file: URI otherwise. */
export function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(cwd, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** One finding as a SARIF result. */
export function sarifResult(r: Reported, cwd: string): Result {
  const i = RULE_INDEX.get(r.finding.ruleId);
  const suppressed = r.finding.suppressed;
  return {
    ruleId: r.finding.ruleId,
    ...(i === undefined ? {} : { ruleIndex: i }),
    level: LEVEL[r.finding.severity],
    message: { text: r.finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(r.file, cwd),
          region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: r.fingerprint! },
    // --no-inline-suppressions: the comment that silenced it, as an in-source suppression
    ...(suppressed
      ? { suppressions: [{ kind: 'inSource', ...(suppressed.reason ? { justification: suppressed.reason } : {}) }] }
      : {}),
  };
}

const RULES = [...CATALOG.values()];
const RULE_INDEX = new Map(RULES.map((r, i) => [r.id, i]));

/**
 * The log around its results. The results come before the invocation, which tells how the
 * run went: the CLI writes the results as it goes (report.ts) and the invocation at the end.
 */
export function sarifLog(results: Result[], ctx: SarifContext): Log {
  const notifications = ctx.ruleErrors.map((e): Notification => ({
    level: 'error',
    message: { text: `Rule ${e.ruleId} failed: ${e.message}` },
    associatedRule: { id: e.ruleId, ...(RULE_INDEX.has(e.ruleId) ? { index: RULE_INDEX.get(e.ruleId) } : {}) },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(e.file, ctx.cwd) } }],
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'themisdb-lint',
            version: ctx.version,
            ...(/^\d+\.\d+\.\d+/.test(ctx.version) ? { semanticVersion: ctx.version } : {}),
            informationUri: projectUrls().home ?? FALLBACK_HOME,
            rules: RULES.map((meta) => ruleDescriptor(meta, ctx.version)),
          },
        },
        automationDetails: { id: AUTOMATION_ID },
        originalUriBaseIds: {
          '%SRCROOT%': { uri: pathToFileURL(ctx.cwd.endsWith(path.sep) ? ctx.cwd : ctx.cwd + path.sep).href },
        },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: notifications.length === 0,
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
      },
    ],
  };
}
