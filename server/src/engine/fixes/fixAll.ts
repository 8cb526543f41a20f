// Applies safe fixes until none is left (at most 10 passes, as ESLint does).
// Used by the editor's fix-all and the CLI's --fix, so both give the same result.
import { analyze, AnalyzeOptions } from '../analyze';
import { SourceFile } from '../sourceFile';
import { Finding, TextEdit } from '../types';
import { Workspace } from '../workspace/workspace';
import { applyEdits } from './applyEdits';

const MAX_PASSES = 10;

/** Edits of a finding's safe fix that touch only its own file, or undefined. */
export function safeEdits(finding: Finding, filePath: string): TextEdit[] | undefined {
  const fix = finding.fixes.find((f) => f.kind === 'fix');
  if (!fix || fix.changes.some((c) => c.path !== filePath)) return undefined;
  return fix.changes.flatMap((c) => c.edits);
}

/** Non-overlapping safe-fix edits of these findings (first come, first served). */
export function collectSafeEdits(findings: Finding[], filePath: string): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const f of findings) {
    const edits = safeEdits(f, filePath);
    if (!edits) continue;
    if (edits.some((e) => taken.some((t) => e.start < t.end && t.start < e.end || (e.start === e.end && e.start === t.start)))) continue;
    taken.push(...edits);
  }
  return taken;
}

export interface FixAllResult {
  text: string;
  passes: number;
  /** Findings of the final text. */
  remaining: Finding[];
}

export function fixAll(file: SourceFile, ws: Workspace, options: AnalyzeOptions, only?: (f: Finding) => boolean): FixAllResult {
  let current = file;
  let passes = 0;
  let findings = analyze(current, ws, options).findings;
  while (passes < MAX_PASSES) {
    const edits = collectSafeEdits(only ? findings.filter(only) : findings, file.path);
    if (edits.length === 0) break;
    const text = applyEdits(current.text, edits);
    if (text === current.text) break;
    passes++;
    current = new SourceFile(file.path, text);
    findings = analyze(current, ws, options).findings;
  }
  return { text: current.text, passes, remaining: findings };
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
