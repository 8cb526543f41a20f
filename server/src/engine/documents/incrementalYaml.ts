// Incremental YAML parsing for an edited buffer: a config is one mapping whose
// top-level entries start at column 0, and a keystroke changes one of them. Each
// top-level entry (a block: its key line up to the next one) is parsed on its own
// and kept by its text, so after an edit only the blocks whose text changed are
// parsed again; the others are reused at their new offset. A changed block is
// split the same way one level down, into its key line and the entries under it
// (a key at their indentation and the lines under it), and only the entries whose
// text changed are parsed again: a keystroke in the 125-line `server` block parses
// one of its entries. Whenever the split could read the file differently from a
// parse of the whole text, the whole text is parsed (the whole block, one level
// down): several documents or directives, tabs, CR line breaks, a BOM, a root
// that is not a block mapping of plain keys, a block with parse errors or
// warnings (a flow collection or quoted scalar running past a boundary), anchors
// or aliases anywhere, a top-level key written twice, and a line over 10,000
// characters (minified or generated content, where a block that fails to parse
// alone would cost a second parse of the whole text).
//
// Each block also keeps its own model (walked once): the file's model answers
// every lookup from the model of the block the path starts in, with the entries
// moved to where the block now starts, so an edit costs the changed block, not
// the file.
import { Document, isAlias, isCollection, isMap, isPair, isScalar, Pair, Scalar, YAMLMap } from 'yaml';
import { shifted } from '../types';
import { LineIndex } from './lineIndex';
import { DocView, EntryTest, lastStartingBy, parseYaml, partsOf, YamlBlock, YamlModel, YamlProblem, YamlRef } from './yamlModel';

interface BlockText {
  text: string;
  offset: number;
}

/** A line that starts a top-level entry: a plain key at column 0. */
const ROOT_KEY = /^[^\s#\-?:,[\]{}&*!|>'"%@`][^\n]*?:(?: |$)/;

/** Lines longer than this are parsed with the whole text. */
const MAX_LINE = 10_000;

/** The top-level blocks of `text` (its lines as `lines` indexes them), or undefined when splitting it is not safe. */
export function splitBlocks(text: string, lines: LineIndex = new LineIndex(text)): BlockText[] | undefined {
  // native searches, not a regex: this runs on every keystroke; the lines are the file's own index,
  // which the diagnostics need anyway, so the text is scanned for line breaks once
  if (text.includes('\r') || text.includes('\t') || text.includes('\uFEFF')) return undefined;
  const starts: number[] = [];
  const keys = new Set<string>();
  for (let line = 0; line < lines.lineCount; line++) {
    const offset = lines.lineStart(line);
    const end = lines.lineEnd(line);
    if (end - offset > MAX_LINE) return undefined;
    const first = text[offset];
    if (end > offset && first !== ' ' && first !== '#') {
      const key = ROOT_KEY.exec(text.slice(offset, end))?.[0].trimEnd();
      if (!key) return undefined; // `---`, `%YAML`, `- item`, `? key`, a stray scalar…
      // a key written twice (`server:` twice): no block is parsed in vain (a quoted twin is found after the parse)
      if (keys.has(key)) return undefined;
      keys.add(key);
      starts.push(offset);
    } else if (starts.length === 0 && !/^\s*(?:#|$)/.test(text.slice(offset, end))) {
      return undefined; // content before the first root key: the root is indented
    }
  }
  if (starts.length < 2) return undefined;
  // comments and blank lines before the first key belong to the first block
  starts[0] = 0;
  return starts.map((start, i) => ({ offset: start, text: text.slice(start, starts[i + 1] ?? text.length) }));
}

/**
 * A block's key line (with the comments before it) and the entries under it, or undefined
 * when the block is not a mapping of plain keys at one indentation (a sequence, a less
 * indented line…).
 * Comments and blank lines go with the entry above them, those before the first with it.
 */
export function splitEntries(block: string): { header: string; entries: BlockText[] } | undefined {
  const headerEnd = block.indexOf('\n', keyLineStart(block)) + 1;
  if (headerEnd === 0) return undefined;
  const starts: number[] = [];
  let indent = -1;
  for (let offset = headerEnd; offset < block.length;) {
    const next = block.indexOf('\n', offset);
    const end = next < 0 ? block.length : next;
    let first = offset;
    while (first < end && block.charCodeAt(first) === 32) first++;
    if (first < end && block[first] !== '#') {
      const depth = first - offset;
      if (indent < 0) indent = depth;
      if (depth < indent) return undefined;
      if (depth === indent) {
        if (!ROOT_KEY.test(block.slice(first, end))) return undefined;
        starts.push(offset);
      }
    }
    offset = end + 1;
  }
  if (starts.length < 2) return undefined;
  starts[0] = headerEnd;
  return {
    header: block.slice(0, headerEnd),
    entries: starts.map((start, i) => ({ offset: start, text: block.slice(start, starts[i + 1] ?? block.length) })),
  };
}

/** A block's parse is usable alone: one clean document holding one plain entry, nothing anchored or aliased. */
function usable(docs: Document.Parsed[]): Document.Parsed | undefined {
  if (docs.length !== 1) return undefined;
  const doc = docs[0];
  if (doc.errors.length || doc.warnings.length || !isMap(doc.contents) || doc.contents.flow) return undefined;
  if (doc.contents.items.length !== 1) return undefined;
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isAlias(node)) return undefined;
    if (isPair(node)) stack.push(node.key, node.value);
    else if (isScalar(node) || isCollection(node)) {
      if (node.anchor) return undefined;
      if (isCollection(node)) stack.push(...node.items);
    }
  }
  return doc;
}

/** One block's parse and model, kept while the buffer holds its text. */
class BlockParse {
  /** The model's entries by position, to find an entry's moved copy. */
  private index?: Map<YamlRef, number>;
  private placed?: Placed;
  /** Per entry test (DocView.where): the indexes of the model's entries it picks. */
  private readonly picked = new WeakMap<EntryTest, number[]>();

  constructor(
    readonly doc: Document.Parsed,
    readonly text: string,
    /** Walked once, with offsets from the block's start. */
    readonly model: YamlModel,
    /** Assembled from its key line and entries: the key line, and their parses by their text, for the block's next version. */
    readonly header?: string,
    readonly parts?: ReadonlyMap<string, Document.Parsed>,
  ) {}

  /** Which of the model's entries `test` picks: it reads each entry alone, so the answer holds while the block is kept. */
  picks(test: EntryTest): number[] {
    let found = this.picked.get(test);
    if (!found) {
      found = [];
      for (const [i, r] of this.model.refs.entries()) if (test(r)) found.push(i);
      this.picked.set(test, found);
    }
    return found;
  }

  /** The block's entries and problems at `offset` in the file (kept while the block stays there). */
  at(offset: number): Placed {
    if (this.placed?.offset === offset) return this.placed;
    const { refs, problems } = this.model;
    if (offset === 0) return (this.placed = { offset, parse: this, refs, problems, moved: (r) => r });
    const moved = refs.map((r) => ({
      ...r,
      keySpan: r.keySpan && shifted(r.keySpan, offset),
      valueSpan: r.valueSpan && shifted(r.valueSpan, offset),
    }));
    const index = (this.index ??= new Map(refs.map((r, i) => [r, i])));
    return (this.placed = {
      offset,
      parse: this,
      refs: moved,
      problems: problems.map((p) => ({ ...p, span: shifted(p.span, offset) })),
      moved: (r) => moved[index.get(r)!],
    });
  }
}

interface Placed {
  offset: number;
  parse: BlockParse;
  refs: YamlRef[];
  problems: YamlProblem[];
  /** The copy, at this offset, of an entry of the block's own model. */
  moved: (ref: YamlRef) => YamlRef;
}

/**
 * The model of a file assembled from its blocks' models: the same entries, problems
 * and answers as a walk of the whole text, each lookup routed to the block its path
 * starts in (one block per top-level key: splitting falls back on a key written twice).
 */
class AssembledYaml extends YamlModel {
  private readonly byRoot = new Map<string, Placed>();
  private readonly roots: YamlRef[] = [];

  constructor(
    text: string,
    blocks: YamlBlock[],
    private readonly placed: Placed[],
  ) {
    super(text, blocks);
    for (const p of placed) {
      for (const r of p.refs) this.refs.push(r);
      for (const pr of p.problems) this.problems.push(pr);
      if (p.parse.model.truncated) this.truncated = true;
      const root = p.refs[0];
      if (root?.path.length === 1) {
        this.byRoot.set(root.path[0], p);
        this.roots.push(root);
      }
    }
  }

  override get(path: string | readonly string[]): YamlRef | undefined {
    const parts = partsOf(path);
    const p = this.byRoot.get(parts[0]);
    const ref = p?.parse.model.get(parts);
    return ref && p!.moved(ref);
  }

  override children(path: string | readonly string[]): YamlRef[] {
    const parts = partsOf(path);
    if (parts.length === 0) return this.roots;
    const p = this.byRoot.get(parts[0]);
    return p ? p.parse.model.children(parts).map(p.moved) : [];
  }

  override getIn(docIndex: number, path: readonly string[]): YamlRef | undefined {
    const p = docIndex === 0 ? this.byRoot.get(path[0]) : undefined;
    const ref = p?.parse.model.getIn(0, path);
    return ref && p!.moved(ref);
  }

  override childrenIn(docIndex: number, path: readonly string[]): YamlRef[] {
    return docIndex === 0 ? this.children(path) : [];
  }

  override named(key: string | RegExp): YamlRef[] {
    const out: YamlRef[] = [];
    for (const p of this.byRoot.values()) for (const r of p.parse.model.named(key)) out.push(p.moved(r));
    return out;
  }

  override pick(view: DocView, test: EntryTest): YamlRef[] {
    if (view.index !== 0) return [];
    const out: YamlRef[] = [];
    for (const p of this.placed) for (const i of p.parse.picks(test)) out.push(p.refs[i]);
    return out;
  }

  override startingAt(offset: number): YamlRef[] {
    // the blocks cover the text, in order
    const p = this.placed[lastStartingBy(this.placed, offset, (b) => b.offset)];
    return p ? p.parse.model.startingAt(offset - p.offset).map(p.moved) : [];
  }

  override complete(docIndex: number): boolean {
    return docIndex === 0 && !this.truncated;
  }
}

/** The YAML model of successive versions of one buffer, reusing the parse and model of unchanged top-level blocks. */
export class IncrementalYaml {
  private parses = new Map<string, BlockParse>();
  /** The blocks assembled from entries, by their key line: a changed block reuses its entries that did not change. */
  private byHeader = new Map<string, BlockParse>();
  /** How the last model was built (for tests and the benchmark): blocks, and entries of the changed blocks. */
  lastReuse = { reused: 0, parsed: 0, full: false, entries: { reused: 0, parsed: 0 } };

  /** The model of the buffer's new text; `lines`: its line index, when the caller has it. */
  model(text: string, lines?: LineIndex): YamlModel {
    const next = new Map<string, BlockParse>();
    const placed: Placed[] = [];
    const roots = new Set<string | undefined>();
    const entries = { reused: 0, parsed: 0 };
    let reused = 0;
    const before = [...this.parses.values()];
    for (const [i, b] of (splitBlocks(text, lines) ?? []).entries()) {
      // the block at the same place first: comparing texts is cheaper than hashing a new one for the map
      let parse = before[i]?.text === b.text ? before[i] : this.parses.get(b.text);
      if (parse) reused++;
      else parse = this.fromEntries(b.text, entries) ?? whole(b.text);
      // a key written twice: the second block would answer for the first one's paths
      const root = parse?.model.rootKeys[0];
      if (!parse || roots.has(root)) {
        placed.length = 0;
        break;
      }
      roots.add(root);
      next.set(parse.text, parse);
      placed.push(parse.at(b.offset));
    }
    if (placed.length === 0) {
      this.parses = new Map();
      this.byHeader = new Map();
      this.lastReuse = { reused: 0, parsed: 0, full: true, entries };
      return new YamlModel(text);
    }
    this.parses = next;
    this.byHeader = new Map();
    for (const p of placed) if (p.parse.header) this.byHeader.set(p.parse.header, p.parse);
    this.lastReuse = { reused, parsed: placed.length - reused, full: false, entries };
    const blocks = placed.map((p) => ({ doc: p.parse.doc, offset: p.offset, text: p.parse.text, model: p.parse.model }));
    return new AssembledYaml(text, blocks, placed);
  }

  /**
   * A changed block assembled from the parses of its key line and entries, reusing those of
   * its previous version whose text did not change; undefined when it does not split into
   * entries or one of them is not usable alone (then the block is parsed whole).
   */
  private fromEntries(text: string, count: { reused: number; parsed: number }): BlockParse | undefined {
    const split = splitEntries(text);
    if (!split) return undefined;
    const previous = this.byHeader.get(split.header)?.parts;
    const parts = new Map<string, Document.Parsed>();
    let reused = 0;
    const usableParse = (part: string): Document.Parsed | undefined => {
      if (parts.has(part)) return undefined; // an entry written twice: its nodes cannot stand in the mapping twice
      const known = previous?.get(part);
      if (known) reused++;
      const doc = known ?? usable(parseYaml(part));
      if (doc) parts.set(part, doc);
      return doc;
    };
    const head = usableParse(split.header);
    const key = head && headerKey(head);
    if (!key) return undefined;
    const entries: YAMLMap.Parsed[] = [];
    for (const e of split.entries) {
      const doc = usableParse(e.text);
      if (!doc) return undefined;
      entries.push(doc.contents as YAMLMap.Parsed);
    }
    const offsets = new Map<unknown, number>(entries.map((m, i) => [m.items[0], split.entries[i].offset]));
    // the mapping under the key, where a parse of the whole block puts it: from the first entry's key to the last one's value
    const value = new YAMLMap() as YAMLMap.Parsed;
    value.items = entries.map((m) => m.items[0]);
    const end = split.entries[entries.length - 1].offset + entries[entries.length - 1].range[1];
    value.range = [split.entries[0].offset + entries[0].range[0], end, end];
    const root = new YAMLMap() as YAMLMap.Parsed;
    root.items = [new Pair(key, value)];
    root.range = [0, end, end];
    const doc = new Document() as Document.Parsed;
    doc.contents = root;
    count.reused += reused;
    count.parsed += parts.size - reused;
    return new BlockParse(doc, text, new YamlModel(text, [{ doc, offset: 0, entries: offsets }]), split.header, parts);
  }
}

/** The key of a block's key line alone, when it is a plain key with nothing after it but a comment. */
function headerKey(doc: Document.Parsed): Scalar.Parsed | undefined {
  const pair = (doc.contents as YAMLMap.Parsed).items[0];
  return isScalar(pair.key) && isScalar(pair.value) && pair.value.value === null && !pair.value.tag ? pair.key : undefined;
}

/** A block parsed whole. */
function whole(text: string): BlockParse | undefined {
  const doc = usable(parseYaml(text));
  return doc && new BlockParse(doc, text, new YamlModel(text, [{ doc, offset: 0 }]));
}

/** Where a block's key line starts: the first block of a file also holds the comments and blank lines before it. */
function keyLineStart(block: string): number {
  let start = 0;
  while (start < block.length && ' #\n'.includes(block[start])) start = block.indexOf('\n', start) + 1 || block.length;
  return start;
}
