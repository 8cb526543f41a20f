// Helpers of the AUD family: the audit blocks that are in force, and appending to a list.
import { DocView, isSeqRef, YamlRef } from '../../documents/yamlModel';
import { isEditable } from '../../fixes/yamlEdits';
import { SourceFile } from '../../sourceFile';
import { TextEdit } from '../../types';
import { auditBlocks } from '../shared/audit';
import { isFlow } from '../shared/documents';
import { boolOf, ValueReader } from '../shared/values';

/** Audit blocks that are not explicitly switched off. */
export function activeAuditBlocks(ctx: ValueReader, doc: DocView): YamlRef[] {
  return auditBlocks(doc).filter((b) => boolOf(ctx, doc.get([...b.path, 'enabled'])) !== false);
}

/**
 * An edit that appends items to a sequence (block or flow), or undefined; also
 * undefined for a list reached through an alias or holding an item a fix may not
 * touch (a `${VAR}`, a nested collection, an alias).
 */
export function appendToSeqEdit(file: SourceFile, doc: DocView, seq: YamlRef, items: string[]): TextEdit | undefined {
  const span = seq.valueSpan;
  if (!span || !isSeqRef(seq) || seq.viaAlias) return undefined;
  const li = file.lines;
  const kids = doc.children(seq.path);
  if (!kids.every(isEditable)) return undefined;
  if (isFlow(seq)) {
    const close = file.text.lastIndexOf(']', span.end);
    if (close < span.start) return undefined;
    const lastKid = kids[kids.length - 1];
    if (lastKid?.valueSpan)
      return { start: lastKid.valueSpan.end, end: lastKid.valueSpan.end, newText: items.map((i) => `, ${i}`).join('') };
    return { start: close, end: close, newText: items.join(', ') };
  }
  const first = kids[0];
  const lastKid = kids[kids.length - 1];
  if (!first?.valueSpan || !lastKid?.valueSpan) return undefined;
  const firstLine = li.position(first.valueSpan.start).line;
  const prefix = /^(\s*-\s+)/.exec(li.lineText(firstLine))?.[1];
  if (!prefix || li.position(first.valueSpan.start).character !== prefix.length) return undefined;
  const endLine = li.position(Math.max(lastKid.valueSpan.start, lastKid.valueSpan.end - 1)).line;
  const at = li.lineEnd(endLine);
  return { start: at, end: at, newText: items.map((i) => li.eol + prefix + i).join('') };
}
