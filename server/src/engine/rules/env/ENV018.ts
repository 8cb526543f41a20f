// ENV018 tls-verify-off-env: a *_TLS_VERIFY switch set off, or a *_SKIP_TLS_VERIFY switch set on.
import { varInfo } from '../../envCatalog';
import { looksOn, valueOf, environmentOf } from '../../envSemantics';
import { defineRule } from '../rule';
import { removeAll, valueSpan } from './shared';

const VERIFY_NAME = /(?:_TLS|_SSL)_VERIFY$/;
const SKIP_VERIFY_NAME = /(?:^|_)(?:TLS_|SSL_)?(?:INSECURE_)?SKIP_(?:TLS_|SSL_)?VERIFY(?:_?CERTS?)?$|_TLS_INSECURE$/;

export default defineRule({
  meta: {
    id: 'ENV018',
    name: 'tls-verify-off-env',
    kinds: ['env', 'deploy'],
    severity: 'error',
    productionOnly: true,
    fix: 'fix',
    supersedes: ['TLS010'],
    messages: {
      verifyOff: (d: { name: string; value: string }) =>
        `${d.name}=${d.value} turns off TLS certificate verification. Anyone who can intercept the connection can then impersonate the server on the other end. Remove it and trust the right CA instead.`,
    },
  },
  check(ctx) {
    for (const e of environmentOf(ctx).entries) {
      if (environmentOf(ctx).get(e.key) !== e) continue; // only the definition that takes effect
      const v = valueOf(ctx, e);
      if (v === undefined) continue;
      const disabling = varInfo(e.key)?.disabling;
      let off = false;
      // `…_SKIP_TLS_VERIFY` ends like `…_TLS_VERIFY` but means the opposite: test it first
      if (SKIP_VERIFY_NAME.test(e.key)) off = looksOn(v);
      else if (VERIFY_NAME.test(e.key)) off = disabling ? disabling.includes(v) : /^\s*(?:0|false|no|off)\s*$/i.test(v);
      if (!off) continue;
      ctx.report({
        messageId: 'verifyOff',
        data: { name: e.key, value: v },
        span: valueSpan(e),
        fixes: [ctx.fix(`Remove ${e.key}`, removeAll(ctx, e.key))],
      });
    }
  },
});
