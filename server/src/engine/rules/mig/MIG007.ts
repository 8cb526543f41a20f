// MIG007 mig-user-in-gpu-mapping: a MIG user missing from the user_gpu_mapping of a sibling config.
import { basename } from 'path';
import { isMapRef } from '../../documents/yamlModel';
import { lastKey } from '../query';
import { defineRule } from '../rule';
import { instancesOf, usersOf } from './shared';

const MAPPING_PATHS = [
  ['security', 'gpu', 'access_control', 'user_gpu_mapping'],
  ['gpu', 'access_control', 'user_gpu_mapping'],
];

export default defineRule({
  meta: {
    id: 'MIG007',
    name: 'mig-user-in-gpu-mapping',
    kinds: ['mig'],
    severity: 'info',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      /** `files`: the sibling configs that hold a mapping, comma-separated. */
      unmapped: (d: { user: string; files: string }) =>
        `MIG user "${d.user}" is missing from the user_gpu_mapping of ${d.files}. The two files disagree on who may use this GPU (security.gpu.access_control.user_gpu_mapping). Add the user to the mapping or correct the name here.`,
    },
  },
  check(ctx) {
    const known = new Set<string>();
    const sources: string[] = [];
    for (const cfg of ctx.workspace.siblingConfigs(ctx.file.path)) {
      for (const doc of cfg.yaml.documents()) {
        for (const p of MAPPING_PATHS) {
          const mapping = doc.get(p);
          if (!mapping || !isMapRef(mapping)) continue;
          sources.push(basename(cfg.path));
          for (const user of doc.children(p)) if (user.keySpan) known.add(lastKey(user));
        }
      }
    }
    if (sources.length === 0) return;
    const files = [...new Set(sources)].join(', ');
    for (const doc of ctx.file.yaml.documents()) {
      for (const inst of instancesOf(doc)) {
        for (const { name, ref } of usersOf(ctx, inst)) {
          if (known.has(name) || !ref.valueSpan) continue;
          ctx.report({ messageId: 'unmapped', data: { user: name, files }, span: ref.valueSpan });
        }
      }
    }
  },
});
