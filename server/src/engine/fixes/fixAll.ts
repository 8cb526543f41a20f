// Applies safe fixes until none is left (at most 10 passes, as ESLint does).
// The editor's fix-all and the CLI's --fix both use it, so they give the same result.
import * as path from 'path';
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
}

/** Fixes a file in passes; `findingsOf` analyzes a version of it (with the caller's options). */
export function fixAll(
  file: SourceFile,
  findingsOf: (f: SourceFile) => readonly Finding[],
  only?: (f: Finding) => boolean,
): FixAllResult {
  let current = file;
  const seen = new Set([file.text]);
  let applied = 0;
  for (let pass = 1; ; pass++) {
    const findings = findingsOf(current);
    const { edits, fixes } = editsOfPass(only ? findings.filter(only) : findings, file.path);
    if (fixes === 0) return { text: current.text, applied, passLimitReached: false };
    if (pass > MAX_PASSES) return { text: current.text, applied, passLimitReached: true };
    const next = applyEdits(current.text, edits);
    if (seen.has(next)) return { text: current.text, applied, passLimitReached: false }; // fixes that undo each other
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
