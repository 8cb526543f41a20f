// Position-preserving model of a systemd unit file or drop-in (systemd.syntax(7)):
// `[Section]` headers, `Key=Value` lines, `#`/`;` comment lines, and lines ending in a
// backslash joined with the next one (the backslash reads as a space). Environment=
// is split into assignments the way systemd does: words separated by blanks, double
// and single quotes grouping, C escapes outside single quotes.
import { Span } from '../types';

/** A piece of a (possibly continued) value: `text[0]` sits at file offset `start`. */
export interface UnitSegment {
  start: number;
  text: string;
}

export interface UnitEntry {
  section: string;
  key: string;
  keySpan: Span;
  /** The value with continuations joined and outer blanks trimmed (quotes kept). */
  value: string;
  /** From the first to the last character of the value; empty right after `=` for an empty value. */
  valueSpan: Span;
  segments: UnitSegment[];
  /** Zero-based line of the key. */
  line: number;
}

export interface UnitSection {
  name: string;
  span: Span;
  line: number;
}

export interface UnitProblem {
  span: Span;
  line: number;
  message: string;
}

/** One `NAME=value` of an Environment= line. */
export interface UnitAssignment {
  name: string;
  value: string;
  keySpan: Span;
  valueSpan: Span;
  /** The whole word, quotes included. */
  wordSpan: Span;
}

export class SystemdUnit {
  readonly sections: UnitSection[] = [];
  readonly entries: UnitEntry[] = [];
  readonly problems: UnitProblem[] = [];

  constructor(readonly text: string) {
    this.parse();
  }

  /** Entries of `key` in `section` (every section of that name), in file order. */
  all(section: string, key: string): UnitEntry[] {
    return this.entries.filter((e) => e.section === section && e.key === key);
  }

  section(name: string): UnitSection | undefined {
    return this.sections.find((s) => s.name === name);
  }

  private parse(): void {
    const text = this.text;
    const lineRe = /[^\r\n]*(?:\r\n|\n|\r|$)/g;
    let section = '';
    let line = 0;
    let pending: { entry: UnitEntry; raw: UnitSegment[] } | undefined;
    for (let pos = 0; pos < text.length;) {
      lineRe.lastIndex = pos;
      const m = lineRe.exec(text)!;
      if (m[0].length === 0) break;
      const content = m[0].replace(/(?<![\r\n])[\r\n]+$/, '');
      const start = pos;
      pos += m[0].length;
      const trimmed = content.trim();
      const lead = content.length - content.trimStart().length;
      if (pending) {
        // comment lines inside a continuation are skipped, as systemd does
        if (!/^[#;]/.test(trimmed)) {
          const cont = content.endsWith('\\');
          pending.raw.push({ start, text: cont ? content.slice(0, -1) + ' ' : content });
          if (!cont) pending = this.finish(pending);
        }
      } else if (trimmed === '' || /^[#;]/.test(trimmed)) {
        // blank or comment
      } else if (trimmed.startsWith('[')) {
        const close = trimmed.indexOf(']');
        if (close < 0)
          this.problems.push({
            span: { start: start + lead, end: start + content.length },
            line,
            message: 'Section header without "]"',
          });
        section = trimmed.slice(1, close < 0 ? undefined : close).trim();
        this.sections.push({ name: section, span: { start: start + lead, end: start + lead + trimmed.length }, line });
      } else {
        const eq = content.indexOf('=');
        if (eq < 0) {
          this.problems.push({
            span: { start: start + lead, end: start + content.length },
            line,
            message: 'Line is not Key=Value',
          });
        } else {
          const key = content.slice(0, eq).trim();
          const keyStart = start + lead;
          const entry: UnitEntry = {
            section,
            key,
            keySpan: { start: keyStart, end: keyStart + key.length },
            value: '',
            valueSpan: { start: 0, end: 0 },
            segments: [],
            line,
          };
          const rest = content.slice(eq + 1);
          const cont = rest.endsWith('\\');
          pending = { entry, raw: [{ start: start + eq + 1, text: cont ? rest.slice(0, -1) + ' ' : rest }] };
          if (!cont) pending = this.finish(pending);
        }
      }
      line++;
    }
    if (pending) this.finish(pending); // a file that ends in a backslash
  }

  /** Joins the segments, trims outer blanks and records the entry. */
  private finish(p: { entry: UnitEntry; raw: UnitSegment[] }): undefined {
    const segs = p.raw.map((s) => ({ ...s }));
    // trim leading blanks (the first segment, and whole blank segments after it)
    while (segs.length && segs[0].text.trimStart() === '') segs.shift();
    if (segs.length) {
      const lead = segs[0].text.length - segs[0].text.trimStart().length;
      segs[0] = { start: segs[0].start + lead, text: segs[0].text.slice(lead) };
    }
    let value = segs.map((s) => s.text).join('');
    value = value.trimEnd();
    const entry = p.entry;
    entry.segments = segs;
    entry.value = value;
    const first = segs.length ? segs[0].start : p.raw[0].start;
    entry.valueSpan =
      value === '' ? { start: first, end: first } : { start: first, end: unitOffset(entry, value.length - 1) + 1 };
    this.entries.push(entry);
    return undefined;
  }
}

/** File offset of character `i` of an entry's value. */
export function unitOffset(entry: UnitEntry, i: number): number {
  let rest = i;
  for (const s of entry.segments) {
    if (rest < s.text.length) return s.start + rest;
    rest -= s.text.length;
  }
  const last = entry.segments[entry.segments.length - 1];
  return last ? last.start + last.text.length : entry.valueSpan.start;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  s: ' ',
  '\\': '\\',
  '"': '"',
  "'": "'",
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The assignments of an Environment= value. Words without `=` or with an invalid name are
 * left out (systemd ignores them with a warning); `invalid` lists their spans.
 */
export function environmentAssignments(entry: UnitEntry): { assignments: UnitAssignment[]; invalid: Span[] } {
  const assignments: UnitAssignment[] = [];
  const invalid: Span[] = [];
  const v = entry.value;
  let i = 0;
  while (i < v.length) {
    while (i < v.length && /\s/.test(v[i])) i++;
    if (i >= v.length) break;
    const wordStart = i;
    const chars: string[] = [];
    const at: number[] = [];
    let quote = '';
    for (; i < v.length; i++) {
      const c = v[i];
      if (!quote && /\s/.test(c)) break;
      if (quote === "'" ? c === "'" : !quote ? c === '"' || c === "'" : c === '"') {
        quote = quote ? '' : c;
        continue;
      }
      if (c === '\\' && quote !== "'" && i + 1 < v.length) {
        i++;
        chars.push(ESCAPES[v[i]] ?? v[i]);
        at.push(unitOffset(entry, i - 1));
        continue;
      }
      chars.push(c);
      at.push(unitOffset(entry, i));
    }
    const wordSpan = { start: unitOffset(entry, wordStart), end: unitOffset(entry, i - 1) + 1 };
    const word = chars.join('');
    const eq = word.indexOf('=');
    const name = eq < 0 ? '' : word.slice(0, eq);
    if (eq <= 0 || !ENV_NAME.test(name)) {
      invalid.push(wordSpan);
      continue;
    }
    const value = word.slice(eq + 1);
    const valueSpan = value === '' ? { start: at[eq] + 1, end: at[eq] + 1 } : { start: at[eq + 1], end: at[at.length - 1] + 1 };
    assignments.push({ name, value, keySpan: { start: at[0], end: at[eq - 1] + 1 }, valueSpan, wordSpan });
  }
  return { assignments, invalid };
}
