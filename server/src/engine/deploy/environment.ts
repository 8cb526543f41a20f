// A service's effective environment as the ENV rules read it (envSemantics' Environment):
// one entry per variable that takes effect, with spans in the file being analyzed when
// that file set the value, and no place here when another file did (that file reports it).
import { EnvEntry } from '../documents/envModel';
import { Environment } from '../envSemantics';
import { SourceFile } from '../sourceFile';
import { Span } from '../types';
import { serviceEnvEdits } from './envEdits';
import { EnvValue, Service } from './types';

/** The span of a value set in another file: findings on it are not this file's to report. */
const ELSEWHERE: Span = Object.freeze({ start: -1, end: -1 });

/** Whether a finding's span is a value set in another file (see ELSEWHERE). */
export function isElsewhere(span: Span): boolean {
  return span.start < 0;
}

/**
 * The environment of `service` as seen from `file`. Missing variables are judged only in
 * the file that defines the service, and only when every source it loads is here to read.
 */
export function serviceEnvironment(service: Service, file: SourceFile): Environment {
  const values = new Map<EnvEntry, string | undefined>();
  const byName = new Map<string, EnvEntry>();
  const sources = new Map<EnvEntry, EnvValue>();
  for (const v of service.env.values()) {
    const e = entryFor(v, file);
    values.set(e, v.value);
    byName.set(v.name, e);
    sources.set(e, v);
  }
  const complete = service.sources.every((s) => s.resolved !== undefined || s.optional);
  return {
    entries: [...byName.values()],
    get: (name) => byName.get(name),
    absentSpan: service.file === file.path ? service.span : ELSEWHERE,
    judgesMissing: service.file === file.path && complete,
    ofService: true,
    resolvedValue: (e) => values.get(e),
    edits: serviceEnvEdits(service, file, (e) => sources.get(e)),
  };
}

/** A file's own entries by where their key starts (each service asks for each of its values). */
const entriesByStart = new WeakMap<SourceFile, Map<number, EnvEntry>>();

function entryStartingAt(file: SourceFile, start: number): EnvEntry | undefined {
  let index = entriesByStart.get(file);
  if (!index) entriesByStart.set(file, (index = new Map(file.env.entries.map((e) => [e.keySpan.start, e]))));
  return index.get(start);
}

/** The entry of `v`: the env file's own entry when `file` is the env file that set it. */
function entryFor(v: EnvValue, file: SourceFile): EnvEntry {
  if (v.file !== file.path) return synthetic(v, ELSEWHERE, ELSEWHERE, -1);
  const own = entryStartingAt(file, (v.keySpan ?? v.span).start);
  if (own?.key === v.name) return own;
  const keySpan = v.keySpan ?? v.span;
  return synthetic(v, keySpan, v.span, file.lines.position(keySpan.start).line);
}

function synthetic(v: EnvValue, keySpan: Span, valueSpan: Span, line: number): EnvEntry {
  return {
    key: v.name,
    keySpan,
    value: v.value ?? '',
    valueSpan,
    quote: '',
    exported: false,
    lineSpan: { start: Math.min(keySpan.start, valueSpan.start), end: Math.max(keySpan.end, valueSpan.end) },
    line,
    spaceAroundEquals: false,
    rawAfterEquals: '',
  };
}
