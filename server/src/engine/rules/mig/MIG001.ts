// MIG001 mig-disabled: mig.yaml lists instances while `mig.enabled` is false or not set.
import { isMapRef } from '../../documents/yamlModel';
import { insertUnder, setValue } from '../../fixes/yamlEdits';
import { keySpanOf } from '../query';
import { defineRule } from '../rule';
import { boolOf } from '../shared/values';
import { instancesOf } from './shared';

export default defineRule({
  meta: {
    id: 'MIG001',
    name: 'mig-disabled',
    kinds: ['mig'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      disabled: () =>
        'mig.enabled is false, yet instances are assigned below. The GPU then runs unpartitioned and every user shares its memory and compute. Set mig.enabled to true.',
      notSet: () =>
        'mig.enabled is not set, yet instances are listed below. The partitioning is then not switched on and users share whole GPUs. Add enabled: true.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      const mig = doc.get('mig');
      if (!mig || !isMapRef(mig) || instancesOf(doc).length === 0) continue;
      const enabled = doc.get(['mig', 'enabled']);
      if (enabled) {
        if (boolOf(ctx, enabled) !== false || !enabled.valueSpan) continue;
        ctx.report({
          messageId: 'disabled',
          span: enabled.valueSpan,
          fixes: [ctx.fix('Set mig.enabled to true', [setValue(ctx.file, enabled, true)])],
        });
        continue;
      }
      ctx.report({
        messageId: 'notSet',
        span: keySpanOf(mig),
        fixes: [ctx.fix('Add mig.enabled: true', [insertUnder(ctx.file, ['mig'], ['enabled: true'], doc.index)])],
      });
    }
  },
});
