// ENV010 vault-plaintext: THEMIS_VAULT_ADDR (or VAULT_ADDR) reaches a non-loopback Vault over plain http://.
import { entryOf, valueOf } from '../../envSemantics';
import { defineRule } from '../rule';
import { isLoopbackHost, urlHost } from '../shared/hosts';
import { editsOf, valueSpan } from './shared';

export default defineRule({
  meta: {
    id: 'ENV010',
    name: 'vault-plaintext',
    kinds: ['env', 'deploy'],
    severity: 'error',
    productionOnly: true,
    fix: 'fix',
    supersedes: ['NET002'],
    messages: {
      plaintext: (d: { name: string; host: string }) =>
        `${d.name} reaches Vault at ${d.host.includes(':') ? `[${d.host}]` : d.host} over plain http, so the Vault token and every key it hands out cross the network unencrypted. Use https.`,
    },
  },
  check(ctx) {
    for (const name of ['THEMIS_VAULT_ADDR', 'VAULT_ADDR']) {
      const e = entryOf(ctx, name);
      const v = valueOf(ctx, e);
      if (!e || v === undefined || !/^\s*http:\/\//i.test(v)) continue;
      const host = urlHost(v);
      if (!host || isLoopbackHost(host)) continue;
      // only a value written as the server reads it can be rewritten (not one built from ${VAR})
      const edit = e.value === v ? editsOf(ctx).set(e, v.replace(/^(\s*)http:/i, '$1https:')) : undefined;
      ctx.report({
        messageId: 'plaintext',
        data: { name, host },
        span: valueSpan(e),
        fixes: [ctx.fix(`Use https:// for ${name}`, [edit])],
      });
    }
  },
});
