// ENV020 health-bind-all: THEMIS_HEALTH_BIND_ADDRESS on every interface (0.0.0.0, ::, *).
import { entryOf, valueOf } from '../../envSemantics';
import { setEnvValue } from '../../fixes/envEdits';
import { defineRule } from '../rule';
import { valueSpan } from './shared';

const NAME = 'THEMIS_HEALTH_BIND_ADDRESS';
const ALL_INTERFACES = /^\s*(?:0\.0\.0\.0|::|\[::\]|\*)\s*$/;

export default defineRule({
  meta: {
    id: 'ENV020',
    name: 'health-bind-all',
    kinds: ['env', 'deploy'],
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: ['NET001'],
    messages: {
      bindAll: (d: { address: string }) =>
        `THEMIS_HEALTH_BIND_ADDRESS=${d.address} exposes the health service on every network interface. It leaks internal state and errors to anyone who can reach the host. Bind it to 127.0.0.1 for local probes.`,
    },
  },
  check(ctx) {
    const e = entryOf(ctx, NAME);
    const v = valueOf(ctx, e);
    if (!e || v === undefined || !ALL_INTERFACES.test(v)) return;
    ctx.report({
      messageId: 'bindAll',
      data: { address: v.trim() },
      span: valueSpan(e),
      fixes: [ctx.fix('Bind the health service to 127.0.0.1', [setEnvValue(e, '127.0.0.1')])],
    });
  },
});
