// The check every fix passes before it leaves the engine (fix-all, the CLI's --fix,
// the editor's code actions): the text it makes still parses, keeps every comment and
// every key the finding is not about, and no longer has the finding. A fix that fails
// is dropped, never applied in part.
import * as path from 'path';
import { Lexer } from 'yaml';
import { lfForLoneCr } from '../documents/yamlModel';
import { kindFromName, modeline } from '../fileKinds';
import { SourceFile } from '../sourceFile';
import { Finding, Fix, Span, TextEdit } from '../types';
import { applyEdits } from './applyEdits';

export type FindingsOf = (f: SourceFile) => readonly Finding[];

function isEnvFile(file: SourceFile): boolean {
  return kindFromName(file.path) === 'env' || modeline(file.text) === 'env';
}

/** Parse errors: the model's error problems (YAML) or unreadable lines (.env). */
function parseErrors(file: SourceFile): number {
  if (isEnvFile(file)) return file.env.problems.length;
  return file.yaml.problems.filter((p) => p.severity === 'error').length;
}

/** Each comment's text with how often it occurs (a comment turned into a value is lost); none of a .env at `skip`. */
function comments(file: SourceFile, skip: readonly Span[] = []): Map<string, number> {
  const out = new Map<string, number>();
  const add = (c: string) => out.set(c, (out.get(c) ?? 0) + 1);
  const skipped = (c: Span) => skip.some((s) => s.start < c.end && c.start < s.end);
  if (isEnvFile(file)) file.env.comments.forEach((c) => skipped(c.span) || add(c.text));
  else for (const token of new Lexer().lex(lfForLoneCr(file.text))) if (token.startsWith('#')) add(token.trim());
  return out;
}

/** Key paths of the written entries (sequence indexes as `#`, so removing an item moves no key). */
function keys(file: SourceFile, about: readonly Span[]): { all: Set<string>; related: Set<string> } {
  const all = new Set<string>();
  const related = new Set<string>();
  const touches = (s: Span) => about.some((a) => a.start <= s.end && s.start <= a.end);
  if (isEnvFile(file)) {
    for (const e of file.env.entries) {
      all.add(e.key);
      if (touches(e.lineSpan)) related.add(e.key);
    }
    return { all, related };
  }
  for (const r of file.yaml.refs) {
    if (!r.keySpan || r.viaAlias) continue;
    const key = `${r.docIndex}:${r.path.map((p) => (/^\d+$/.test(p) ? '#' : p)).join('.')}`;
    all.add(key);
    if (touches({ start: r.keySpan.start, end: r.valueSpan?.end ?? r.keySpan.end })) related.add(key);
  }
  // what is under a related entry goes with it
  for (const k of all) if ([...related].some((r) => k.startsWith(`${r}.`))) related.add(k);
  return { all, related };
}

/**
 * Why `after` is not a safe edit of `before`, or undefined when it is: it must not
 * parse worse, must keep every comment, and every key except those of the entries
 * the findings at `about` are on (a fix may remove the entry it reports). Only a
 * suggestion, which the user picks by its title, may turn a .env comment it reports
 * (`KEY=#value`) into a value: `rewrites` holds its span.
 */
export function damage(
  before: SourceFile,
  after: SourceFile,
  about: readonly Span[],
  rewrites: readonly Span[] = [],
): string | undefined {
  if (parseErrors(after) > parseErrors(before)) return 'the file would no longer parse';
  const kept = comments(after);
  for (const [c, n] of comments(before, rewrites)) if ((kept.get(c) ?? 0) < n) return 'a comment would be lost';
  const had = keys(before, about);
  const has = keys(after, []).all;
  for (const k of had.all) if (!has.has(k) && !had.related.has(k)) return 'a key would be lost';
  return undefined;
}

/** Where an offset of the text before `edits` lands after them (`edits` sorted, not overlapping). */
function mapOffset(offset: number, edits: readonly TextEdit[], atEnd: boolean): number {
  let shift = 0;
  for (const e of edits) {
    if (e.start >= offset) break;
    if (e.end > offset) return e.start + shift + (atEnd ? e.newText.length : 0); // inside the replaced text
    shift += e.newText.length - (e.end - e.start);
  }
  return offset + shift;
}

/** The finding (same rule and message) is still reported where it was, after `edits`. */
export function stillReported(finding: Finding, edits: readonly TextEdit[], after: readonly Finding[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const start = mapOffset(finding.span.start, sorted, false);
  const end = Math.max(start, mapOffset(finding.span.end, sorted, true));
  return after.some(
    (f) => f.ruleId === finding.ruleId && f.messageId === finding.messageId && f.span.start <= end && start <= f.span.end,
  );
}

/** The edits a fix makes to `file` itself. */
export function ownEdits(fix: Fix, file: string): TextEdit[] {
  const self = path.resolve(file);
  return fix.changes.filter((c) => path.resolve(c.path) === self).flatMap((c) => c.edits);
}

/**
 * Whether a fix may be offered: its edits of this file do no `damage`, and a fix that
 * changes only this file also makes the finding go away (one that writes other files
 * too, such as a move to `.env`, is judged on this file's text alone).
 */
export function verifyFix(file: SourceFile, finding: Finding, fix: Fix, findingsOf: FindingsOf): boolean {
  const edits = ownEdits(fix, file.path);
  if (edits.length === 0) return true;
  const after = new SourceFile(file.path, applyEdits(file.text, edits));
  if (damage(file, after, [finding.span], fix.kind === 'suggestion' ? [finding.span] : [])) return false;
  const onlyHere = fix.changes.every((c) => path.resolve(c.path) === path.resolve(file.path) && !c.create);
  return !onlyHere || !stillReported(finding, edits, findingsOf(after));
}
