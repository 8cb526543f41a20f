// MIG006 mig-unassigned: a MIG instance assigned to no user.
import { isScalar } from 'yaml';
import { keySpanOf } from '../query';
import { defineRule } from '../rule';
import { instanceName, instanceSpan, instancesOf, usersOf } from './shared';

export default defineRule({
  meta: {
    id: 'MIG006',
    name: 'mig-unassigned',
    kinds: ['mig'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      unassigned: (d: { instance: string }) =>
        `MIG instance ${d.instance} is assigned to nobody. An idle slice tends to be picked up by whoever finds it, outside the access policy. Assign it to a user or remove it.`,
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const inst of instancesOf(doc)) {
        if (usersOf(ctx, inst).length > 0) continue;
        const u = inst.users;
        if (u && isScalar(u.node) && /\$\{/.test(String(u.value ?? ''))) continue; // set through a variable
        ctx.report({
          messageId: 'unassigned',
          data: { instance: instanceName(ctx, inst) },
          span: u ? (u.valueSpan ?? keySpanOf(u)) : instanceSpan(inst),
        });
      }
    }
  },
});
