// Where an offset of a .env file is, as dotenv reads the file (the EnvModel):
// on an entry's key line, inside a multi-line quoted value, or in a comment.
// Hover and completion ask this instead of reading the line on their own, so a
// line inside a quoted value is never taken for a `KEY=value` line.
import { Quote } from '../documents/envModel';
import { SourceFile } from '../sourceFile';
import { Span } from '../types';

/** An entry of the file, or a key whose quoted value is not closed yet (the user is typing it). */
export interface EnvEntryAt {
  key: string;
  keySpan: Span;
  /** The value as dotenv reads it (an unclosed value: the rest of the line after the quote). */
  value: string;
  /** The value as written, quotes included (an unclosed value: up to the end of its line). */
  valueSpan: Span;
  quote: Quote;
  /** false: the quoted value is not closed yet. */
  closed: boolean;
  /** Zero-based line of the key. */
  keyLine: number;
}

export interface EnvPosition {
  /** The entry the offset belongs to: on its key line, or in its value. */
  entry?: EnvEntryAt;
  /** The offset's line is a later line of the entry, the rest of its multi-line quoted value (not a `KEY=` line). */
  continuationLine: boolean;
  /** The offset's line is a `#` comment line. */
  commentLine: boolean;
  /** The offset is inside a comment (after its `#`). */
  inComment: boolean;
}

export function envPosition(file: SourceFile, offset: number): EnvPosition {
  const model = file.env;
  const li = file.lines;
  const line = li.position(offset).line;
  const lineStart = li.lineStart(line);
  const lineEnd = li.lineEnd(line);
  const out: EnvPosition = { continuationLine: false, commentLine: false, inComment: false };
  const e = model.entries.find((x) => x.lineSpan.start <= offset && offset <= x.lineSpan.end);
  if (e) {
    const keyLine = li.position(e.keySpan.start).line;
    out.entry = { key: e.key, keySpan: e.keySpan, value: e.value, valueSpan: e.valueSpan, quote: e.quote, closed: true, keyLine };
    out.continuationLine = line > keyLine;
  } else {
    const p = model.problems.find(
      (x) => x.kind === 'unterminated-quote' && x.key !== undefined && x.span.start >= lineStart && x.span.start <= lineEnd,
    );
    if (p) {
      const valueSpan = { start: p.span.start, end: lineEnd };
      const quote = file.text[p.span.start] as Quote;
      out.entry = {
        key: p.key!,
        keySpan: p.keySpan!,
        value: file.text.slice(p.span.start + 1, lineEnd),
        valueSpan,
        quote,
        closed: false,
        keyLine: line,
      };
    }
  }
  for (const c of model.comments) {
    if (c.span.end < lineStart || c.span.start > lineEnd) continue;
    if (file.text.slice(lineStart, c.span.start).trim() === '') out.commentLine = true;
    if (offset > c.span.start && offset <= c.span.end) out.inComment = true;
  }
  return out;
}

/** Keys the file sets (entries, and keys whose quoted value is still open). */
export function envKeys(file: SourceFile): Set<string> {
  const out = new Set<string>(file.env.entries.map((e) => e.key));
  for (const p of file.env.problems) if (p.key !== undefined) out.add(p.key);
  return out;
}
