// Documents from the parser's tokens for YAML made only of block mappings, block sequences
// and one-line scalars: what ThemisDB configs are. yaml's Composer builds the same nodes,
// but for every entry it also gathers the comments before it (a commented config has many),
// checks for errors that such YAML cannot have, and keeps what only stringifying reads.
// Anything else (an anchor, alias or tag, a flow collection, a block or multi-line scalar,
// an escape, a tab, a directive, anything the Composer would report) makes this give up,
// and the caller composes the whole text with the Composer: its answer is then the only one.
// Scalars resolve through the document's own schema tags, as the Composer resolves them.
import {
  CST,
  Document,
  DocumentOptions,
  isScalar,
  Node,
  Pair,
  ParseOptions,
  ParsedNode,
  Range,
  Scalar,
  ScalarTag,
  YAMLMap,
  YAMLSeq,
} from 'yaml';

type Parsed = Document.Parsed;
type Options = DocumentOptions & ParseOptions;

/** Thrown where this composer gives up; caught once per text. */
export const GIVE_UP = new Error('not plain YAML');

export function giveUp(): never {
  throw GIVE_UP;
}

/** What the Composer's resolveProps finds in the tokens before a node, for tokens that raise none of its errors. */
interface Props {
  found: CST.SourceToken | undefined;
  end: number;
  hasNewline: boolean;
  hasComment: boolean;
}

function props(tokens: readonly CST.SourceToken[], indicator: string, startOnNewline: boolean, offset: number): Props {
  let hasSpace = startOnNewline;
  let found: CST.SourceToken | undefined;
  let hasNewline = false;
  let hasComment = false;
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
        if (t.source.includes('\t')) giveUp(); // tab rules depend on the indentation around
        hasSpace = true;
        break;
      case 'comment':
        if (!hasSpace) giveUp();
        hasComment = true;
        break;
      case 'newline':
        hasNewline = hasSpace = true;
        break;
      default:
        if (t.type !== indicator || found) giveUp();
        found = t;
        hasSpace = false;
    }
  }
  const last = tokens[tokens.length - 1];
  return { found, end: last ? last.offset + last.source.length : offset, hasNewline, hasComment };
}

/** Where the tokens after a node end (resolveEnd), for spaces, comments and line breaks only. */
function endOf(tokens: readonly CST.SourceToken[] | undefined, offset: number, reqSpace: boolean): number {
  let hasSpace = false;
  for (const t of tokens ?? []) {
    if (t.type === 'space' || t.type === 'newline') hasSpace = true;
    else if (t.type !== 'comment' || (reqSpace && !hasSpace)) giveUp();
    offset += t.source.length;
  }
  return offset;
}

/** Scalars as a document's schema resolves them, the way the Composer does: shared with plainScan.ts. */
export class ScalarResolver {
  private readonly tags: ScalarTag[];

  constructor(private readonly doc: Parsed) {
    this.tags = doc.schema.tags.filter((t): t is ScalarTag => !t.collection && t.default === true && !!t.test);
  }

  /** The node of a value written as `type` at `range`, resolved as the Composer resolves it. */
  node(value: string, type: Scalar.Type, range: Range): Scalar.Parsed {
    const scalar = this.resolved(value, type === Scalar.PLAIN);
    scalar.type = type;
    scalar.range = range;
    return scalar;
  }

  /** The empty value of `key:` or `-`, at `at`; its range ends at `end` (past the comments it holds). */
  empty(at: number, end: number): Scalar.Parsed {
    return this.node('', Scalar.PLAIN, [at, at, end]);
  }

  /** The scalar of a value as the schema's tags read it: a plain one by the first tag whose test takes it, a quoted one as a string. */
  private resolved(value: string, plain: boolean): Scalar.Parsed {
    const tag = plain ? this.tags.find((t) => t.test!.test(value)) : undefined;
    let scalar: Scalar;
    if (tag) {
      const res = tag.resolve(value, giveUp, this.doc.options) as unknown;
      scalar = isScalar(res) ? res : new Scalar(res);
      if (tag.format) scalar.format = tag.format;
    } else scalar = new Scalar(value);
    scalar.source = value;
    return scalar as Scalar.Parsed;
  }
}

class PlainComposer {
  private readonly scalars: ScalarResolver;

  constructor(private readonly doc: Parsed) {
    this.scalars = new ScalarResolver(doc);
  }

  node(token: CST.Token): ParsedNode {
    switch (token.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        return this.scalar(token);
      case 'block-map':
        return this.map(token);
      case 'block-seq':
        return this.seq(token);
      default:
        return giveUp();
    }
  }

  /** A one-line scalar: plain, single-quoted, or double-quoted without escapes. */
  private scalar(token: CST.FlowScalar): Scalar.Parsed {
    const { offset, source } = token;
    if (/[\n\r]/.test(source)) giveUp();
    let value: string;
    let type: Scalar.Type;
    if (token.type === 'scalar') {
      // the characters a plain scalar cannot start with: an error, said by the Composer
      if (/^[\t,%|>@`]/.test(source)) giveUp();
      value = source;
      type = Scalar.PLAIN;
    } else if (token.type === 'single-quoted-scalar') {
      if (source.length < 2 || !source.endsWith("'")) giveUp();
      value = source.slice(1, -1).replace(/''/g, "'");
      type = Scalar.QUOTE_SINGLE;
    } else {
      if (source.length < 2 || !source.endsWith('"') || source.includes('\\')) giveUp();
      value = source.slice(1, -1);
      type = Scalar.QUOTE_DOUBLE;
    }
    const valueEnd = offset + source.length;
    return this.scalars.node(value, type, [offset, valueEnd, endOf(token.end, valueEnd, true)]);
  }

  /** The empty value of `key:` or `-` (composeEmptyNode): placed after the last written token before it. */
  private empty(offset: number, before: readonly CST.SourceToken[], p: Props): Scalar.Parsed {
    let at = offset;
    for (let i = before.length - 1; i >= 0; --i) {
      const t = before[i];
      if (t.type === 'space' || t.type === 'comment' || t.type === 'newline') {
        at -= t.source.length;
        continue;
      }
      for (let j = i + 1; before[j]?.type === 'space'; j++) at += before[j].source.length;
      break;
    }
    return this.scalars.empty(at, p.hasComment ? p.end : at);
  }

  private map(bm: CST.BlockMap): YAMLMap.Parsed {
    const map = new YAMLMap(this.doc.schema) as YAMLMap.Parsed;
    let offset = bm.offset;
    let commentEnd: number | undefined;
    for (const { start, key, sep, value } of bm.items) {
      const keyProps = props(start, 'explicit-key-ind', true, offset);
      if (keyProps.found) giveUp(); // `? key`
      if (!key && !sep) {
        commentEnd = keyProps.end; // comment lines after the last entry
        continue;
      }
      if (!key || !sep || !('indent' in key) || key.indent !== bm.indent) giveUp();
      if (key.type !== 'scalar' && key.type !== 'single-quoted-scalar' && key.type !== 'double-quoted-scalar') giveUp();
      if (key.end?.some((t) => t.type === 'newline')) giveUp(); // an implicit key spans one line
      const keyNode = this.scalar(key);
      const valueProps = props(sep, 'map-value-ind', false, keyNode.range[2]);
      if (!valueProps.found) giveUp();
      if (value?.type === 'block-map' && !valueProps.hasNewline) giveUp(); // a compact mapping
      if (valueProps.found.offset - keyProps.end > 1024) giveUp(); // the Composer limits an implicit key's length
      const valueNode = value ? this.node(value) : this.empty(valueProps.end, sep, valueProps);
      offset = valueNode.range[2];
      map.items.push(new Pair(keyNode, valueNode) as Pair<ParsedNode, ParsedNode>);
    }
    if (commentEnd !== undefined && commentEnd < offset) giveUp();
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
  }

  private seq(bs: CST.BlockSequence): YAMLSeq.Parsed {
    const seq = new YAMLSeq(this.doc.schema) as YAMLSeq.Parsed;
    let offset = bs.offset;
    let commentEnd: number | undefined;
    for (const { start, value } of bs.items) {
      const p = props(start, 'seq-item-ind', true, offset);
      if (!p.found) {
        if (value) giveUp();
        commentEnd = p.end;
        continue;
      }
      const node = value ? this.node(value) : this.empty(p.end, start, p);
      offset = node.range[2];
      seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
  }
}

function composeDocument(token: CST.Document, options: Options): Parsed {
  const doc = new Document(undefined, options) as Parsed;
  const p = props(token.start, 'doc-start', true, token.offset);
  const value = token.value;
  if (!value) giveUp();
  if (p.found) {
    doc.directives.docStart = true;
    if ((value.type === 'block-map' || value.type === 'block-seq') && !p.hasNewline) giveUp();
  }
  doc.contents = new PlainComposer(doc).node(value) as Node as Parsed['contents'];
  const contentEnd = doc.contents!.range[2];
  doc.range = [token.offset, contentEnd, endOf(token.end, contentEnd, false)];
  return doc;
}

/**
 * The documents of a token stream made of plain YAML only, as yaml's Composer would make
 * them (errors and warnings none, comments not kept), or undefined when it holds anything
 * else: the caller composes it with the Composer then.
 */
export function composePlain(tokens: readonly CST.Token[], options: Options): Parsed[] | undefined {
  const docs: Parsed[] = [];
  try {
    for (const t of tokens) {
      if (t.type === 'document') docs.push(composeDocument(t, options));
      else if (t.type !== 'comment' && t.type !== 'newline' && t.type !== 'space' && t.type !== 'byte-order-mark')
        return undefined;
    }
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
  return docs.length ? docs : undefined;
}
