// GPU003 gpu-no-limits: GPU access control without a per-process limit, or with a utilization limit of 100 %.
import { isMapRef } from '../../documents/yamlModel';
import { keySpanOf, shownValue } from '../query';
import { defineRule } from '../rule';
import { boolOf, numberAt } from '../shared/values';
import { ACCESS_CONTROL_PATHS } from './shared';

const UTILIZATION_KEYS = ['max_gpu_utilization_percent', 'max_gpu_utilization', 'max_utilization_percent'];

export default defineRule({
  meta: {
    id: 'GPU003',
    name: 'gpu-no-limits',
    kinds: ['config'],
    severity: 'info',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      noLimit: () =>
        'GPU access control sets no per_process_limit. ' +
        'A single process may take all VRAM and compute of a GPU and starve the others. ' +
        'Add limits such as max_vram_mb and max_gpu_utilization_percent.',
      emptyLimit: () =>
        'per_process_limit is empty, so processes are not limited at all. Set max_vram_mb and max_gpu_utilization_percent.',
      fullUtilization: (d: { value: string }) =>
        `A per-process GPU utilization limit of ${d.value} % is no limit. ` +
        'One process can still monopolise the GPU. Choose a share below 100.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const path of ACCESS_CONTROL_PATHS) {
        const ac = doc.get(path);
        if (!ac || !isMapRef(ac)) continue;
        if (boolOf(ctx, doc.get([...path, 'enabled'])) === false) continue; // GPU001 reports that
        const limit = doc.get([...path, 'per_process_limit']);
        if (!limit) {
          ctx.report({ messageId: 'noLimit', span: keySpanOf(ac) });
          continue;
        }
        if (!isMapRef(limit) || doc.children(limit.path).length === 0) {
          ctx.report({ messageId: 'emptyLimit', span: keySpanOf(limit) });
          continue;
        }
        for (const key of UTILIZATION_KEYS) {
          const ref = doc.get([...limit.path, key]);
          const n = numberAt(ctx, ref);
          if (!ref?.valueSpan || n === undefined || n < 100) continue;
          ctx.report({ messageId: 'fullUtilization', data: { value: shownValue(ctx, ref) }, span: ref.valueSpan });
        }
      }
    }
  },
});
