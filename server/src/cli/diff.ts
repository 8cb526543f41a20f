// Unified-diff output for --fix-dry-run, from the `diff` package's line diff. The output
// applies with `git apply` / `patch -p1` from the folder the paths are relative to,
// except on lines that hold a secret: those are masked, in context and changed lines alike.
import { structuredPatch, StructuredPatchHunk } from 'diff';
import { kindFromName } from '../engine/fileKinds';
import { maskSecretsInText } from '../engine/secretValue';

/**
 * Past this many changed lines the shortest edit script costs seconds (the search is
 * O(lines x changes)); the diff then replaces the whole changed middle of the file in one hunk,
 * which is what a rewrite of most lines amounts to anyway.
 */
const MAX_EDIT_LENGTH = 1000;
const NO_EOL = '\\ No newline at end of file';

/** Lines of a text, each with whether a line break ends it; "\r" stays on its line so CRLF files round-trip. */
function splitLines(text: string): { line: string; eol: boolean }[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const lastEol = parts[parts.length - 1] === '';
  if (lastEol) parts.pop();
  return parts.map((line, i) => ({ line, eol: i < parts.length - 1 || lastEol }));
}

/** One hunk that replaces everything between the common first and last lines. */
function replacementHunk(before: string, after: string, context: number): StructuredPatchHunk {
  const a = splitLines(before);
  const b = splitLines(after);
  const same = (x: { line: string; eol: boolean }, y: { line: string; eol: boolean }) => x.line === y.line && x.eol === y.eol;
  let pre = 0;
  while (pre < a.length && pre < b.length && same(a[pre], b[pre])) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && same(a[a.length - 1 - suf], b[b.length - 1 - suf])) suf++;
  const from = Math.max(0, pre - context);
  const tail = Math.min(suf, context);
  const lines: string[] = [];
  const push = (kind: string, l: { line: string; eol: boolean }) => lines.push(kind + l.line, ...(l.eol ? [] : [NO_EOL]));
  a.slice(from, pre).forEach((l) => push(' ', l));
  a.slice(pre, a.length - suf).forEach((l) => push('-', l));
  b.slice(pre, b.length - suf).forEach((l) => push('+', l));
  a.slice(a.length - suf, a.length - suf + tail).forEach((l) => push(' ', l));
  return {
    oldStart: from + 1,
    oldLines: a.length - suf + tail - from,
    newStart: from + 1,
    newLines: b.length - suf + tail - from,
    lines,
  };
}

/** A unified diff of two texts ('' when they are equal). */
export function unifiedDiff(before: string, after: string, oldName: string, newName: string, context = 3): string {
  if (before === after) return '';
  const patch = structuredPatch(oldName, newName, before, after, undefined, undefined, {
    context,
    maxEditLength: MAX_EDIT_LENGTH,
  });
  const hunks = patch?.hunks ?? [replacementHunk(before, after, context)];
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  for (const h of hunks) {
    // an empty side starts at the line before it, as diff(1) writes it
    const oldStart = h.oldLines ? h.oldStart : h.oldStart - 1;
    const newStart = h.newLines ? h.newStart : h.newStart - 1;
    out.push(`@@ -${oldStart},${h.oldLines} +${newStart},${h.newLines} @@`, ...h.lines);
  }
  return out.join('\n') + '\n';
}

/** The diff `--fix-dry-run` prints: secret values masked on both sides before diffing. */
export function maskedDiff(file: string, before: string, after: string, oldName: string, newName: string): string {
  const isEnv = kindFromName(file) === 'env';
  return unifiedDiff(maskSecretsInText(before, isEnv), maskSecretsInText(after, isEnv), oldName, newName);
}
