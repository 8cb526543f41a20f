// One story per key (RULES.md "Findings tell the truth"): a security finding on a
// key the server does not read, or asking for one, says so in its own message and
// names what works instead; a safe fix that sets such a key becomes a suggestion
// (it would only look like protection); and SCH006 leaves that key to the finding.
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

export class FindingReadership {
  private byStart?: Map<number, YamlRef[]>;
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
    const before = new SourceFile(this.file.path, slice);
    return unreadChanges(before, new SourceFile(this.file.path, applyEdits(slice, shifted))).length > 0;
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

  /** The entry whose value (or else key) the span covers exactly. */
  private refAt(span: Finding['span']): YamlRef | undefined {
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
    const at = this.byStart.get(span.start) ?? [];
    return (
      at.find((r) => r.valueSpan?.start === span.start && r.valueSpan.end === span.end) ??
      at.find((r) => r.keySpan?.start === span.start && r.keySpan.end === span.end)
    );
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
