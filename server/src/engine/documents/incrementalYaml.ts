// Incremental YAML parsing for an edited buffer: a config is one mapping whose
// top-level entries start at column 0, and a keystroke changes one of them. Each
// top-level entry (a block: its key line up to the next one) is parsed on its own
// and kept by its text, so after an edit only the blocks whose text changed are
// parsed again; the others are reused at their new offset. Whenever the split
// could read the file differently from a parse of the whole text, the whole text
// is parsed: several documents or directives, tabs, CR line breaks, a BOM, a root
// that is not a block mapping of plain keys, a block with parse errors or
// warnings (a flow collection or quoted scalar running past a boundary), and
// anchors or aliases anywhere.
import { Document, isAlias, isCollection, isMap, isPair, isScalar, parseAllDocuments } from 'yaml';
import { YamlBlock, YamlModel } from './yamlModel';

interface BlockText {
  text: string;
  offset: number;
}

/** A line that starts a top-level entry: a plain key at column 0. */
const ROOT_KEY = /^[^\s#\-?:,[\]{}&*!|>'"%@`][^\n]*?:(?: |$)/;

/** The top-level blocks of `text`, or undefined when splitting it is not safe. */
export function splitBlocks(text: string): BlockText[] | undefined {
  if (/[\r\t\uFEFF]/.test(text)) return undefined;
  const starts: number[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const first = line[0];
    if (first !== undefined && first !== ' ' && first !== '#') {
      if (!ROOT_KEY.test(line)) return undefined; // `---`, `%YAML`, `- item`, `? key`, a stray scalar…
      starts.push(offset);
    } else if (starts.length === 0 && line.trim() !== '' && !line.trimStart().startsWith('#')) {
      return undefined; // content before the first root key: the root is indented
    }
    offset += line.length + 1;
  }
  if (starts.length < 2) return undefined;
  // comments and blank lines before the first key belong to the first block
  starts[0] = 0;
  return starts.map((start, i) => ({ offset: start, text: text.slice(start, starts[i + 1] ?? text.length) }));
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

interface BlockParse {
  doc: Document.Parsed;
  /** The block's own model: walked once, reused (moved) in the model of every version that holds the block. */
  model: YamlModel;
}

/** The YAML model of successive versions of one buffer, reusing the parse and model of unchanged top-level blocks. */
export class IncrementalYaml {
  private parses = new Map<string, BlockParse[]>();
  /** How the last model was built (for tests and the benchmark). */
  lastReuse = { reused: 0, parsed: 0, full: false };

  model(text: string): YamlModel {
    const split = splitBlocks(text);
    const next = new Map<string, BlockParse[]>();
    const blocks: YamlBlock[] = [];
    let reused = 0;
    for (const b of split ?? []) {
      // each parse is used once per model: two equal blocks (a duplicate key) get their own nodes
      let parse = this.parses.get(b.text)?.pop();
      if (parse) reused++;
      else {
        const doc = usable(parseAllDocuments(b.text, { uniqueKeys: false }) as Document.Parsed[]);
        parse = doc && { doc, model: new YamlModel(b.text, [{ doc, offset: 0 }]) };
      }
      if (!parse) {
        blocks.length = 0;
        break;
      }
      blocks.push({ doc: parse.doc, offset: b.offset, text: b.text, model: parse.model });
      const same = next.get(b.text);
      if (same) same.push(parse);
      else next.set(b.text, [parse]);
    }
    if (blocks.length === 0) {
      this.parses = new Map();
      this.lastReuse = { reused: 0, parsed: 0, full: true };
      return new YamlModel(text);
    }
    this.parses = next;
    this.lastReuse = { reused, parsed: blocks.length - reused, full: false };
    return new YamlModel(text, blocks);
  }
}
