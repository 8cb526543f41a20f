// One story per key (RULES.md "Findings tell the truth"): a security finding on a
// key the server does not read, or asking for one, says so in its own message and
// names what works instead; a safe fix that sets such a key becomes a suggestion
// (it would only look like protection); and SCH006 leaves that key to the finding.
import { createHash } from 'crypto';
import * as path from 'path';
import { YamlRef } from './documents/yamlModel';
import { applyEdits } from './fixes/applyEdits';
import { unreadChanges } from './fixes/fixAll';
import { isUnread, unreadSentence } from './schema/readership';
import { schemaFor } from './schema/schemaIndex';
import { SourceFile } from './sourceFile';
import { FileKind, Finding, Fix } from './types';

/** Findings that hold whatever the server reads: syntax, SCH006 itself, suppressions, secret hygiene. */
const NOT_ABOUT_EFFECT = /^(?:SCH00[16]|SUP\d+|SEC\d+)$/;

export const UNREAD_NOTE = 'no effect on the server: it does not read this key';

/** setsUnread's answers by file, block text and edits: after a keystroke, the fixes in the other blocks ask again. */
const unreadAnswers = new Map<string, boolean>();
const MAX_ANSWERS = 2000;

export class FindingReadership {
  private byStart?: Map<number, YamlRef[]>;
  private readonly digests = new Map<string, string>();
  /** Key offsets of the entries a security finding sits on. */
  private readonly told = new Set<number>();

  constructor(
    private readonly file: SourceFile,
    private readonly kind: FileKind,
  ) {}

  /** The finding, told truthfully when its key (or the key it asks for) is one the server does not read. */
  apply(finding: Finding, asks: readonly string[] | undefined): Finding {
    const name = schemaFor(this.kind, this.file.path);
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
    const edits = fix.changes.filter((c) => path.resolve(c.path) === path.resolve(this.file.path)).flatMap((c) => c.edits);
    if (!edits.length) return false;
    const text = this.file.text;
    const from = blockStart(text, Math.min(...edits.map((e) => e.start)));
    const to = blockEnd(text, Math.max(...edits.map((e) => e.end)));
    const slice = text.slice(from, to);
    const shifted = edits.map((e) => ({ ...e, start: e.start - from, end: e.end - from }));
    const key = `${this.file.path}\u0000${JSON.stringify(shifted)}\u0000${this.digestOf(from, to, slice)}`;
    let answer = unreadAnswers.get(key);
    if (answer === undefined) {
      const before = new SourceFile(this.file.path, slice);
      answer = unreadChanges(before, new SourceFile(this.file.path, applyEdits(slice, shifted))).length > 0;
      if (unreadAnswers.size >= MAX_ANSWERS) unreadAnswers.clear();
      unreadAnswers.set(key, answer);
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
    if (this.toldFor(ref)) return true;
    const model = this.file.yaml;
    const depth = ref.path.length;
    const under = (d: YamlRef) =>
      d.docIndex === ref.docIndex &&
      d.path.length > depth &&
      ref.path.every((k, i) => d.path[i] === k) &&
      d.path.slice(depth + 1).every((_, i) => model.getIn(d.docIndex, d.path.slice(0, depth + 1 + i))?.keySpan);
    for (const offset of this.told) if (this.refsAt(offset).some((d) => d.keySpan?.start === offset && under(d))) return true;
    return false;
  }

  /** The entry whose value (or else key) the span covers exactly. */
  private refAt(span: Finding['span']): YamlRef | undefined {
    const at = this.refsAt(span.start);
    return (
      at.find((r) => r.valueSpan?.start === span.start && r.valueSpan.end === span.end) ??
      at.find((r) => r.keySpan?.start === span.start && r.keySpan.end === span.end)
    );
  }

  /** The entries whose key or value starts at `offset`. */
  private refsAt(offset: number): YamlRef[] {
    if (!this.byStart) {
      this.byStart = new Map();
      for (const r of this.file.yaml.refs) {
        for (const s of [r.valueSpan, r.keySpan]) {
          if (!s) continue;
          const list = this.byStart.get(s.start) ?? [];
          list.push(r);
          this.byStart.set(s.start, list);
        }
      }
    }
    return this.byStart.get(offset) ?? [];
  }
}

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
