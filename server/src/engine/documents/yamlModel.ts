// Position-preserving view of a YAML file: every mapping entry with its key path,
// the offsets of its key and value, and its value. Built once per text; rules,
// schema validation, completion and hover all read this model.
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, Node, parseAllDocuments, Scalar } from 'yaml';
import { Span } from '../types';

export interface YamlRef {
  /** Keys from the document root; sequence items use their index as a string. */
  path: string[];
  /** Present for mapping entries, absent for sequence items. */
  keyNode?: Scalar;
  keySpan?: Span;
  node: Node | null;
  /** Span of the value itself (quotes included), or undefined when the value is empty. */
  valueSpan?: Span;
  /** Scalar value as YAML 1.2 reads it; undefined for maps, sequences and empty values. */
  value: unknown;
  docIndex: number;
  /** The value is written elsewhere and reached through an alias (`*name`): never edit it here. */
  viaAlias?: boolean;
}

// Aliases are resolved to their node, never expanded, so an alias bomb costs nothing.
export interface YamlProblem {
  span: Span;
  message: string;
  code: string;
}


export class YamlModel {
  readonly docs: Document.Parsed[];
  readonly problems: YamlProblem[] = [];
  readonly refs: YamlRef[] = [];
  private readonly byPath = new Map<string, YamlRef>();
  private readonly byDocPath = new Map<string, YamlRef>();
  private readonly childrenByPath = new Map<string, YamlRef[]>();
  private readonly byKey = new Map<string, YamlRef[]>();
  private readonly childrenByDocPath = new Map<string, YamlRef[]>();
  private views?: DocView[];

  constructor(readonly text: string) {
    // uniqueKeys is quadratic in the size of a mapping: duplicates are found in walk() instead
    const parsed = parseAllDocuments(text, { keepSourceTokens: true, uniqueKeys: false });
    this.docs = Array.isArray(parsed) ? parsed : [];
    this.docs.forEach((doc, i) => {
      for (const e of [...doc.errors, ...doc.warnings]) {
        this.problems.push({ span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) }, message: e.message.split('\n')[0], code: e.code });
      }
      this.walk(doc.contents, [], i, 0);
    });
  }

  /** First entry at a path (dotted string or key array) across all documents. */
  get(path: string | string[]): YamlRef | undefined {
    return this.byPath.get(typeof path === 'string' ? path : path.join('.'));
  }

  /** Direct children of the node at `path` ('' or [] for the document root). */
  children(path: string | string[]): YamlRef[] {
    return this.childrenByPath.get(typeof path === 'string' ? path : path.join('.')) ?? [];
  }

  /** The entry at a path within one document (for multi-document files). */
  getIn(docIndex: number, path: string[]): YamlRef | undefined {
    return this.byDocPath.get(`${docIndex}:${path.join('.')}`);
  }

  /** Mapping entries whose own key is `key` or matches it, any depth (an index, not a scan). */
  named(key: string | RegExp): YamlRef[] {
    if (typeof key === 'string') return this.byKey.get(key) ?? [];
    const out: YamlRef[] = [];
    for (const [k, refs] of this.byKey) if (key.test(k)) out.push(...refs);
    return out.sort((a, b) => a.keySpan!.start - b.keySpan!.start);
  }

  has(path: string | string[]): boolean {
    return this.get(path) !== undefined;
  }

  /** Direct children of a path within one document. */
  childrenIn(docIndex: number, path: string[]): YamlRef[] {
    return this.childrenByDocPath.get(`${docIndex}:${path.join('.')}`) ?? [];
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

  private add(ref: YamlRef): void {
    const key = ref.path.join('.');
    if (!this.byPath.has(key)) this.byPath.set(key, ref);
    this.byDocPath.set(`${ref.docIndex}:${key}`, ref);
    const parent = ref.path.slice(0, -1).join('.');
    let list = this.childrenByPath.get(parent);
    if (!list) this.childrenByPath.set(parent, (list = []));
    list.push(ref);
    const docParent = `${ref.docIndex}:${parent}`;
    let docList = this.childrenByDocPath.get(docParent);
    if (!docList) this.childrenByDocPath.set(docParent, (docList = []));
    docList.push(ref);
    this.refs.push(ref);
    if (ref.keySpan) {
      const k = ref.path[ref.path.length - 1];
      const same = this.byKey.get(k);
      if (same) same.push(ref);
      else this.byKey.set(k, [ref]);
    }
  }

  private walk(node: unknown, path: string[], docIndex: number, depth: number): void {
    if (depth > 64) return; // pathological nesting: stop, the rest is still parsed
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = isScalar(pair.key) ? pair.key : undefined;
        if (!keyNode || keyNode.value === null || typeof keyNode.value === 'object') continue;
        const name = String(keyNode.value);
        if (seen.has(name) && keyNode.range) {
          this.problems.push({ span: { start: keyNode.range[0], end: keyNode.range[1] }, message: 'Map keys must be unique', code: 'DUPLICATE_KEY' });
        }
        seen.add(name);
        const value = (pair.value ?? null) as Node | null;
        const ref = this.makeRef([...path, String(keyNode.value)], keyNode, value, docIndex);
        this.add(ref);
        this.walk(value, ref.path, docIndex, depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const ref = this.makeRef([...path, String(i)], undefined, (item ?? null) as Node | null, docIndex);
        this.add(ref);
        this.walk(item, ref.path, docIndex, depth + 1);
      });
    }
  }

  private makeRef(path: string[], keyNode: Scalar | undefined, node: Node | null, docIndex: number): YamlRef {
    const target = isAlias(node) ? resolveAlias(node, this.docs[docIndex]) : node;
    const span = node?.range ? { start: node.range[0], end: node.range[1] } : undefined;
    const valueSpan = span && span.end > span.start ? span : undefined;
    return {
      path,
      keyNode,
      keySpan: keyNode?.range ? { start: keyNode.range[0], end: keyNode.range[1] } : undefined,
      node: target,
      valueSpan,
      value: isScalar(target) ? target.value : undefined,
      docIndex,
    };
  }
}

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

  /** Entries of this document whose own key is `key` or matches it. */
  named(key: string | RegExp): YamlRef[] {
    return this.model.named(key).filter((r) => r.docIndex === this.index);
  }
}

function resolveAlias(alias: Alias, doc: Document.Parsed): Node | null {
  try {
    const n = alias.resolve(doc);
    return (n ?? null) as Node | null;
  } catch {
    return null;
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
