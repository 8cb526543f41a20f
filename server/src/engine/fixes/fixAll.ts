// Applies safe fixes until none is left (at most 10 passes, as ESLint does), each pass
// verified (verify.ts). The editor's fix-all and the CLI's --fix both use it, so they
// give the same result.
import { diffArrays } from 'diff';
import * as path from 'path';
import { LineIndex } from '../documents/lineIndex';
import { isScalar, parse, Scalar } from 'yaml';
import { kindFromName } from '../fileKinds';
import { DEFAULT_LIMITS, LIMIT_RULE_ID } from '../limits';
import { isUnread } from '../schema/readership';
import { schemaFor } from '../schema/schemaIndex';
import { SourceFile } from '../sourceFile';
import { Finding, Fix, TextEdit } from '../types';
import { applyEdits } from './applyEdits';
import { damage, FindingsOf, ownEdits, stillReported, verifyFix } from './verify';

export const MAX_PASSES = 10;

/**
 * The fix that fix-all may apply for a finding: the first of kind 'fix' whose edits
 * all stay in this very file. One that creates or edits another file changes more
 * than the file being fixed and is left to the user, like a suggestion.
 */
export function safeFix(finding: Finding, file: string): Fix | undefined {
  const self = path.resolve(file);
  return finding.fixes.find(
    (f) =>
      f.kind === 'fix' &&
      f.changes.length > 0 &&
      f.changes.every((c) => !c.create && path.resolve(c.path) === self && c.edits.length > 0),
  );
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // two insertions at one place conflict too: their order would be arbitrary
  return (
    (a.start < b.end && b.start < a.end) ||
    a.start === b.start ||
    (a.start === a.end && a.start > b.start && a.start < b.end) ||
    (b.start === b.end && b.start > a.start && b.start < a.end)
  );
}

/** Edits of one pass: whole fixes, first come first served, none overlapping another; `picked`: whose fixes they are. */
export function editsOfPass(findings: readonly Finding[], file: string): { edits: TextEdit[]; fixes: number; picked: Finding[] } {
  const edits: TextEdit[] = [];
  const picked: Finding[] = [];
  for (const f of findings) {
    const fix = safeFix(f, file);
    if (!fix) continue;
    const mine = fix.changes.flatMap((c) => c.edits);
    if (mine.some((e, i) => edits.some((o) => overlaps(o, e)) || mine.some((o, j) => j < i && overlaps(o, e)))) continue;
    edits.push(...mine);
    picked.push(f);
  }
  return { edits, fixes: picked.length, picked };
}

export interface FixAllResult {
  text: string;
  /** Fixes applied, over all passes. */
  applied: number;
  /** The text still had safe fixes after the last pass. */
  passLimitReached: boolean;
  /**
   * Why the passes stopped with fixes possibly left: `time`, the next analysis would have ended
   * past the time limit; `limit`, an analysis hit a limit of its own (a LIMIT finding), so the
   * fixes could not be checked against all findings.
   */
  stoppedAt?: 'time' | 'limit';
  /** Why nothing was fixed: the file does not parse (a fix never writes into it). */
  refused?: string;
  /** Keys the fixes set or changed that the server does not read (`server.enable_tls`): no effect on it. */
  noEffect: string[];
}

const isYamlPath = (p: string): boolean => /\.(?:ya?ml|json)$/i.test(p);

/** The first YAML syntax error of a file, as `line N: message` (a repeated key still parses). */
export function syntaxErrorOf(file: SourceFile): string | undefined {
  if (!isYamlPath(file.path)) return undefined;
  const p = file.yaml.problems.find((x) => x.code !== 'DUPLICATE_KEY');
  return p && `line ${file.lines.position(p.span.start).line + 1}: ${p.message}`;
}

/** The schema whose readership unreadChanges judges a file's keys by. */
const changesSchema = (filePath: string) => schemaFor(kindFromName(filePath) === 'mig' ? 'mig' : 'config', filePath);

/** Dotted paths of the scalar entries that `after` adds, changes or removes and the server does not read. */
export function unreadChanges(before: SourceFile, after: SourceFile): string[] {
  if (!isYamlPath(after.path) || before.text === after.text) return [];
  const name = changesSchema(after.path);
  if (!name) return [];
  // the values each entry had, repeated keys included: an entry that keeps its value did not change
  const had = new Map<string, { keys: string[]; values: unknown[] }>();
  for (const ref of scalarEntries(before)) {
    const k = `${ref.docIndex}\u0000${ref.path.join('\u0000')}`;
    const entry = had.get(k) ?? { keys: ref.path, values: [] };
    entry.values.push(ref.value);
    had.set(k, entry);
  }
  const out = new Set<string>();
  for (const ref of scalarEntries(after)) {
    const values = had.get(`${ref.docIndex}\u0000${ref.path.join('\u0000')}`)?.values;
    const i = values ? values.indexOf(ref.value) : -1;
    if (i >= 0) values!.splice(i, 1);
    else if (isUnread(name, ref.path)) out.add(ref.path.join('.'));
  }
  // what is left was removed (a list item dropped from an unread key)
  for (const { keys, values } of had.values()) if (values.length && isUnread(name, keys)) out.add(keys.join('.'));
  return [...out];
}

const scalarEntries = (file: SourceFile) => file.yaml.refs.filter((r) => isScalar(r.node) && !r.viaAlias);

/** A scalar written with no tag, anchor or escape that one of these replaces without changing the structure around it. */
const SIMPLE_STYLES = new Set<string | undefined>([Scalar.PLAIN, Scalar.QUOTE_DOUBLE, Scalar.QUOTE_SINGLE]);
// (a plain one neither starts a sequence item, `-`, nor ends the document, `...`)
const SIMPLE_SCALAR = /^(?:(?:[\w/]|\.(?!\.))[\w./+-]*|"[^"\\\n]*"|'[^'\n]*')$/;
/** The values of the plain scalars fixes write (`true`, `8443`, `TLS13`): a handful, each parsed once. */
const plainValues = new Map<string, unknown>();

/** The value of a text SIMPLE_SCALAR matches: a quoted one holds no escape, a plain one resolves as YAML 1.2 does. */
function simpleScalarValue(text: string): unknown {
  if (text[0] === '"' || text[0] === "'") return text.slice(1, -1);
  if (!plainValues.has(text)) {
    if (plainValues.size >= 1000) plainValues.clear();
    plainValues.set(text, parse(text));
  }
  return plainValues.get(text);
}

/**
 * unreadChanges(file, file with `edits` applied), answered from the file's own model without
 * parsing the result, for the fix most rules make: one edit that rewrites one scalar value
 * as another simple scalar (`enabled: false` -> `true`), so that entry alone changes, or not at
 * all when the new value reads the same. Undefined for any other edit: the caller parses.
 */
export function unreadValueChange(file: SourceFile, edits: readonly TextEdit[]): string[] | undefined {
  if (edits.length !== 1 || !isYamlPath(file.path) || !SIMPLE_SCALAR.test(edits[0].newText)) return undefined;
  const [edit] = edits;
  const model = file.yaml;
  const ref = model
    .startingAt(edit.start)
    .find((r) => r.valueSpan?.start === edit.start && r.valueSpan.end === edit.end && isScalar(r.node));
  const node = ref?.node as Scalar | undefined;
  if (!ref || !node || ref.viaAlias || node.tag || node.anchor || !SIMPLE_STYLES.has(node.type)) return undefined;
  if (model.getIn(ref.docIndex, ref.path) !== ref) return undefined; // a repeated key: the lookup finds another entry
  // a %YAML 1.1 directive reads plain values by other rules (`yes` is true there)
  if (model.docs[ref.docIndex]?.directives?.yaml.version !== '1.2') return undefined;
  const name = changesSchema(file.path);
  if (!name || simpleScalarValue(edit.newText) === ref.value) return [];
  return isUnread(name, ref.path) ? [ref.path.join('.')] : [];
}

interface Pass {
  file: SourceFile;
  /** The findings of the new text (the next pass starts from them). */
  findings: readonly Finding[];
  fixes: number;
}

/**
 * One pass whose result is verified: the non-overlapping fixes together when the text
 * they make passes `damage` and has none of their findings; else the fixes that fail
 * alone are dropped and the rest tried again, and when only their combination fails,
 * the first fix alone. Undefined when no fix is left.
 */
function verifiedPass(file: SourceFile, findings: readonly Finding[], findingsOf: FindingsOf): Pass | undefined {
  const rejected = new Set<Finding>();
  for (;;) {
    const { edits, picked } = editsOfPass(
      findings.filter((f) => !rejected.has(f)),
      file.path,
    );
    if (picked.length === 0) return undefined;
    const next = new SourceFile(file.path, applyEdits(file.text, edits));
    const after = findingsOf(next);
    const spans = picked.map((f) => f.span);
    if (!damage(file, next, spans) && !picked.some((f) => stillReported(f, edits, after)))
      return { file: next, findings: after, fixes: picked.length };
    const failing = picked.filter((f) => !verifyFix(file, f, safeFix(f, file.path)!, findingsOf));
    if (failing.length === 0) {
      // each is right alone, not together: one at a time
      const fix = safeFix(picked[0], file.path)!;
      const one = new SourceFile(file.path, applyEdits(file.text, ownEdits(fix, file.path)));
      return { file: one, findings: findingsOf(one), fixes: 1 };
    }
    failing.forEach((f) => rejected.add(f));
  }
}

/** What a stop of the passes (FixAllResult.stoppedAt) means for the user; `again`: how they run the fixes again. */
export function stoppedNote(at: 'time' | 'limit', again: string): string {
  return at === 'time'
    ? `stopped at the ${DEFAULT_LIMITS.timeMs / 1000} s time limit; ${again} for the rest`
    : 'not every fix was applied: an analysis of it hit a limit (its LIMIT finding says which), so the rest could not be checked';
}

/** Thrown by fixAll's own analyses: the next would end past the time limit, or one hit a limit. */
class PassesStopped extends Error {
  constructor(readonly at: 'time' | 'limit') {
    super(at);
  }
}

/**
 * Fixes a file in passes of verified fixes; `findingsOf` analyzes a version of it (with the
 * caller's options). The passes honour the time limit of an analysis: no analysis starts that
 * would end past it (judged by the slowest so far), and a pass cut short is not applied.
 */
export function fixAll(
  file: SourceFile,
  findingsOf: FindingsOf,
  only?: (f: Finding) => boolean,
  timeMs = DEFAULT_LIMITS.timeMs,
): FixAllResult {
  const deadline = performance.now() + timeMs;
  let slowest = 0;
  const timed: FindingsOf = (f) => {
    if (performance.now() + slowest > deadline) throw new PassesStopped('time');
    const started = performance.now();
    const found = findingsOf(f);
    slowest = Math.max(slowest, performance.now() - started);
    // not every rule ran, or not every finding is there: a fix cannot be checked against them
    if (found.some((x) => x.ruleId === LIMIT_RULE_ID)) throw new PassesStopped('limit');
    return found;
  };
  const refused = syntaxErrorOf(file);
  // said only for a file the engine reports on (a broken YAML file that is not ThemisDB's stays silent)
  if (refused)
    return findingsOf(file).length
      ? { text: file.text, applied: 0, passLimitReached: false, refused: `it does not parse (${refused})`, noEffect: [] }
      : { text: file.text, applied: 0, passLimitReached: false, noEffect: [] };
  let current = file;
  const seen = new Set([file.text]);
  let applied = 0;
  const done = (passLimitReached: boolean, stoppedAt?: 'time' | 'limit'): FixAllResult => ({
    text: current.text,
    applied,
    passLimitReached,
    ...(stoppedAt ? { stoppedAt } : {}),
    noEffect: unreadChanges(file, current),
  });
  try {
    let findings = timed(file);
    for (let pass = 1; ; pass++) {
      const next = verifiedPass(current, only ? findings.filter(only) : findings, timed);
      if (!next) return done(false);
      if (pass > MAX_PASSES) return done(true);
      if (seen.has(next.file.text)) return done(false); // fixes that undo each other
      seen.add(next.file.text);
      applied += next.fixes;
      current = next.file;
      findings = next.findings;
    }
  } catch (e) {
    if (e instanceof PassesStopped) return done(false, e.at); // the passes applied so far were each verified
    throw e;
  }
}

/** One edit that turns `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  return { start, end: endB, newText: after.slice(start, endA) };
}

/** The lines of a text, each with its line break. */
function linesWithBreaks(text: string): string[] {
  const li = new LineIndex(text);
  const out: string[] = [];
  for (let i = 0; i < li.lineCount; i++)
    out.push(text.slice(li.lineStart(i), i + 1 < li.lineCount ? li.lineStart(i + 1) : text.length));
  return out;
}

/**
 * The small edits that turn `before` into `after`, as vscode-eslint sends fix-all: the
 * changed lines found by a line diff, each hunk trimmed to the characters that differ,
 * so no unchanged text between two changes is sent again.
 */
export function minimalEdits(before: string, after: string): TextEdit[] {
  const edits: TextEdit[] = [];
  let offset = 0;
  let hunk: { start: number; removed: string; added: string } | undefined;
  const flush = () => {
    const e = hunk && minimalEdit(hunk.removed, hunk.added);
    if (e) edits.push({ start: hunk!.start + e.start, end: hunk!.start + e.end, newText: e.newText });
    hunk = undefined;
  };
  for (const part of diffArrays(linesWithBreaks(before), linesWithBreaks(after))) {
    const text = part.value.join('');
    if (!part.added && !part.removed) {
      flush();
      offset += text.length;
      continue;
    }
    hunk ??= { start: offset, removed: '', added: '' };
    if (part.removed) {
      hunk.removed += text;
      offset += text.length;
    } else hunk.added += text;
  }
  flush();
  return edits;
}
