// GPU — GPU isolation. Dialects: guide `security.gpu.*` / `security.vram.*`,
// GPU examples `security.gpu.access_control.*`, `gpu.compute_mode`,
// `gpu.vram.secure_clear`.
import { isScalar } from 'yaml';
import { DocView, isMapRef, isSeqRef, YamlRef } from '../documents/yamlModel';
import { deleteEntryLines } from '../fixes/yamlEdits';
import { TextEdit } from '../types';
import { boolOf, descendants, fixOf, isFlow, numberOf, setFix, switchRef, textOf } from './enc';
import { defineLegacyRule as defineRule, LegacyContext as RuleContext } from './legacy';
import { Rule } from './rule';
import { keySpanOf, lastKey, writtenValue } from './query';

const ACCESS_CONTROL_PATHS = [['security', 'gpu', 'access_control'], ['gpu', 'access_control']];

// ---------------------------------------------------------------------------
// GPU001 gpu-access-control
// ---------------------------------------------------------------------------

const gpu001 = defineRule('GPU001', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const path of ACCESS_CONTROL_PATHS) {
      const sw = switchRef(ctx, doc, path);
      if (sw && boolOf(ctx, sw) === false && sw.valueSpan) {
        ctx.report({
          span: sw.valueSpan,
          message: 'GPU access control is off: any process on the host can open every GPU and read what other tenants left in VRAM. Turn it on in strict mode.',
          fixes: setFix(ctx, sw, true, 'fix', 'Set access_control.enabled to true'),
        });
        continue;
      }
      const mode = doc.get([...path, 'mode']);
      const value = textOf(ctx, mode);
      if (!mode || !mode.valueSpan || value === undefined || value.toLowerCase() === 'strict') continue;
      ctx.report({
        span: mode.valueSpan,
        message: `GPU access control mode "${writtenValue(ctx.file, mode)}" only logs or loosely enforces the per-user GPU mapping, so users can still reach GPUs that are not theirs. Use strict.`,
        fixes: setFix(ctx, mode, 'strict', 'fix', 'Set mode to strict'),
      });
    }
  }
});

// ---------------------------------------------------------------------------
// GPU002 gpu-compute-mode
// ---------------------------------------------------------------------------

const gpu002 = defineRule('GPU002', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const ref of descendants(doc, [])) {
      if (!ref.keySpan || lastKey(ref) !== 'compute_mode' || !ref.valueSpan) continue;
      if (!ref.path.some((p) => /gpu|cuda|acceleration/i.test(p))) continue;
      if (textOf(ctx, ref)?.toLowerCase() !== 'default') continue;
      ctx.report({
        span: ref.valueSpan,
        message: 'compute_mode "default" lets several processes share one GPU context at once, so one job can observe or disturb another. Use exclusive_process.',
        fixes: setFix(ctx, ref, 'exclusive_process', 'fix', 'Set compute_mode to exclusive_process'),
      });
    }
  }
});

// ---------------------------------------------------------------------------
// GPU003 gpu-no-limits
// ---------------------------------------------------------------------------

const gpu003 = defineRule('GPU003', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const path of ACCESS_CONTROL_PATHS) {
      const ac = doc.get(path);
      if (!ac || !isMapRef(ac)) continue;
      if (boolOf(ctx, doc.get([...path, 'enabled'])) === false) continue; // GPU001 reports that
      const limit = doc.get([...path, 'per_process_limit']);
      if (!limit) {
        ctx.report({
          span: keySpanOf(ac),
          message: 'GPU access control sets no per_process_limit, so a single process may take all VRAM and compute of a GPU and starve the others. Add limits such as max_vram_mb and max_gpu_utilization_percent.',
        });
        continue;
      }
      if (!isMapRef(limit) || doc.children(limit.path).length === 0) {
        ctx.report({
          span: keySpanOf(limit),
          message: 'per_process_limit is empty, so processes are not limited at all. Set max_vram_mb and max_gpu_utilization_percent.',
        });
        continue;
      }
      for (const key of ['max_gpu_utilization_percent', 'max_gpu_utilization', 'max_utilization_percent']) {
        const ref = doc.get([...limit.path, key]);
        const n = numberOf(ctx, ref);
        if (!ref?.valueSpan || n === undefined || n < 100) continue;
        ctx.report({
          span: ref.valueSpan,
          message: `A per-process GPU utilization limit of ${writtenValue(ctx.file, ref)} % is no limit: one process can still monopolise the GPU. Choose a share below 100.`,
        });
      }
    }
  }
});

// ---------------------------------------------------------------------------
// GPU004 gpu-blocked-operation
// ---------------------------------------------------------------------------

const ALLOWED_OPERATIONS = new Set(['training', 'inference', 'embedding', 'embeddings']);

/** Removes one item of a sequence, keeping the rest parseable (block: its line; flow: the item and one comma). */
export function removeSeqItemEdit(ctx: RuleContext, doc: DocView, seq: YamlRef, item: YamlRef): TextEdit | undefined {
  if (!item.valueSpan) return undefined;
  if (!isFlow(seq)) {
    if (ctx.file.yaml.get(item.path) !== item) return undefined; // deleteEntryLines looks paths up in the first document
    const li = ctx.file.lines;
    const line = li.position(item.valueSpan.start).line;
    if (!/^\s*-\s/.test(li.lineText(line)) || li.position(item.valueSpan.start).character !== (/^\s*-\s+/.exec(li.lineText(line))?.[0].length ?? -1)) return undefined;
    return deleteEntryLines(ctx.file, item);
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

const gpu004 = defineRule('GPU004', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const seq of descendants(doc, [])) {
      if (!seq.keySpan || lastKey(seq) !== 'allowed_operations' || !isSeqRef(seq)) continue;
      if (!seq.path.some((p) => /gpu/i.test(p))) continue;
      for (const item of doc.children(seq.path)) {
        if (!isScalar(item.node) || !item.valueSpan) continue;
        const op = textOf(ctx, item);
        if (op === undefined || ALLOWED_OPERATIONS.has(op.toLowerCase())) continue;
        ctx.report({
          span: item.valueSpan,
          message: `GPU operation "${writtenValue(ctx.file, item)}" is not one of training, inference or embedding; allowing it opens the GPUs to workloads such as crypto mining that abuse shared hardware. Remove it.`,
          fixes: fixOf(ctx, `Remove "${op}" from allowed_operations`, 'fix', [removeSeqItemEdit(ctx, doc, seq, item)]),
        });
      }
    }
  }
});

// ---------------------------------------------------------------------------
// GPU005 vram-secure-clear
// ---------------------------------------------------------------------------

const gpu005 = defineRule('GPU005', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const base of [['security', 'vram'], ['gpu', 'vram']]) {
      if (!isMapRef(doc.get(base))) continue;
      const clear = switchRef(ctx, doc, [...base, 'secure_clear']);
      if (clear && boolOf(ctx, clear) === false && clear.valueSpan) {
        ctx.report({
          span: clear.valueSpan,
          message: 'VRAM is not cleared after use, so the next job on the GPU can read model weights, embeddings or data the previous one left behind. Turn secure_clear on.',
          fixes: setFix(ctx, clear, true, 'fix', `Set ${clear.path.slice(base.length).join('.')} to true`),
        });
      }
      const scrub = doc.get([...base, 'scrub_on_exit']);
      if (scrub?.valueSpan && boolOf(ctx, scrub) === false) {
        ctx.report({
          span: scrub.valueSpan,
          message: 'VRAM is not scrubbed when a job ends, leaving its data readable to whatever runs next on that GPU. Set scrub_on_exit to true.',
          fixes: setFix(ctx, scrub, true, 'fix', 'Set scrub_on_exit to true'),
        });
      }
      const iso = switchRef(ctx, doc, [...base, 'isolation']);
      if (iso && boolOf(ctx, iso) === false && iso.valueSpan) {
        ctx.report({
          span: iso.valueSpan,
          message: 'VRAM isolation between jobs is off, so one job can read memory that belongs to another. Turn isolation on in strict mode.',
          fixes: setFix(ctx, iso, true, 'fix', 'Set isolation.enabled to true'),
        });
        continue;
      }
      const mode = doc.get([...base, 'isolation', 'mode']);
      const m = textOf(ctx, mode);
      if (mode?.valueSpan && m !== undefined && m.toLowerCase() !== 'strict') {
        ctx.report({
          span: mode.valueSpan,
          message: `VRAM isolation mode "${writtenValue(ctx.file, mode)}" does not fully separate jobs' GPU memory, so data can leak between them. Use strict.`,
          fixes: setFix(ctx, mode, 'strict', 'fix', 'Set isolation.mode to strict'),
        });
      }
    }
  }
});

export const gpuRules: Rule[] = [gpu001, gpu002, gpu003, gpu004, gpu005];
