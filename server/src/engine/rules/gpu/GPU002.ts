// GPU002 gpu-compute-mode: a GPU `compute_mode: default`, which lets processes share one GPU context.
import { setValue } from '../../fixes/yamlEdits';
import { lastKey } from '../query';
import { defineRule } from '../rule';
import { descendants } from '../shared/documents';
import { textOf } from '../shared/values';

export default defineRule({
  meta: {
    id: 'GPU002',
    name: 'gpu-compute-mode',
    kinds: ['config'],
    blockLocal: true,
    severity: 'info',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      shared: () =>
        'compute_mode "default" lets several processes share one GPU context at once. ' +
        'One job can then observe or disturb another. Use exclusive_process.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const ref of descendants(doc, [])) {
        if (!ref.keySpan || lastKey(ref) !== 'compute_mode' || !ref.valueSpan) continue;
        if (!ref.path.some((p) => /gpu|cuda|acceleration/i.test(p))) continue;
        if (textOf(ctx, ref)?.toLowerCase() !== 'default') continue;
        ctx.report({
          messageId: 'shared',
          span: ref.valueSpan,
          fixes: [ctx.fix('Set compute_mode to exclusive_process', [setValue(ctx.file, ref, 'exclusive_process')])],
        });
      }
    }
  },
});
