// Applies safe fixes until none is left (at most 10 passes, as ESLint does).
// The editor's fix-all and the CLI's --fix both use it, so they give the same result.
import * as path from 'path';
import { isScalar } from 'yaml';
import { kindFromName } from '../fileKinds';
import { isUnread } from '../schema/readership';
import { schemaFor } from '../schema/schemaIndex';
import { SourceFile } from '../sourceFile';
import { Finding, Fix, TextEdit } from '../types';
import { applyEdits } from './applyEdits';

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

/** Edits of one pass: whole fixes, first come first served, none overlapping another. */
export function editsOfPass(findings: readonly Finding[], file: string): { edits: TextEdit[]; fixes: number } {
  const edits: TextEdit[] = [];
  let fixes = 0;
  for (const f of findings) {
    const fix = safeFix(f, file);
    if (!fix) continue;
    const mine = fix.changes.flatMap((c) => c.edits);
    if (mine.some((e, i) => edits.some((o) => overlaps(o, e)) || mine.some((o, j) => j < i && overlaps(o, e)))) continue;
    edits.push(...mine);
    fixes++;
  }
  return { edits, fixes };
}

export interface FixAllResult {
  text: string;
  /** Fixes applied, over all passes. */
  applied: number;
  /** The text still had safe fixes after the last pass. */
  passLimitReached: boolean;
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

/** Dotted paths of the scalar entries that `after` adds, changes or removes and the server does not read. */
export function unreadChanges(before: SourceFile, after: SourceFile): string[] {
  if (!isYamlPath(after.path) || before.text === after.text) return [];
  const name = schemaFor(kindFromName(after.path) === 'mig' ? 'mig' : 'config', after.path);
  if (!name) return [];
  const out = new Set<string>();
  for (const ref of after.yaml.refs) {
    if (!isScalar(ref.node) || ref.viaAlias) continue;
    const was = before.yaml.getIn(ref.docIndex, ref.path);
    if (was && isScalar(was.node) && was.value === ref.value) continue;
    if (isUnread(name, ref.path)) out.add(ref.path.join('.'));
  }
  // removed entries count too (a list item dropped from an unread key)
  for (const ref of before.yaml.refs) {
    if (!isScalar(ref.node) || ref.viaAlias || after.yaml.getIn(ref.docIndex, ref.path)) continue;
    if (isUnread(name, ref.path)) out.add(ref.path.join('.'));
  }
  return [...out];
}

/** Fixes a file in passes; `findingsOf` analyzes a version of it (with the caller's options). */
export function fixAll(
  file: SourceFile,
  findingsOf: (f: SourceFile) => readonly Finding[],
  only?: (f: Finding) => boolean,
): FixAllResult {
  const refused = syntaxErrorOf(file);
  // said only for a file the engine reports on (a broken YAML file that is not ThemisDB's stays silent)
  if (refused)
    return findingsOf(file).length
      ? { text: file.text, applied: 0, passLimitReached: false, refused: `it does not parse (${refused})`, noEffect: [] }
      : { text: file.text, applied: 0, passLimitReached: false, noEffect: [] };
  let current = file;
  const seen = new Set([file.text]);
  let applied = 0;
  const done = (passLimitReached: boolean): FixAllResult => ({
    text: current.text,
    applied,
    passLimitReached,
    noEffect: unreadChanges(file, current),
  });
  for (let pass = 1; ; pass++) {
    const findings = findingsOf(current);
    const { edits, fixes } = editsOfPass(only ? findings.filter(only) : findings, file.path);
    if (fixes === 0) return done(false);
    if (pass > MAX_PASSES) return done(true);
    const next = applyEdits(current.text, edits);
    if (seen.has(next)) return done(false); // fixes that undo each other
    seen.add(next);
    applied += fixes;
    current = new SourceFile(file.path, next);
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
