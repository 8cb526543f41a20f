// ENV020 health-bind-all: THEMIS_HEALTH_BIND_ADDRESS on every interface (0.0.0.0, ::, *).
import { entryOf, valueOf } from '../../envSemantics';
import { defineRule } from '../rule';
import { editsOf, valueSpan } from './shared';

const NAME = 'THEMIS_HEALTH_BIND_ADDRESS';
const ALL_INTERFACES = /^\s*(?:0\.0\.0\.0|::|\[::\]|\*)\s*$/;
const K8S_PROBES =
  'Kubernetes probes reach the pod IP: an httpGet probe of the health port fails on 127.0.0.1. Use an exec probe, or keep the address and limit the port with a NetworkPolicy.';

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
        `THEMIS_HEALTH_BIND_ADDRESS=${d.address} exposes the health and error service on every network interface, leaking internal state to anyone who can reach the host. Bind it to 127.0.0.1 for local probes.`,
    },
  },
  check(ctx) {
    const e = entryOf(ctx, NAME);
    const v = valueOf(ctx, e);
    if (!e || v === undefined || !ALL_INTERFACES.test(v)) return;
    const edits = editsOf(ctx);
    const title = 'Bind the health service to 127.0.0.1';
    // the kubelet probes the pod's IP: bound to loopback, an httpGet probe of this port fails
    const probed = edits.tool === 'kubernetes' || edits.tool === 'helm';
    const fix = probed
      ? ctx.suggest(title, [edits.set(e, '127.0.0.1')], { note: K8S_PROBES })
      : ctx.fix(title, [edits.set(e, '127.0.0.1')]);
    ctx.report({ messageId: 'bindAll', data: { address: v.trim() }, span: valueSpan(e), fixes: [fix] });
  },
});
