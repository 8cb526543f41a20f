// The line scanner for YAML being typed: what a line holds (key, sequence item,
// value columns) and the key path at a line from indentation alone, never the
// YAML parse. The file is usually incomplete while the user types, and a
// 10,000-line file must answer in milliseconds; completion and hover read the
// lines around the cursor with it.
import { LineIndex } from './lineIndex';
import { unquoteScalar } from './yamlScalar';

export interface YamlLine {
  kind: 'blank' | 'comment' | 'doc' | 'key' | 'item' | 'other';
  indent: number;
  /** Column of the `-` of a sequence item. */
  dashCol?: number;
  key?: string;
  keyCol?: number;
  /** Column after the key as written (quotes included). */
  keyEnd?: number;
  colonCol?: number;
  /** Value (or the scalar of a `- value` item) as written, comment excluded; columns into the line. */
  valueCol?: number;
  valueEnd?: number;
  value?: string;
}

// A plain key ends in a character other than a blank, so the blanks before its colon are
// tried once per run of blanks, not once per blank: linear on a line of 100,000 spaces.
// KEY_AT: KEY_RE at a position of the whole text (sticky), for scans that must not slice every line.
const KEY_AT =
  /(?!-[ \t\r\n])("(?:[^"\\\r\n]|\\.)*"|'(?:[^'\r\n]|'')*'|[^\s#'"{}[\],&*!|>%@`](?:[^#\r\n]*?[^ \t#\r\n])??)[ \t]*:(?=[ \t\r\n]|$)/y;
const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],&*!|>%@`](?:[^#]*?[^ \t#])??)[ \t]*:(?=[ \t]|$)/;

function valueRegion(text: string, from: number): { start: number; end: number } | undefined {
  let k = from;
  while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k++;
  if (k >= text.length || text[k] === '#') return undefined;
  let end = text.length;
  const q = text[k];
  if (q === '"' || q === "'") {
    for (let i = k + 1; i < text.length; i++) {
      if (q === '"' && text[i] === '\\') {
        i++;
        continue;
      }
      if (text[i] === q) {
        if (q === "'" && text[i + 1] === "'") {
          i++;
          continue;
        }
        end = i + 1;
        break;
      }
    }
  } else {
    const h = text.slice(k).search(/[ \t]#/);
    if (h >= 0) end = k + h;
  }
  while (end > k && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return { start: k, end };
}

export function parseYamlLine(text: string): YamlLine {
  let i = 0;
  while (i < text.length && text[i] === ' ') i++;
  const indent = i;
  if (i >= text.length || /^\s*$/.test(text)) return { kind: 'blank', indent };
  const c = text[i];
  if (c === '#') return { kind: 'comment', indent };
  if (indent === 0 && /^(?:---|\.\.\.)(?:\s|$)/.test(text)) return { kind: 'doc', indent };
  let dashCol: number | undefined;
  let j = i;
  if (c === '-' && (j + 1 === text.length || text[j + 1] === ' ' || text[j + 1] === '\t')) {
    dashCol = j;
    j++;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
    if (j >= text.length || text[j] === '#') return { kind: 'item', indent, dashCol };
  }
  const m = KEY_RE.exec(text.slice(j));
  if (m) {
    const written = m[1];
    const colonCol = j + m[0].length - 1;
    const v = valueRegion(text, colonCol + 1);
    return {
      kind: dashCol !== undefined ? 'item' : 'key',
      indent,
      dashCol,
      key: unquoteScalar(written),
      keyCol: j,
      keyEnd: j + written.length,
      colonCol,
      valueCol: v?.start,
      valueEnd: v?.end,
      value: v ? text.slice(v.start, v.end) : undefined,
    };
  }
  if (dashCol !== undefined) {
    const v = valueRegion(text, j);
    return {
      kind: 'item',
      indent,
      dashCol,
      valueCol: v?.start,
      valueEnd: v?.end,
      value: v ? text.slice(v.start, v.end) : undefined,
    };
  }
  return { kind: 'other', indent };
}

export interface Ancestry {
  /** Key path of the node's parent (sequence items as '0'). */
  path: string[];
  /** Line of the nearest parent (-1: the document root). */
  parentLine: number;
  /** The nearest parent is a sequence item (its inline key is a sibling). */
  parentIsItem: boolean;
  /** The nearest parent's value is a block scalar (`|`, `>`): the node is text, not a key. */
  inBlockScalar: boolean;
}

/** Lines of a YAML file, parsed on demand; the key path of any line comes from indentation. */
export class YamlLines {
  private readonly parsed = new Map<number, YamlLine>();
  readonly text: string;
  private readonly lines: LineIndex;

  /** `source`: a SourceFile, or any text with its line index. */
  constructor(source: { text: string; lines: LineIndex }) {
    this.text = source.text;
    this.lines = source.lines;
  }

  get count(): number {
    return this.lines.lineCount;
  }

  lineText(i: number): string {
    return this.lines.lineText(i);
  }

  at(i: number): YamlLine {
    let l = this.parsed.get(i);
    if (!l) this.parsed.set(i, (l = parseYamlLine(this.lineText(i))));
    return l;
  }

  /** Indentation of a line without parsing it; -1 for blank and comment lines. */
  indent(i: number): number {
    const t = this.text;
    const start = this.lines.lineStart(i);
    const end = this.lines.lineEnd(i);
    let k = start;
    while (k < end && t.charCodeAt(k) === 32) k++;
    let j = k;
    while (j < end && (t.charCodeAt(j) === 32 || t.charCodeAt(j) === 9)) j++;
    if (j >= end || t.charCodeAt(j) === 35 /* # */) return -1;
    return k - start;
  }

  private isDocMarker(i: number): boolean {
    const t = this.text;
    const s = this.lines.lineStart(i);
    return (t.startsWith('---', s) || t.startsWith('...', s)) && this.at(i).kind === 'doc';
  }

  /**
   * The parents of a node on line `lineNo` at column `col`: a mapping key there, or
   * (seq) the `-` of a sequence item there. Walks up to the first line of smaller indentation, and so on.
   */
  ancestry(lineNo: number, col: number, seq = false): Ancestry {
    const out: Ancestry = { path: [], parentLine: -1, parentIsItem: false, inBlockScalar: false };
    let first = true;
    const found = (i: number, item: boolean) => {
      if (!first) return;
      first = false;
      out.parentLine = i;
      out.parentIsItem = item;
    };
    for (let i = lineNo - 1; i >= 0; i--) {
      if (col === 0 && !seq) break;
      const ind = this.indent(i);
      if (ind < 0) continue;
      if (ind === 0 && this.isDocMarker(i)) break;
      if (ind > col || (ind === col && !seq)) continue;
      const l = this.at(i);
      if (l.key !== undefined) {
        const k = l.keyCol!;
        if (k < col || (seq && k === col && l.valueCol === undefined)) {
          if (first && l.value !== undefined && /^[|>]/.test(l.value)) out.inBlockScalar = true;
          out.path.unshift(l.key);
          found(i, false);
          col = k;
          seq = false;
          if (l.kind === 'item') {
            out.path.unshift('0');
            col = l.dashCol!;
            seq = true;
          }
          continue;
        }
      }
      if (l.kind === 'item' && l.dashCol! < col) {
        out.path.unshift('0');
        found(i, true);
        col = l.dashCol!;
        seq = true;
      }
    }
    return out;
  }

  /** Full key path of the key written on a line (undefined when the line has no key). */
  keyPath(lineNo: number): { path: string[]; line: YamlLine; ancestry: Ancestry } | undefined {
    const l = this.at(lineNo);
    if (l.key === undefined) return undefined;
    const ancestry = l.kind === 'item' ? this.ancestry(lineNo, l.dashCol!, true) : this.ancestry(lineNo, l.keyCol!);
    const path = l.kind === 'item' ? [...ancestry.path, '0', l.key] : [...ancestry.path, l.key];
    return { path, line: l, ancestry };
  }

  /**
   * Keys at column `col` in the mapping that contains line `lineNo` (the line itself
   * excluded), with their lines. `from` is the parent's line (-1: document root).
   */
  siblings(lineNo: number, col: number, from: number, parentIsItem: boolean): Map<string, number> {
    const out = new Map<string, number>();
    const take = (i: number) => {
      const key = this.keyStartingAt(i, col);
      if (key !== undefined && !out.has(key)) out.set(key, i);
    };
    for (let i = lineNo - 1; i > from; i--) {
      const ind = this.indent(i);
      if (ind < 0) continue;
      if (ind === 0 && this.isDocMarker(i)) break;
      if (ind < col) break;
      if (ind === col) take(i);
    }
    if (parentIsItem && from >= 0) {
      const l = this.at(from);
      if (l.key !== undefined && l.keyCol === col && !out.has(l.key)) out.set(l.key, from);
    }
    for (let i = lineNo + 1; i < this.count; i++) {
      const ind = this.indent(i);
      if (ind < 0) continue;
      if (ind === 0 && this.isDocMarker(i)) break;
      if (ind < col) break;
      if (ind === col) take(i);
    }
    return out;
  }

  /** The mapping key written at column `col` of a line (no sequence dash), without parsing the rest of the line. */
  private keyStartingAt(i: number, col: number): string | undefined {
    KEY_AT.lastIndex = this.lines.lineStart(i) + col;
    const m = KEY_AT.exec(this.text);
    return m ? unquoteScalar(m[1]) : undefined;
  }

  /** Indentation step of the file (smallest positive indentation of its first lines), 2 by default. */
  indentUnit(): number {
    let unit = 0;
    const n = Math.min(this.count, 400);
    for (let i = 0; i < n; i++) {
      const ind = this.indent(i);
      if (ind > 0 && (unit === 0 || ind < unit)) unit = ind;
    }
    return unit >= 2 && unit <= 8 ? unit : 2;
  }
}

/** A `#` comment starts before `col` on this YAML line (outside quotes). */
export function inComment(text: string, col: number): boolean {
  let quote = '';
  for (let i = 0; i < col; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:=\-[{,]/.test(text[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) return true;
  }
  return false;
}
