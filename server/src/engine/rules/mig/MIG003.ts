// MIG003 mig-shared-instance: one MIG instance assigned to more than one user.
import { keySpanOf } from '../query';
import { defineRule } from '../rule';
import { instanceName, instancesOf, usersOf } from './shared';

export default defineRule({
  meta: {
    id: 'MIG003',
    name: 'mig-shared-instance',
    kinds: ['mig'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      shared: (d: { instance: string; users: string[] }) =>
        `MIG instance ${d.instance} is shared by ${d.users.length} users. Inside one slice there is no memory isolation between ${d.users.slice(0, -1).join(', ')} and ${d.users[d.users.length - 1]}. Give each user a slice of their own.`,
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const inst of instancesOf(doc)) {
        const names = [...new Set(usersOf(ctx, inst).map((u) => u.name))];
        if (names.length < 2 || !inst.users) continue;
        ctx.report({
          messageId: 'shared',
          data: { instance: instanceName(ctx, inst), users: names },
          span: inst.users.valueSpan ?? keySpanOf(inst.users),
        });
      }
    }
  },
});
