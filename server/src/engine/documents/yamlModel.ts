// Position-preserving view of a YAML file: every mapping entry with its key path,
// the offsets of its key and value, and its value. Built once per text; rules,
// schema validation, completion and hover all read this model.
//
// Aliases are expanded the way the server's yaml-cpp reads them: `list: *suites`
// has the items `list.0`, `list.1`… of the anchored sequence, `vram: *policy` the
// keys of the anchored mapping. Expanded entries point where their value is
// written (the anchor), so findings land there, and are marked `viaAlias` so no
// fix edits them. Merge keys `<<` stay literal keys (yaml-cpp does not merge).
// Expansion is bounded: each alias is resolved once, expanded entries count
// against a budget, and cycles are cut; past the budget the model is `truncated`.
import {
  Alias,
  Composer,
  CST,
  Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Node,
  parseAllDocuments,
  Parser,
  Scalar,
  YAMLMap,
} from 'yaml';
import { Span } from '../types';
import { composePlain } from './plainCompose';
import { scanPlain } from './plainScan';

export interface YamlRef {
  /** Keys from the document root; sequence items use their index as a string. */
  path: string[];
  /** Present for mapping entries, absent for sequence items. */
  keyNode?: Scalar;
  keySpan?: Span;
  /**
   * The value's node; for an alias, the anchored node it stands for (null when the anchor is missing).
   * Read positions from the spans: in a model assembled from blocks, node ranges count from the block's start.
   */
  node: Node | null;
  /**
   * Span of the value itself (quotes included; a block scalar without its trailing
   * line breaks), or undefined when the value is empty. For an entry whose own value
   * is an alias: the `*name` it is written with; for the entries under it: their
   * place under the anchor.
   */
  valueSpan?: Span;
  /** Scalar value as YAML 1.2 reads it; undefined for maps, sequences and empty values. */
  value: unknown;
  docIndex: number;
  /**
   * The value is written elsewhere and reached through an alias (`*name`), or the
   * entry's own value is an alias: never edit it here.
   */
  viaAlias?: boolean;
  /** Only on a written entry whose own value is an alias (`key: *name`): the anchor's name. Its key is written here. */
  alias?: string;
}

/** One top-level entry parsed on its own (incremental parsing): its document, and where its text starts in the file. */
export interface YamlBlock {
  doc: Document.Parsed;
  offset: number;
  /** The block's text and its own model (offsets from the block's start), when a subclass assembles the entries (incrementalYaml.ts). */
  text?: string;
  model?: YamlModel;
  /**
   * A block assembled from the entries under its key, each parsed on its own: where each
   * entry's text starts, from the block's start (the entry's node ranges count from there).
   */
  entries?: ReadonlyMap<unknown, number>;
}

export interface YamlProblem {
  span: Span;
  message: string;
  code: string;
  /** A warning leaves the YAML readable (an unknown tag or directive); an error does not. */
  severity: 'error' | 'warning';
}

/** Nesting deeper than this is not modelled (the model is then `truncated`). */
const MAX_DEPTH = 64;
/** Expanded entries allowed per file: ten per written entry, within these bounds. */
const MIN_BUDGET = 10_000;
const MAX_BUDGET = 50_000;
/** Joins path parts in map keys: it cannot occur in a key, so `"a.b"` and `a: {b}` stay apart. */
const SEP = '\u0000';

const keyOf = (parts: readonly string[]): string => (parts.length ? SEP + parts.join(SEP) : '');
/** Lookup keys of dotted paths: rules ask by a few literal paths, again and again. */
const stringKeys = new Map<string, string>();

function stringKey(path: string): string {
  let key = stringKeys.get(path);
  if (key === undefined) {
    if (stringKeys.size >= 10_000) stringKeys.clear();
    stringKeys.set(path, (key = keyOf(partsOf(path))));
  }
  return key;
}

/** Each regex's flags and source, once per regex object: `source` builds a new string on every read. */
const patternKeys = new WeakMap<RegExp, string>();

function patternKey(re: RegExp): string {
  let key = patternKeys.get(re);
  if (key === undefined) patternKeys.set(re, (key = `${re.flags}/${re.source}`));
  return key;
}

/** Public string paths are dotted (`'tls.enabled'`, '' for the root); arrays are exact. */
export const partsOf = (path: string | readonly string[]): readonly string[] =>
  typeof path === 'string' ? (path === '' ? [] : path.split('.')) : path;

export class YamlModel {
  readonly docs: Document.Parsed[];
  readonly problems: YamlProblem[] = [];
  readonly refs: YamlRef[] = [];
  /** Set when alias expansion stopped at its budget, or nesting at its depth limit: some entries are missing. */
  truncated = false;
  /** The top-level blocks this model was assembled from, each with its own model (the subclass in incrementalYaml.ts). */
  readonly blocks?: readonly YamlBlock[];
  private readonly incomplete = new Set<number>();
  private readonly byPath = new Map<string, YamlRef>();
  /** Per document (by its index): path key -> entry, and path key -> children. */
  private readonly byDocPath: Map<string, YamlRef>[] = [];
  private readonly childrenByPath = new Map<string, YamlRef[]>();
  private readonly byKey = new Map<string, YamlRef[]>();
  /** named()'s answers by pattern (flags and source: a regex literal is a new object each time it runs). */
  private readonly byPattern = new Map<string, YamlRef[]>();
  private readonly childrenByDocPath: Map<string, YamlRef[]>[] = [];
  private byStart?: Map<number, YamlRef[]>;
  /** Each entry's path (the array itself) -> its lookup key. */
  private readonly keyByPath = new Map<readonly string[], string>();
  private views?: DocView[];
  /** Per document: each alias node and the anchored node it stands for. */
  private targets: Map<Alias, Node>[] = [];
  /** Collections being walked (ancestors of the current entry): an alias to one of them is a cycle. */
  private readonly open = new Set<Node>();
  private budget = MIN_BUDGET;
  private expanded = 0;
  /** Offsets of the nodes under the current top-level entry, in a model assembled from blocks. */
  private shift = 0;
  /** In a model of blocks: the entries whose node ranges count from a later start, and that start. */
  private shifts?: Map<unknown, number>;

  /**
   * `blocks`: the one-entry documents of each top-level entry of a single-document
   * file without errors, anchors or aliases (see incrementalYaml.ts); the model
   * is then the one `text` alone would give, without parsing it again.
   */
  constructor(
    readonly text: string,
    blocks?: readonly YamlBlock[],
  ) {
    // a lone CR is a line break in YAML, not to the parser: read it as LF (same length, same offsets);
    // the incremental blocks never hold one (they fall back to a full parse on CR)
    const parsed = blocks ? [assemble(blocks, text.length)] : parseYaml(lfForLoneCr(text));
    if (blocks?.every((b) => b.model)) this.blocks = blocks;
    else if (blocks) this.shifts = shiftsOf(blocks);
    this.docs = Array.isArray(parsed) ? parsed : [];
    let written = 0;
    this.targets = this.docs.map((doc) => {
      // blocks hold no anchors or aliases (incrementalYaml.ts): nothing to scan
      const scan = this.blocks ? { targets: new Map<Alias, Node>(), entries: 0 } : scanAnchors(doc);
      written += scan.entries;
      return scan.targets;
    });
    this.budget = Math.min(MAX_BUDGET, Math.max(MIN_BUDGET, 10 * written));
    this.docs.forEach((doc, i) => {
      for (const e of [...doc.errors, ...doc.warnings]) {
        this.problems.push({
          span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
          message: e.message.split('\n')[0].trim(),
          code: e.code,
          severity: e.name === 'YAMLWarning' ? 'warning' : 'error',
        });
      }
      this.byDocPath.push(new Map());
      this.childrenByDocPath.push(new Map());
      if (!this.blocks) this.walk(doc.contents, [], '', i, 0, false);
    });
    this.targets = [];
  }

  /** First entry at a path (dotted string or exact key array) across all documents. */
  get(path: string | readonly string[]): YamlRef | undefined {
    return this.byPath.get(this.keyOf(path));
  }

  /** Direct children of the node at `path` ('' or [] for the document root). */
  children(path: string | readonly string[]): YamlRef[] {
    return this.childrenByPath.get(this.keyOf(path)) ?? [];
  }

  /** The entry at a path within one document (for multi-document files). */
  getIn(docIndex: number, path: readonly string[]): YamlRef | undefined {
    return this.byDocPath[docIndex]?.get(this.keyOf(path));
  }

  /** Mapping entries whose own key is `key` or matches it, any depth (an index, not a scan). */
  named(key: string | RegExp): YamlRef[] {
    if (typeof key === 'string') return this.byKey.get(key) ?? [];
    // several rules ask by the same patterns, and the model of an unchanged block is asked again
    // after each keystroke: each pattern is tried on the keys once per model
    const pattern = patternKey(key);
    let out = this.byPattern.get(pattern);
    if (!out) {
      out = [];
      for (const [k, refs] of this.byKey) if (key.test(k)) out.push(...refs);
      out.sort((a, b) => a.keySpan!.start - b.keySpan!.start);
      this.byPattern.set(pattern, out);
    }
    return out;
  }

  has(path: string | readonly string[]): boolean {
    return this.get(path) !== undefined;
  }

  /** Direct children of a path within one document. */
  childrenIn(docIndex: number, path: readonly string[]): YamlRef[] {
    return this.childrenByDocPath[docIndex]?.get(this.keyOf(path)) ?? [];
  }

  /** The lookup key of a path: an entry's own path is known (rules ask by `ref.path` all the time), others are joined. */
  private keyOf(path: string | readonly string[]): string {
    if (typeof path === 'string') return stringKey(path);
    return this.keyByPath.get(path) ?? keyOf(path);
  }

  /** The entries whose value or key starts at `offset` (values first, in the model's order). */
  startingAt(offset: number): YamlRef[] {
    if (!this.byStart) {
      this.byStart = new Map();
      for (const r of this.refs) {
        for (const s of [r.valueSpan, r.keySpan]) {
          if (!s) continue;
          const list = this.byStart.get(s.start);
          if (list) list.push(r);
          else this.byStart.set(s.start, [r]);
        }
      }
    }
    return this.byStart.get(offset) ?? [];
  }

  /** Whether every entry of the document is in the model (no budget or depth limit was hit there). */
  complete(docIndex: number): boolean {
    return !this.incomplete.has(docIndex);
  }

  /** The entries of a document that `test` picks (DocView.where): a model assembled from blocks remembers each block's. */
  pick(view: DocView, test: EntryTest): YamlRef[] {
    return view.refs.filter(test);
  }

  /** One view per document that has a mapping at its root (every edition of all-editions.yaml on its own). */
  documents(): DocView[] {
    if (!this.views) {
      const refsByDoc = new Map<number, YamlRef[]>();
      for (const r of this.refs) {
        const list = refsByDoc.get(r.docIndex);
        if (list) list.push(r);
        else refsByDoc.set(r.docIndex, [r]);
      }
      this.views = [...refsByDoc.entries()]
        .filter(([i]) => this.childrenIn(i, []).some((r) => r.keySpan))
        .sort(([a], [b]) => a - b)
        .map(([i, refs]) => new DocView(this, i, refs));
    }
    return this.views;
  }

  /** Top-level keys of all documents. */
  get rootKeys(): string[] {
    return this.children('').map((r) => r.path[0]);
  }

  /** `key`: the entry's path key (keyOf(ref.path)), `parent`: its parent's, built along the walk. */
  private add(ref: YamlRef, key: string, parent: string): void {
    this.keyByPath.set(ref.path, key);
    if (!this.byPath.has(key)) this.byPath.set(key, ref);
    this.byDocPath[ref.docIndex].set(key, ref);
    let list = this.childrenByPath.get(parent);
    if (!list) this.childrenByPath.set(parent, (list = []));
    list.push(ref);
    const docChildren = this.childrenByDocPath[ref.docIndex];
    let docList = docChildren.get(parent);
    if (!docList) docChildren.set(parent, (docList = []));
    docList.push(ref);
    this.refs.push(ref);
    if (ref.keySpan) {
      const k = ref.path[ref.path.length - 1];
      const same = this.byKey.get(k);
      if (same) same.push(ref);
      else this.byKey.set(k, [ref]);
    }
  }

  private stop(docIndex: number): void {
    this.truncated = true;
    this.incomplete.add(docIndex);
  }

  /** Adds the entries of a collection; `key`: keyOf(path); `via`: it is reached through an alias. */
  private walk(node: unknown, path: string[], key: string, docIndex: number, depth: number, via: boolean): void {
    if (!isMap(node) && !isSeq(node)) return;
    if (depth > MAX_DEPTH) return this.stop(docIndex); // pathological nesting: the rest is still parsed
    if (this.open.has(node)) return; // an alias to its own ancestor: expanding it would never end
    this.open.add(node);
    try {
      if (isMap(node)) {
        const seen = via ? undefined : new Set<string>(); // duplicates are reported where they are written
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          this.shift = this.shifts?.get(pair) ?? this.shift;
          const keyNode = isScalar(pair.key) ? pair.key : undefined;
          if (!keyNode || keyNode.value === null || typeof keyNode.value === 'object') continue;
          const name = String(keyNode.value);
          if (seen?.has(name) && keyNode.range) {
            this.problems.push({
              span: { start: keyNode.range[0] + this.shift, end: keyNode.range[1] + this.shift },
              message: 'Map keys must be unique',
              code: 'DUPLICATE_KEY',
              severity: 'error',
            });
          }
          seen?.add(name);
          if (!this.entry([...path, name], key, keyNode, pair.value, docIndex, depth, via)) return;
        }
      } else {
        for (let i = 0; i < node.items.length; i++) {
          if (!this.entry([...path, String(i)], key, undefined, node.items[i], docIndex, depth, via)) return;
        }
      }
    } finally {
      this.open.delete(node);
    }
  }

  /** Adds one entry and what is under it; false when the expansion budget is spent. */
  private entry(
    path: string[],
    parentKey: string,
    keyNode: Scalar | undefined,
    value: unknown,
    docIndex: number,
    depth: number,
    via: boolean,
  ): boolean {
    if (via && ++this.expanded > this.budget) {
      this.stop(docIndex);
      return false;
    }
    const written = (value ?? null) as Node | null;
    const alias = isAlias(written) ? written : undefined;
    const node = alias ? (this.targets[docIndex].get(alias) ?? null) : written;
    const ref: YamlRef = {
      path,
      keyNode,
      keySpan: keyNode?.range ? { start: keyNode.range[0] + this.shift, end: keyNode.range[1] + this.shift } : undefined,
      node,
      valueSpan: this.spanOf(written),
      value: isScalar(node) ? node.value : undefined,
      docIndex,
    };
    if (via || alias) ref.viaAlias = true;
    if (alias && !via) ref.alias = alias.source;
    const key = parentKey + SEP + path[path.length - 1];
    this.add(ref, key, parentKey);
    if (isCollection(node)) this.walk(node, path, key, docIndex, depth + 1, via || !!alias);
    return !(via && this.expanded > this.budget);
  }

  /** Where a value is written; a block scalar's ends with its content, not with the line breaks after it. */
  private spanOf(node: Node | null): Span | undefined {
    if (!node?.range) return undefined;
    const start = node.range[0] + this.shift;
    let end = node.range[1] + this.shift;
    if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
      while (end > start && /\s/.test(this.text[end - 1])) end--;
    }
    return end > start ? { start, end } : undefined;
  }
}

/**
 * The parser's documents of a text. uniqueKeys is quadratic in the size of a mapping
 * (walk() finds duplicates instead); prettyErrors re-scans the line of every error
 * (quadratic on a long line with many errors); and each error is an Error whose stack
 * trace nothing reads (capturing it was most of the cost of 20,000 errors).
 */
export function parseYaml(text: string): Document.Parsed[] {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // a text too large to hold all its tokens at once streams through the Composer, document by document
    if (text.length > PLAIN_COMPOSE_MAX) return parseAllDocuments(text, PARSE_OPTIONS) as Document.Parsed[];
    // plain YAML is read line by line (plainScan.ts); else the parser's tokens are composed, plainly if they allow
    const scanned = scanPlain(text, PARSE_OPTIONS);
    if (scanned) return scanned;
    const tokens = [...new Parser().parse(text)];
    return composePlain(tokens, PARSE_OPTIONS) ?? composeAll(tokens);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false } as const;
/** Texts up to this size are tried as plain YAML first (plainScan.ts, then plainCompose.ts). */
const PLAIN_COMPOSE_MAX = 1024 * 1024;

/** What parseAllDocuments returns for the tokens, with PARSE_OPTIONS (no pretty errors: no line counter). */
function composeAll(tokens: readonly CST.Token[]): Document.Parsed[] {
  const composer = new Composer(PARSE_OPTIONS);
  const docs = Array.from(composer.compose(tokens)) as Document.Parsed[];
  return docs.length > 0 ? docs : Object.assign([], { empty: true }, composer.streamInfo());
}

/** The text with each lone CR as LF; a text without CR as it is (finding none is cheaper than the regex's scan). */
export function lfForLoneCr(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** One document whose root mapping holds the entries of all blocks, in order (their nodes keep block-relative ranges). */
function assemble(blocks: readonly YamlBlock[], length: number): Document.Parsed {
  const map = new YAMLMap() as YAMLMap.Parsed;
  map.items = blocks.flatMap((b) => (b.doc.contents as YAMLMap.Parsed).items);
  map.range = [0, length, length];
  const doc = new Document() as Document.Parsed;
  doc.contents = map;
  return doc;
}

/** The index of the last item that starts at or before `offset` (0 when none does): items in the order of their starts. */
export function lastStartingBy<T>(items: readonly T[], offset: number, startOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (startOf(items[mid]) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Where the nodes of each block's entry count from: the block's offset, and under it where each of its entries starts. */
function shiftsOf(blocks: readonly YamlBlock[]): Map<unknown, number> {
  const shifts = new Map<unknown, number>();
  for (const b of blocks) {
    shifts.set((b.doc.contents as YAMLMap).items[0], b.offset);
    for (const [pair, at] of b.entries ?? []) shifts.set(pair, b.offset + at);
  }
  return shifts;
}

/**
 * One pass over a document in order: each alias's target is the last node before
 * it with that anchor (as `Alias.resolve` finds it, without a walk per alias), and
 * the number of written entries (the expansion budget is a multiple of it).
 */
function scanAnchors(doc: Document.Parsed): { targets: Map<Alias, Node>; entries: number } {
  const targets = new Map<Alias, Node>();
  const anchors = new Map<string, Node>();
  let entries = 0;
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) targets.set(node, target);
      continue;
    }
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (!isScalar(node) && !isCollection(node)) continue;
    if (node.anchor) anchors.set(node.anchor, node);
    if (isCollection(node)) {
      entries += node.items.length;
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return { targets, entries };
}

/** A test of one entry that reads the entry alone: its key, path, value and node, not where it is nor other entries. */
export type EntryTest = (ref: YamlRef) => boolean;

/** An entry with a key and a value written in the text. */
export type WrittenEntry = YamlRef & { keySpan: Span; valueSpan: Span };

/** One document of a file, with path lookups limited to it. */
export class DocView {
  constructor(
    private readonly model: YamlModel,
    readonly index: number,
    /** Every entry of the document, in source order. */
    readonly refs: YamlRef[],
  ) {}

  get(path: string | string[]): YamlRef | undefined {
    return this.model.getIn(this.index, typeof path === 'string' ? (path === '' ? [] : path.split('.')) : path);
  }

  has(path: string | string[]): boolean {
    return this.get(path) !== undefined;
  }

  children(path: string | string[]): YamlRef[] {
    return this.model.childrenIn(this.index, typeof path === 'string' ? (path === '' ? [] : path.split('.')) : path);
  }

  get roots(): YamlRef[] {
    return this.children([]).filter((r) => r.keySpan);
  }

  /** The first top-level key: where a finding about a missing section goes when nothing better exists. */
  get firstRoot(): YamlRef | undefined {
    return this.roots[0];
  }

  /**
   * The entries of this document that `test` picks, in source order. In a model assembled
   * from top-level blocks each block runs the test once while its text stays the same, so
   * a rule that looks for its entries this way costs the edited block, not the file; the
   * test must be a function defined once (it is what the picks are remembered by).
   */
  where<T extends YamlRef>(test: (ref: YamlRef) => ref is T): T[];
  where(test: EntryTest): YamlRef[];
  where(test: EntryTest): YamlRef[] {
    return this.model.pick(this, test);
  }

  /** Entries of this document whose own key is `key` or matches it. */
  named(key: string | RegExp): YamlRef[] {
    return this.model.named(key).filter((r) => r.docIndex === this.index);
  }
}

// The ThemisDB server reads YAML with yaml-cpp, whose booleans include yes/no/on/off.
const TRUE_WORDS = /^(?:y|yes|true|on)$/i;
const FALSE_WORDS = /^(?:n|no|false|off)$/i;

/** true/false as the server would read the value, undefined when it is not a boolean. */
export function asBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (TRUE_WORDS.test(value.trim())) return true;
    if (FALSE_WORDS.test(value.trim())) return false;
  }
  return undefined;
}

export function isMapRef(ref: YamlRef | undefined): boolean {
  return !!ref && isMap(ref.node);
}

export function isSeqRef(ref: YamlRef | undefined): boolean {
  return !!ref && isSeq(ref.node);
}

/** String form of a scalar value, or undefined for collections and empty values. */
export function asString(value: unknown): string | undefined {
  if (value === null || value === undefined || typeof value === 'object') return undefined;
  return String(value);
}
