// --fix / --fix-dry-run: applies the safe fixes of each file in passes, in memory (as
// workspace overlays, so later files and the final report see the fixed text).
import * as path from 'path';
import { applyEdits } from '../engine/fixes/applyEdits';
import { Finding, Fix, TextEdit } from '../engine/types';
import { Workspace } from '../engine/workspace/workspace';

export const MAX_PASSES = 10;

export interface FileFix {
  file: string;
  before: string;
  after: string;
  /** Fixes applied, over all passes. */
  applied: number;
  /** The file still had safe fixes after the last pass. */
  passLimitReached: boolean;
}

/**
 * The fix that --fix may apply for a finding: the first of kind 'fix' whose edits are all
 * to this very file. A fix that creates or edits another file changes more than the file
 * being checked and is left to the editor, like a suggestion.
 */
export function safeFix(finding: Finding, file: string): Fix | undefined {
  const self = path.resolve(file);
  return finding.fixes.find((f) => f.kind === 'fix' && f.changes.length > 0 && f.changes.every((c) => !c.create && path.resolve(c.path) === self && c.edits.length > 0));
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // two insertions at one place conflict too: their order would be arbitrary
  return (a.start < b.end && b.start < a.end) || a.start === b.start || (a.start === a.end && a.start > b.start && a.start < b.end) || (b.start === b.end && b.start > a.start && b.start < a.end);
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

/** Fixes one file in up to MAX_PASSES passes; `analyze` gives the findings of its current text. */
export function fixFile(ws: Workspace, file: string, analyze: () => Finding[]): FileFix | undefined {
  const before = ws.file(file)?.text;
  if (before === undefined) return undefined;
  let text = before;
  const seen = new Set([text]);
  let applied = 0;
  let passLimitReached = false;
  for (let pass = 1; ; pass++) {
    const { edits, fixes } = editsOfPass(analyze(), file);
    if (fixes === 0) break;
    if (pass > MAX_PASSES) {
      passLimitReached = true;
      break;
    }
    const next = applyEdits(text, edits);
    if (seen.has(next)) break; // no change, or fixes that undo each other
    seen.add(next);
    text = next;
    applied += fixes;
    ws.setOverlay(file, text);
  }
  return { file, before, after: text, applied, passLimitReached };
}
