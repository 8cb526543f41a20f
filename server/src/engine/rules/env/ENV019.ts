// ENV019 shard-mtls-disabled: THEMIS_SHARD_MTLS_DISABLED on, so shard RPC runs without mutual TLS.
import { entryOf, looksOn, valueOf } from '../../envSemantics';
import { defineRule } from '../rule';
import { removeAll, valueSpan } from './shared';

const NAME = 'THEMIS_SHARD_MTLS_DISABLED';

export default defineRule({
  meta: {
    id: 'ENV019',
    name: 'shard-mtls-disabled',
    kinds: ['env', 'deploy'],
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      disabled: () =>
        'THEMIS_SHARD_MTLS_DISABLED turns off mutual TLS between shards. Shard RPC can then be read and spoofed on the network. Production mode ignores it, but every other environment honours it: remove the line.',
    },
  },
  check(ctx) {
    const e = entryOf(ctx, NAME);
    if (!e || !looksOn(valueOf(ctx, e))) return;
    ctx.report({ messageId: 'disabled', span: valueSpan(e), fixes: [ctx.fix(`Remove ${NAME}`, removeAll(ctx, NAME))] });
  },
});
