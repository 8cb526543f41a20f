// GPU005 vram-secure-clear: VRAM not cleared or scrubbed after use, or VRAM isolation off or not strict.
import { isMapRef } from '../../documents/yamlModel';
import { setValue } from '../../fixes/yamlEdits';
import { shownValue } from '../query';
import { defineRule } from '../rule';
import { switchRef } from '../shared/documents';
import { boolOf, textOf } from '../shared/values';

const VRAM_PATHS = [
  ['security', 'vram'],
  ['gpu', 'vram'],
];

export default defineRule({
  meta: {
    id: 'GPU005',
    name: 'vram-secure-clear',
    kinds: ['config'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      notCleared: () =>
        'VRAM is not cleared after use. ' +
        'The next job on the GPU can read model weights, embeddings or data the previous one left behind. Turn secure_clear on.',
      notScrubbed: () =>
        'VRAM is not scrubbed when a job ends. ' +
        'Its data stays readable to whatever runs next on that GPU. Set scrub_on_exit to true.',
      isolationOff: () =>
        'VRAM isolation between jobs is off. One job can read memory that belongs to another. Turn isolation on in strict mode.',
      isolationMode: (d: { mode: string }) =>
        `VRAM isolation mode is ${d.mode}, not strict. ` +
        "It does not fully separate jobs' GPU memory, so data can leak between them. Use strict.",
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const base of VRAM_PATHS) {
        if (!isMapRef(doc.get(base))) continue;
        const clear = switchRef(ctx, doc, [...base, 'secure_clear']);
        if (clear && boolOf(ctx, clear) === false && clear.valueSpan) {
          ctx.report({
            messageId: 'notCleared',
            span: clear.valueSpan,
            fixes: [ctx.fix(`Set ${clear.path.slice(base.length).join('.')} to true`, [setValue(ctx.file, clear, true)])],
          });
        }
        const scrub = doc.get([...base, 'scrub_on_exit']);
        if (scrub?.valueSpan && boolOf(ctx, scrub) === false) {
          ctx.report({
            messageId: 'notScrubbed',
            span: scrub.valueSpan,
            fixes: [ctx.fix('Set scrub_on_exit to true', [setValue(ctx.file, scrub, true)])],
          });
        }
        const iso = switchRef(ctx, doc, [...base, 'isolation']);
        if (iso && boolOf(ctx, iso) === false && iso.valueSpan) {
          ctx.report({
            messageId: 'isolationOff',
            span: iso.valueSpan,
            fixes: [ctx.fix('Set isolation.enabled to true', [setValue(ctx.file, iso, true)])],
          });
          continue;
        }
        const mode = doc.get([...base, 'isolation', 'mode']);
        const m = textOf(ctx, mode);
        if (mode?.valueSpan && m !== undefined && m.toLowerCase() !== 'strict') {
          ctx.report({
            messageId: 'isolationMode',
            data: { mode: shownValue(ctx, mode) },
            span: mode.valueSpan,
            fixes: [ctx.fix('Set isolation.mode to strict', [setValue(ctx.file, mode, 'strict')])],
          });
        }
      }
    }
  },
});
