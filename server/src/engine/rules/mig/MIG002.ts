// MIG002 mig-duplicate-uuid: two instances of mig.yaml with the same uuid.
import { YamlRef } from '../../documents/yamlModel';
import { writtenValue } from '../query';
import { defineRule } from '../rule';
import { textOf } from '../shared/values';
import { instancesOf } from './shared';

export default defineRule({
  meta: {
    id: 'MIG002',
    name: 'mig-duplicate-uuid',
    kinds: ['mig'],
    blockLocal: true,
    severity: 'error',
    productionOnly: false,
    fix: 'none',
    supersedes: [],
    messages: {
      duplicate: (d: { uuid: string; line: number }) =>
        `MIG instance ${d.uuid} is listed twice (first on line ${d.line}). Two entries would hand the same GPU slice to different users. Give each instance its own UUID (see nvidia-smi -L).`,
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      const seen = new Map<string, YamlRef>();
      for (const inst of instancesOf(doc)) {
        const uuid = textOf(ctx, inst.uuid);
        if (!uuid || !inst.uuid?.valueSpan) continue;
        const key = uuid.toLowerCase();
        const first = seen.get(key);
        if (!first) {
          seen.set(key, inst.uuid);
          continue;
        }
        ctx.report({
          messageId: 'duplicate',
          data: { uuid: writtenValue(ctx.file, inst.uuid), line: ctx.file.lines.position(first.valueSpan!.start).line + 1 },
          span: inst.uuid.valueSpan,
        });
      }
    }
  },
});
