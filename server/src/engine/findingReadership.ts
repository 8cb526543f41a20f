// One story per key (RULES.md "Findings tell the truth"): a security finding on a
// key the server does not read, or asking for one, says so in its own message and
// names what works instead; a safe fix that sets such a key becomes a suggestion
// (it would only look like protection); and SCH006 leaves that key to the finding.
import { createHash } from 'crypto';
import * as path from 'path';
import { lastStartingBy, YamlBlock, YamlModel, YamlRef } from './documents/yamlModel';
import { applyEdits } from './fixes/applyEdits';
import { unreadChanges, unreadValueChange } from './fixes/fixAll';
import { isUnread, unreadSentence } from './schema/readership';
import { SchemaName, schemaFor } from './schema/schemaIndex';
import { SourceFile } from './sourceFile';
import { FileKind, Finding, Fix, shiftedEdit } from './types';

/** Findings that hold whatever the server reads: syntax, SCH006 itself, suppressions, secret hygiene. */
const NOT_ABOUT_EFFECT = /^(?:SCH00[16]|SUP\d+|SEC\d+)$/;

export const UNREAD_NOTE = 'no effect on the server: it does not read this key';

/** setsUnread's answers by file, block text and edits: after a keystroke, the fixes in the other blocks ask again. */
const unreadAnswers = new Map<string, boolean>();
const MAX_ANSWERS = 2000;
/** The same answers for the blocks of an edited buffer, by the block's own model (dropped with it). */
const answersByBlock = new WeakMap<YamlModel, Map<string, boolean>>();

function blockAnswers(block: YamlModel): Map<string, boolean> {
  let answers = answersByBlock.get(block);
  if (!answers) answersByBlock.set(block, (answers = new Map()));
  return answers;
}

/** The block of an edited buffer whose text holds the range, if one does. */
function blockHolding(blocks: readonly YamlBlock[], start: number, end: number): YamlBlock | undefined {
  const b = blocks[lastStartingBy(blocks, start, (x) => x.offset)];
  return b && b.model && b.offset <= start && end <= b.offset + b.text!.length ? b : undefined;
}

export class FindingReadership {
  private readonly digests = new Map<string, string>();
  /** Key offsets of the entries a security finding sits on. */
  private readonly told = new Set<number>();
  /** toldAncestors' answer, and how many keys were told when it was built. */
  private ancestors?: { size: number; ids: Set<string> };

  /** The schema whose readership tells the findings (none for a file without one). */
  private readonly schema: SchemaName | undefined;

  constructor(
    private readonly file: SourceFile,
    kind: FileKind,
  ) {
    this.schema = schemaFor(kind, file.path);
  }

  /** The finding, told truthfully when its key (or the key it asks for) is one the server does not read. */
  apply(finding: Finding, asks: readonly string[] | undefined): Finding {
    const name = this.schema;
    if (!name || NOT_ABOUT_EFFECT.test(finding.ruleId)) return finding;
    const ref = asks ? undefined : this.refAt(finding.span);
    // the key this finding sits on has its story told here (SCH006 leaves it alone)
    this.told.add(finding.span.start);
    if (ref?.keySpan) this.told.add(ref.keySpan.start);
    const keys = asks ?? ref?.path;
    const told = !!keys && isUnread(name, keys);
    const fixes = finding.fixes.map((f) =>
      f.kind === 'fix' && this.setsUnread(f) ? { ...f, kind: 'suggestion' as const, note: f.note ?? UNREAD_NOTE } : f,
    );
    if (!told && fixes.every((f, i) => f === finding.fixes[i])) return finding;
    return { ...finding, message: told ? `${finding.message} ${unreadSentence(name, keys, !!asks)}` : finding.message, fixes };
  }

  /**
   * Whether a fix sets, changes or removes, in this file, a key the server does not read. Only the
   * top-level blocks around its edits are parsed again (a fix in a 10,000-line file stays cheap).
   */
  private setsUnread(fix: Fix): boolean {
    const own = this.file.path;
    const edits = fix.changes.filter((c) => c.path === own || path.resolve(c.path) === path.resolve(own)).flatMap((c) => c.edits);
    if (!edits.length) return false;
    const quick = unreadValueChange(this.file, edits);
    if (quick) return quick.length > 0;
    const text = this.file.text;
    const start = Math.min(...edits.map((e) => e.start));
    const end = Math.max(...edits.map((e) => e.end));
    // in a model of an edited buffer's blocks, the block's own model holds the answers while the block is unchanged
    const block = this.file.yaml.blocks && blockHolding(this.file.yaml.blocks, start, end);
    const from = block ? block.offset : blockStart(text, start);
    const to = block ? block.offset + block.text!.length : blockEnd(text, end);
    const slice = block ? block.text! : text.slice(from, to);
    const shifted = edits.map((e) => shiftedEdit(e, -from));
    const edited = `${this.file.path}\u0000${JSON.stringify(shifted)}`;
    const answers = block ? blockAnswers(block.model!) : unreadAnswers;
    const key = block ? edited : `${edited}\u0000${this.digestOf(from, to, slice)}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      const before = new SourceFile(this.file.path, slice);
      answer = unreadChanges(before, new SourceFile(this.file.path, applyEdits(slice, shifted))).length > 0;
      if (answers.size >= MAX_ANSWERS) answers.clear();
      answers.set(key, answer);
    }
    return answer;
  }

  /**
   * The digest of a block of this file, once per block however many fixes sit in it. Caches
   * key on it, not on the text: a key cut from the file would keep all of it alive, and a
   * block can be large.
   */
  private digestOf(from: number, to: number, block: string): string {
    const k = `${from}:${to}`;
    let d = this.digests.get(k);
    if (d === undefined) this.digests.set(k, (d = createHash('sha256').update(block).digest('base64')));
    return d;
  }

  /** The key offsets told so far: an incremental analysis keeps a block's with its findings. */
  toldOffsets(): number[] {
    return [...this.told];
  }

  /** The told key offsets in [start, end), in order. */
  toldIn(start: number, end: number): number[] {
    const out: number[] = [];
    for (const o of this.told) if (o >= start && o < end) out.push(o);
    return out.sort((a, b) => a - b);
  }

  /** Findings reused from a previous analysis tell their keys again. */
  tell(offsets: Iterable<number>): void {
    for (const o of offsets) this.told.add(o);
  }

  /** Whether a security finding sits on this key (or its value) and so tells its story. */
  toldFor(ref: YamlRef): boolean {
    return !!ref.keySpan && this.told.has(ref.keySpan.start);
  }

  /**
   * Whether a finding tells this key or one under it reached through mapping keys (as
   * walking the keyed children would find): the few told keys are looked up, not the subtree.
   */
  toldWithin(ref: YamlRef): boolean {
    return this.toldFor(ref) || this.toldAncestors().has(pathId(ref.docIndex, ref.path));
  }

  /**
   * The entries a told key lies under through mapping keys (its parent, and on up while each
   * step is a keyed entry, not a sequence item), by pathId; built again when more keys are told.
   */
  private toldAncestors(): Set<string> {
    if (this.ancestors?.size === this.told.size) return this.ancestors.ids;
    const ids = new Set<string>();
    const model = this.file.yaml;
    for (const offset of this.told) {
      for (const d of this.file.yaml.startingAt(offset)) {
        if (d.keySpan?.start !== offset) continue;
        for (let depth = d.path.length - 1; depth >= 1; depth--) {
          const above = d.path.slice(0, depth);
          ids.add(pathId(d.docIndex, above));
          // a sequence item between them: the entries above it do not hold the told key by their keys
          if (!model.getIn(d.docIndex, above)?.keySpan) break;
        }
      }
    }
    this.ancestors = { size: this.told.size, ids };
    return ids;
  }

  /** The entry whose value (or else key) the span covers exactly. */
  private refAt(span: Finding['span']): YamlRef | undefined {
    const at = this.file.yaml.startingAt(span.start);
    return (
      at.find((r) => r.valueSpan?.start === span.start && r.valueSpan.end === span.end) ??
      at.find((r) => r.keySpan?.start === span.start && r.keySpan.end === span.end)
    );
  }
}

const pathId = (docIndex: number, path: readonly string[]): string => `${docIndex}\u0000${path.join('\u0000')}`;

/** A line that starts a top-level entry or a document: where a block of the file begins. */
const ROOT_LINE = /^(?:---|\.\.\.|[^\s#-])/;

function blockStart(text: string, offset: number): number {
  let at = text.lastIndexOf('\n', offset - 1) + 1;
  while (at > 0 && !ROOT_LINE.test(text.slice(at, at + 3))) at = text.lastIndexOf('\n', at - 2) + 1;
  return ROOT_LINE.test(text.slice(at, at + 3)) && text.startsWith('---', at) ? text.indexOf('\n', at) + 1 || at : at;
}

function blockEnd(text: string, offset: number): number {
  let at = text.indexOf('\n', offset);
  while (at >= 0 && !ROOT_LINE.test(text.slice(at + 1, at + 4))) at = text.indexOf('\n', at + 1);
  return at < 0 ? text.length : at + 1;
}
