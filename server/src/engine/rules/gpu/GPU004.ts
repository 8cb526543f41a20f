// GPU004 gpu-blocked-operation: a GPU `allowed_operations` entry other than training, inference or embedding.
import { isScalar } from 'yaml';
import { DocView, isSeqRef, YamlRef } from '../../documents/yamlModel';
import { deleteEntryLines, isEditable } from '../../fixes/yamlEdits';
import { SourceFile } from '../../sourceFile';
import { TextEdit } from '../../types';
import { lastKey, shownValue } from '../query';
import { defineRule } from '../rule';
import { descendants, isFlow } from '../shared/documents';
import { textOf } from '../shared/values';

const ALLOWED_OPERATIONS = new Set(['training', 'inference', 'embedding', 'embeddings']);

/**
 * Removes one item of a sequence, keeping the rest parseable (block: its line; flow: the
 * item and one comma). Undefined for an item that is a `${VAR}` or reached through an alias.
 */
function removeSeqItemEdit(file: SourceFile, doc: DocView, seq: YamlRef, item: YamlRef): TextEdit | undefined {
  if (!item.valueSpan || seq.viaAlias || !isEditable(item)) return undefined;
  if (!isFlow(seq)) {
    if (file.yaml.get(item.path) !== item) return undefined; // only items of the first document, as before
    const li = file.lines;
    const at = li.position(item.valueSpan.start);
    const dash = /^\s*-\s+/.exec(li.lineText(at.line));
    if (!dash || at.character !== dash[0].length) return undefined; // the item shares its line with something else
    return deleteEntryLines(file, item);
  }
  const items = doc.children(seq.path);
  const i = items.indexOf(item);
  if (i < 0) return undefined;
  const next = items[i + 1];
  const prev = items[i - 1];
  if (next?.valueSpan) return { start: item.valueSpan.start, end: next.valueSpan.start, newText: '' };
  if (prev?.valueSpan) return { start: prev.valueSpan.end, end: item.valueSpan.end, newText: '' };
  return { start: item.valueSpan.start, end: item.valueSpan.end, newText: '' };
}

export default defineRule({
  meta: {
    id: 'GPU004',
    name: 'gpu-blocked-operation',
    kinds: ['config'],
    blockLocal: true,
    severity: 'error',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      blocked: (d: { op: string }) =>
        `GPU operation ${d.op} is not training, inference or embedding. ` +
        'Allowing it opens the GPUs to workloads such as crypto mining that abuse shared hardware. Remove it.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const seq of descendants(doc, [])) {
        if (!seq.keySpan || lastKey(seq) !== 'allowed_operations' || !isSeqRef(seq)) continue;
        if (!seq.path.some((p) => /gpu/i.test(p))) continue;
        for (const item of doc.children(seq.path)) {
          if (!isScalar(item.node) || !item.valueSpan) continue;
          const op = textOf(ctx, item);
          if (op === undefined || ALLOWED_OPERATIONS.has(op.toLowerCase())) continue;
          ctx.report({
            messageId: 'blocked',
            data: { op: shownValue(ctx, item) },
            span: item.valueSpan,
            fixes: [ctx.fix(`Remove "${op}" from allowed_operations`, [removeSeqItemEdit(ctx.file, doc, seq, item)])],
          });
        }
      }
    }
  },
});
