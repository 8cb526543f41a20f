// Position-preserving model of a dotenv file. Agrees with the dotenv package on what a line
// means: optional `export `, `#` comments, single/double/backtick quotes (multi-line allowed),
// `\n` escapes in double quotes, unquoted values that end at the first `#` and are trimmed,
// and a quoted value followed by more text (`A="x"junk`, `A='it''s'`) read as an unquoted one
// (test/unit/dotenvDifferential.test.mjs compares the two on generated lines).
// Deliberate differences, where dotenv is not what the ThemisDB server ends up with (its .env
// files are read by Docker Compose, systemd's EnvironmentFile= or a shell, never by dotenv):
//   - `\"` inside double quotes is a `"` (all three unescape it; dotenv keeps the backslash);
//   - a quote that is never closed is a problem (DOT004) and no entry, where dotenv reads the
//     quote and the rest of the line literally;
//   - blanks around `=` end at the line break: `A=` is empty even when the next line starts with a
//     quote, and a line `x` above a line `=1` is no assignment (dotenv lets those blanks run
//     across lines, so it reads A as the quoted line and x as 1).
//   - `A: b` is an invalid line, not an assignment (dotenv also reads YAML-style lines).
import { Span } from '../types';

export type Quote = '"' | "'" | '`' | '';

export interface EnvEntry {
  key: string;
  keySpan: Span;
  /** The value as dotenv reads it (quotes removed, escapes applied, not yet expanded). */
  value: string;
  /** The value as written, quotes included; empty span right after `=` for an empty value. */
  valueSpan: Span;
  quote: Quote;
  exported: boolean;
  /** Whole entry, from the first character of the line to the end of its value or comment. */
  lineSpan: Span;
  /** Zero-based line of the key. */
  line: number;
  /** Spaces around `=` (dotenv tolerates them, shells do not). */
  spaceAroundEquals: boolean;
  /** Raw text after `=` on the first line, used to explain what dotenv would cut. */
  rawAfterEquals: string;
}

export type EnvProblemKind = 'invalid-line' | 'unterminated-quote';

export interface EnvProblem {
  kind: EnvProblemKind;
  span: Span;
  line: number;
  /** unterminated-quote: the key whose value never closes (for hover and completion while typing). */
  key?: string;
  keySpan?: Span;
}

export interface EnvComment {
  span: Span;
  text: string;
  line: number;
}

const KEY_LINE = /^([ \t]*)(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*|[^=\s#]+)([ \t]*)=([ \t]*)/;

export class EnvModel {
  readonly entries: EnvEntry[] = [];
  readonly problems: EnvProblem[] = [];
  readonly comments: EnvComment[] = [];
  private readonly last = new Map<string, EnvEntry>();

  constructor(readonly text: string) {
    this.parse();
  }

  /** The entry that takes effect for a key: the last one, as in dotenv's parse. */
  get(key: string): EnvEntry | undefined {
    return this.last.get(key);
  }

  has(key: string): boolean {
    return this.last.has(key);
  }

  private parse(): void {
    const text = this.text;
    const lineRe = /[^\r\n]*(\r\n|\n|\r|$)/g;
    let line = 0;
    let pos = 0;
    while (pos < text.length) {
      lineRe.lastIndex = pos;
      const m = lineRe.exec(text)!;
      const lineText = m[0].replace(/(?<![\r\n])[\r\n]+$/, '');
      const lineStart = pos;
      let next = pos + m[0].length;
      if (m[0].length === 0) break;
      const trimmed = lineText.trim();
      if (trimmed === '') {
        // blank
      } else if (trimmed.startsWith('#')) {
        const start = lineStart + lineText.indexOf('#');
        this.comments.push({ span: { start, end: lineStart + lineText.length }, text: trimmed, line });
      } else {
        const km = KEY_LINE.exec(lineText);
        if (!km || !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(km[3])) {
          // `KEY value`, `=value`, garbage: neither dotenv nor a shell reads it.
          this.problems.push({
            kind: 'invalid-line',
            span: { start: lineStart + (lineText.length - lineText.trimStart().length), end: lineStart + lineText.length },
            line,
          });
        } else {
          const keyStart = lineStart + km[1].length + (km[2]?.length ?? 0);
          const valueStart = lineStart + km[0].length;
          const entry = this.readValue(valueStart, lineStart, lineText, km, keyStart, line);
          if (entry) {
            this.entries.push(entry);
            this.last.set(entry.key, entry);
            const consumedTo = entry.lineSpan.end;
            if (consumedTo > lineStart + lineText.length) {
              // a multi-line quoted value: continue after the line it ends on
              const rest = /[^\r\n]*(\r\n|\n|\r|$)/y;
              rest.lastIndex = consumedTo;
              const r = rest.exec(text)!;
              next = consumedTo + r[0].length;
              line += countBreaks(text.slice(lineStart, consumedTo)) - 1; // the value's own line breaks
            }
          }
        }
      }
      pos = next;
      line++;
    }
  }

  private readValue(
    valueStart: number,
    lineStart: number,
    lineText: string,
    km: RegExpExecArray,
    keyStart: number,
    line: number,
  ): EnvEntry | undefined {
    const text = this.text;
    const key = km[3];
    const keySpan = { start: keyStart, end: keyStart + key.length };
    // one object literal per entry (a spread of shared fields costs more than the rest of the parse)
    const entry = (value: string, valueSpan: Span, quote: Quote, end: number): EnvEntry => ({
      key,
      keySpan,
      value,
      valueSpan,
      quote,
      exported: !!km[2],
      lineSpan: { start: lineStart, end },
      line,
      spaceAroundEquals: km[4].length > 0 || km[5].length > 0,
      rawAfterEquals: lineText.slice(km[0].length),
    });
    const first = text[valueStart];
    DOTENV_VALUE.lastIndex = valueStart;
    const dm = DOTENV_VALUE.exec(text);
    const quoted = dm?.groups?.quoted;
    if (quoted !== undefined) {
      const close = valueStart + quoted.length - 1;
      const q = first as Quote;
      const valueSpan = { start: valueStart, end: close + 1 };
      let endOfLine = close + 1;
      while (endOfLine < text.length && text[endOfLine] !== '\n' && text[endOfLine] !== '\r') endOfLine++;
      this.noteTrailingComment(
        text.slice(close + 1, endOfLine),
        close + 1,
        line + countBreaks(text.slice(valueStart, close)) - 1,
      );
      const value = unescape(quoted.slice(1, -1), q);
      return entry(value, valueSpan, q, endOfLine);
    }
    const raw = lineText.slice(km[0].length);
    if ((first === '"' || first === "'" || first === '`') && !raw.includes(first, 1)) {
      this.problems.push({
        kind: 'unterminated-quote',
        span: { start: valueStart, end: lineStart + lineText.length },
        line,
        key,
        keySpan,
      });
      return undefined;
    }
    const hash = raw.indexOf('#');
    const body = hash >= 0 ? raw.slice(0, hash) : raw;
    const valueSpan = { start: valueStart, end: valueStart + body.trimEnd().length };
    if (hash >= 0) this.noteTrailingComment(raw.slice(hash), valueStart + hash, line);
    // dotenv strips one pair of quotes around the whole of an unquoted value (`'it''s'` -> `it''s`)
    const trimmed = body.trim();
    const wrapped = /^(['"`])([\s\S]*)\1$/.exec(trimmed);
    const quote = (wrapped?.[1] ?? '') as Quote;
    // ...and, like dotenv, applies the double-quote escapes to any value that starts with `"`
    const value = wrapped ? unescape(wrapped[2], quote) : trimmed.startsWith('"') ? newlineEscapes(trimmed) : trimmed;
    return entry(value, valueSpan, quote, lineStart + lineText.length);
  }

  private noteTrailingComment(tail: string, tailStart: number, line: number): void {
    const i = tail.indexOf('#');
    if (i >= 0 && tail.slice(0, i).trim() === '') {
      this.comments.push({ span: { start: tailStart + i, end: tailStart + tail.length }, text: tail.slice(i).trim(), line });
    }
  }
}

/**
 * dotenv's own reading of what follows `=` (its LINE expression from the value on): a quoted
 * value counts only when blanks or a comment follow its closing quote; otherwise the text up to
 * `#` is the value. A backslash before the quote character does not close the quote.
 */
const DOTENV_VALUE =
  /(?:(?<quoted>'(?:\\'|[^'])*'|"(?:\\"|[^"])*"|`(?:\\`|[^`])*`)|[^#\r\n]+)?[^\S\r\n]*(?:#[^\r\n]*)?(?=\r|\n|$(?![\s\S]))/y;

/**
 * A quoted value's text: line breaks of a multi-line value as `\n` (dotenv reads CRLF files so),
 * `\n` and `\r` escapes in double quotes (as dotenv), and `\"` (as Compose and systemd).
 */
function unescape(inner: string, quote: Quote): string {
  const text = inner.replace(/\r\n?/g, '\n');
  return quote === '"' ? newlineEscapes(text).replace(/\\"/g, '"') : text;
}

function newlineEscapes(s: string): string {
  return s.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
}

function countBreaks(s: string): number {
  return (s.match(/\r\n|\n|\r/g) ?? []).length + 1;
}

/** `${VAR}`, `${VAR:-default}` and `$VAR` references inside a string, with their offsets in it. */
export interface VarRef {
  name: string;
  fallback?: string;
  start: number;
  end: number;
}

/**
 * Whether `s` holds a `${…}` that is closed (`nonEmpty`: with something between the
 * braces). Linear: the regex \$\{[^}]*\} rescans the rest of the text from every `${`.
 */
export function hasBracedRef(s: string, nonEmpty = false): boolean {
  for (let i = s.indexOf('${'); i >= 0; i = s.indexOf('${', i + 1)) {
    const close = s.indexOf('}', i + 2);
    if (close < 0) return false;
    if (!nonEmpty || close > i + 2) return true;
  }
  return false;
}

interface RefMatch {
  whole: string;
  index: number;
  braced?: string;
  fallback?: string;
  bare?: string;
}

const REF = /\\?\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
const BARE_REF = /\\?\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Every `${VAR}`, `${VAR:-default}` and `$VAR` (escaped ones included), in order.
 * After the last `}` only the bare form can match: there REF would rescan the rest
 * of the text from every `${` (quadratic on `${A:-${A:-…`), so BARE_REF runs instead.
 */
function varRefMatches(s: string): RefMatch[] {
  const out: RefMatch[] = [];
  const split = s.lastIndexOf('}') + 1;
  const head = s.slice(0, split);
  for (const m of head.matchAll(REF)) out.push({ whole: m[0], index: m.index, braced: m[1], fallback: m[2], bare: m[3] });
  for (const m of s.slice(split).matchAll(BARE_REF)) out.push({ whole: m[0], index: split + m.index, bare: m[1] });
  return out;
}

export function findVarRefs(s: string): VarRef[] {
  return varRefMatches(s)
    .filter((m) => !m.whole.startsWith('\\'))
    .map((m) => ({ name: (m.braced ?? m.bare)!, fallback: m.fallback, start: m.index, end: m.index + m.whole.length }));
}

/** Expands `${VAR}` / `${VAR:-default}` / `$VAR` the way dotenv-expand does. */
export function expandVars(s: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  let at = 0;
  for (const m of varRefMatches(s)) {
    out += s.slice(at, m.index);
    at = m.index + m.whole.length;
    if (m.whole.startsWith('\\')) out += m.whole.slice(1);
    else {
      const v = lookup((m.braced ?? m.bare)!);
      out += v !== undefined && v !== '' ? v : (m.fallback ?? '');
    }
  }
  return out + s.slice(at);
}
