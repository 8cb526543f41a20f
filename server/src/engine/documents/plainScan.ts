// Documents read straight from the text, line by line, for YAML made only of block
// mappings, block sequences and one-line scalars: what ThemisDB configs are. yaml's lexer
// and CST parser are most of the cost of a parse, and such YAML needs neither. The nodes,
// values and ranges are the Composer's. A comment line lands where yaml's parser puts it:
// in the end of the scalar above it when indented deeper than that scalar's collection,
// else in the collection it closes, or the one around it when less indented than that.
// Anything else (a tab, a CR, a control character, `---`, `...`, a directive, an anchor,
// alias or tag, a flow collection, a block or multi-line scalar, an escape, an explicit
// key, a compact sequence) makes this give up, and the caller parses the text with yaml.
import { Document, DocumentOptions, Pair, ParseOptions, ParsedNode, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { giveUp, GIVE_UP, ScalarResolver } from './plainCompose';

type Parsed = Document.Parsed;

const enum Line {
  Blank,
  Comment,
  Content,
}

/** Lines [from, to) of blanks and comments that end a collection: yaml's start-only last item. */
interface Trailing {
  from: number;
  to: number;
}

/** A collection and the trivia lines that end it, if any. */
interface Block {
  node: YAMLMap.Parsed | YAMLSeq.Parsed;
  /** The column of its keys or dashes. */
  indent: number;
  trailing: Trailing | undefined;
}

/** What a line holds from a column on. */
type Inline =
  | { kind: 'key'; key: Scalar.Parsed; colon: number }
  | { kind: 'scalar'; node: Scalar.Parsed }
  | { kind: 'empty'; at: number; comment: boolean }
  | { kind: 'item' };

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

/** Characters a plain scalar cannot start with in block context (indicators, reserved ones, flow collections). */
const NOT_PLAIN_START = new Set('[]{},!&*|>%@`'.split('').map((c) => c.charCodeAt(0)));
/** The characters yaml reads as more than text: tabs, CR, other controls, BOM and Unicode line breaks. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_PLAIN_TEXT = /[\x00-\x09\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]/;
/** The Composer limits an implicit key's length. */
const MAX_KEY = 1000;
/** Deeper nesting is left to yaml, whose parser does not recurse: this scanner would exhaust the stack. */
const MAX_DEPTH = 500;

class Scanner {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly indents: number[] = [];
  private readonly kinds: Line[] = [];
  private readonly n: number;
  /** The first content line after the last block parsed, or n. */
  private at = 0;
  private depth = 0;
  private readonly doc: Parsed;
  private readonly scalars: ScalarResolver;

  constructor(
    private readonly text: string,
    options: DocumentOptions & ParseOptions,
  ) {
    for (let start = 0; start < text.length;) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      let i = start;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      const kind = i === end ? Line.Blank : text.charCodeAt(i) === HASH ? Line.Comment : Line.Content;
      if (i === start && (text.startsWith('---', start) || text.startsWith('...', start))) giveUp();
      this.starts.push(start);
      this.ends.push(end);
      this.indents.push(i - start);
      this.kinds.push(kind);
      start = end + 1;
    }
    this.n = this.starts.length;
    this.doc = new Document(undefined, options) as Parsed;
    this.scalars = new ScalarResolver(this.doc);
  }

  document(): Parsed {
    const first = this.contentFrom(0);
    if (first === this.n) giveUp();
    const [root, trailing] = this.nested(first);
    if (this.at !== this.n) giveUp();
    const doc = this.doc;
    doc.contents = root as Parsed['contents'];
    const contentEnd = root.range[2];
    // what the root collection does not keep goes to the document's end
    doc.range = [this.starts[first], contentEnd, trailing ? this.endBefore(trailing.to) : contentEnd];
    return doc;
  }

  /**
   * Where the blank and comment lines before content line m end: at its first character,
   * since the parser gives the spaces that indent it to the item those lines are in.
   */
  private endBefore(m: number): number {
    return m < this.n ? this.starts[m] + this.indents[m] : this.text.length;
  }

  /** Where line i ends, its line break included. */
  private next(i: number): number {
    return Math.min(this.ends[i] + 1, this.text.length);
  }

  private contentFrom(i: number): number {
    while (i < this.n && this.kinds[i] !== Line.Content) i++;
    return i;
  }

  /** A `-` then a space or the end of the line, at column col of line i. */
  private isItem(i: number, col: number): boolean {
    const at = this.starts[i] + col;
    if (this.text.charCodeAt(at) !== DASH) return false;
    return at + 1 === this.ends[i] || this.text.charCodeAt(at + 1) === SPACE;
  }

  /** A mapping whose first key is at column col of line i; its other keys start lines at that indent. */
  private map(i: number, col: number): Block {
    if (++this.depth > MAX_DEPTH) giveUp();
    const map = new YAMLMap(this.doc.schema) as YAMLMap.Parsed;
    let pending: Trailing | undefined;
    for (let line = i; ; line = this.at) {
      const head = this.inline(line, col);
      if (head.kind !== 'key') return giveUp();
      if (head.colon - head.key.range[0] > MAX_KEY) giveUp();
      const rest = this.inline(line, head.colon + 1 - this.starts[line]);
      let value: ParsedNode;
      pending = undefined;
      if (rest.kind === 'scalar') {
        value = rest.node;
        pending = this.afterScalar(rest.node, line, col);
      } else if (rest.kind === 'empty') {
        const m = this.contentFrom(line + 1);
        if (m < this.n && this.indents[m] > col) [value, pending] = this.nested(m);
        else if (m < this.n && this.indents[m] === col && this.isItem(m, col)) [value, pending] = this.popped(this.seq(m));
        else {
          value = this.emptyValue(line, rest, m, col);
          this.at = m;
        }
      } else return giveUp();
      map.items.push(new Pair(head.key, value) as Pair<ParsedNode, ParsedNode>);
      const m = this.at;
      if (m === this.n || this.indents[m] < col) break;
      if (this.indents[m] > col || this.isItem(m, col)) giveUp();
    }
    const end = map.items[map.items.length - 1].value!.range[2];
    map.range = [this.starts[i] + col, end, end];
    this.depth--;
    return { node: map, indent: col, trailing: pending };
  }

  /** A sequence whose items start lines at the indent of line i. */
  private seq(i: number): Block {
    if (++this.depth > MAX_DEPTH) giveUp();
    const col = this.indents[i];
    const seq = new YAMLSeq(this.doc.schema) as YAMLSeq.Parsed;
    let pending: Trailing | undefined;
    for (let line = i; ; line = this.at) {
      const c = this.itemContent(line, col);
      const rest = this.inline(line, c);
      let value: ParsedNode;
      if (rest.kind === 'scalar') {
        value = rest.node;
        pending = this.afterScalar(rest.node, line, col);
      } else if (rest.kind === 'key') {
        [value, pending] = this.popped(this.map(line, c));
      } else if (rest.kind === 'empty') {
        const m = this.contentFrom(line + 1);
        if (m < this.n && this.indents[m] > col) [value, pending] = this.nested(m);
        else {
          // everything from the item's start on is its `start`: comments before the `-` too
          const comment =
            rest.comment || this.hasComment(line + 1, m) || (!!pending && this.hasComment(pending.from, pending.to));
          value = this.scalars.empty(rest.at, comment ? this.endBefore(m) : rest.at);
          pending = undefined;
          this.at = m;
        }
      } else return giveUp();
      seq.items.push(value);
      const m = this.at;
      if (m === this.n || this.indents[m] < col) break;
      if (this.indents[m] > col) giveUp();
      if (!this.isItem(m, col)) break; // a key of the mapping this sequence is the value of
    }
    const end = (seq.items[seq.items.length - 1] as ParsedNode).range[2];
    seq.range = [this.starts[i] + col, end, end];
    this.depth--;
    return { node: seq, indent: col, trailing: pending };
  }

  /** Where the content of the `-` item on line i starts: after its spaces; a second `-` gives up. */
  private itemContent(i: number, col: number): number {
    let c = col + 1;
    while (this.starts[i] + c < this.ends[i] && this.text.charCodeAt(this.starts[i] + c) === SPACE) c++;
    if (this.starts[i] + c < this.ends[i] && this.isItem(i, c)) giveUp();
    return c;
  }

  /** The collection that is the value written on the lines from content line m on. */
  private nested(m: number): [ParsedNode, Trailing | undefined] {
    return this.popped(this.isItem(m, this.indents[m]) ? this.seq(m) : this.map(m, this.indents[m]));
  }

  /**
   * A nested collection as the parser pops it: its trailing trivia move to the collection
   * around it when the nested one is at indent 0 or all their comments are less indented
   * than it; else they stay and its range ends after them.
   */
  private popped({ node, indent, trailing }: Block): [ParsedNode, Trailing | undefined] {
    if (!trailing) return [node, undefined];
    if (indent === 0 || this.commentsBelow(trailing, indent)) return [node, trailing];
    node.range[2] = this.endBefore(trailing.to);
    return [node, undefined];
  }

  private commentsBelow({ from, to }: Trailing, indent: number): boolean {
    for (let j = from; j < to; j++) if (this.kinds[j] === Line.Comment && this.indents[j] >= indent) return false;
    return true;
  }

  private hasComment(from: number, to: number): boolean {
    for (let j = from; j < to; j++) if (this.kinds[j] === Line.Comment) return true;
    return false;
  }

  /**
   * The lines after a scalar written on line i, in a collection at indent col: comment lines
   * indented deeper, with the blank lines before them, end the scalar (until a comment that
   * is not); the rest are trailing trivia. Content indented deeper would continue the scalar.
   */
  private afterScalar(scalar: Scalar.Parsed, i: number, col: number): Trailing | undefined {
    let last = i;
    let sawComment = false;
    let j = i + 1;
    for (; j < this.n && this.kinds[j] !== Line.Content; j++) {
      if (this.kinds[j] !== Line.Comment) continue;
      if (!sawComment && this.indents[j] > col) last = j;
      else sawComment = true;
    }
    if (j < this.n && this.indents[j] > col) giveUp();
    scalar.range[2] = this.next(last);
    this.at = j;
    return last + 1 < j ? { from: last + 1, to: j } : undefined;
  }

  /**
   * The empty value of `key:` on line i, next content line m. Before a key at the same
   * indent, the parser hands the blank and comment lines from the second line break after
   * the colon or the last deeper-indented comment line on to that key; before anything
   * else, the value keeps them all. Their comments, if any, extend its range.
   */
  private emptyValue(i: number, rest: { at: number; comment: boolean }, m: number, col: number): Scalar.Parsed {
    let keptTo = m;
    let keptEnd = this.endBefore(m);
    if (m < this.n && this.indents[m] === col) {
      let reset = i;
      for (let j = i + 1; j < m; j++) if (this.kinds[j] === Line.Comment && this.indents[j] > col) reset = j;
      if (m - reset >= 2) {
        keptTo = reset + 2;
        keptEnd = this.ends[reset + 1];
      }
    }
    const comment = rest.comment || this.hasComment(i + 1, keptTo);
    return this.scalars.empty(rest.at, comment ? keptEnd : rest.at);
  }

  /** What line i holds from column col on: a key and its colon, a one-line scalar, nothing (a comment at most), or a `-` item. */
  private inline(i: number, col: number): Inline {
    const text = this.text;
    const end = this.ends[i];
    let p = this.starts[i] + col;
    while (p < end && text.charCodeAt(p) === SPACE) p++;
    if (p === end) return { kind: 'empty', at: p, comment: false };
    const ch = text.charCodeAt(p);
    if (ch === HASH) return { kind: 'empty', at: p, comment: true };
    if (ch === QUOTE || ch === APOSTROPHE) return this.quoted(p, end, ch);
    if (NOT_PLAIN_START.has(ch)) giveUp();
    if (ch === DASH || ch === 0x3f || ch === COLON) {
      const after = p + 1 === end || text.charCodeAt(p + 1) === SPACE;
      if (after) return ch === DASH ? { kind: 'item' } : giveUp();
    }
    let last = p; // the last character of the scalar that is not a space
    for (let j = p + 1; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c === COLON && (j + 1 === end || text.charCodeAt(j + 1) === SPACE)) {
        return { kind: 'key', key: this.scalars.node(text.slice(p, last + 1), Scalar.PLAIN, [p, last + 1, last + 1]), colon: j };
      }
      if (c === SPACE) {
        if (text.charCodeAt(j + 1) === HASH) break;
      } else last = j;
    }
    return { kind: 'scalar', node: this.scalars.node(text.slice(p, last + 1), Scalar.PLAIN, [p, last + 1, last + 1]) };
  }

  /** A quoted scalar starting at p, closed on its line: a key if a colon follows, else a value. */
  private quoted(p: number, end: number, quote: number): Inline {
    const text = this.text;
    let j = p + 1;
    for (; j < end; j++) {
      const c = text.charCodeAt(j);
      if (quote === QUOTE && c === 0x5c) giveUp(); // an escape
      if (c === quote) {
        if (quote === APOSTROPHE && text.charCodeAt(j + 1) === APOSTROPHE) j++;
        else break;
      }
    }
    if (j >= end) giveUp(); // it goes on on the next line
    const close = j + 1;
    const body = text.slice(p + 1, j);
    const value = quote === APOSTROPHE ? body.replace(/''/g, "'") : body;
    const type = quote === APOSTROPHE ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
    let k = close;
    while (k < end && text.charCodeAt(k) === SPACE) k++;
    if (k < end && text.charCodeAt(k) === COLON && (k + 1 === end || text.charCodeAt(k + 1) === SPACE))
      return { kind: 'key', key: this.scalars.node(value, type, [p, close, close]), colon: k };
    if (k < end && (text.charCodeAt(k) !== HASH || k === close)) giveUp();
    return { kind: 'scalar', node: this.scalars.node(value, type, [p, close, close]) };
  }
}

/**
 * The document of a text made of plain YAML only, read line by line, as yaml's Composer
 * would make it (errors and warnings none, comments not kept), or undefined when the text
 * holds anything else: the caller parses it with yaml then.
 */
export function scanPlain(text: string, options: DocumentOptions & ParseOptions): Parsed[] | undefined {
  if (NOT_PLAIN_TEXT.test(text)) return undefined;
  try {
    return [new Scanner(text, options).document()];
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}
