// ENV011 static-vault-token: THEMIS_VAULT_TOKEN holds a static token (prefer a Vault agent or Kubernetes auth).
import { entryOf, isBlank } from '../../envSemantics';
import { isEnvTemplate } from '../../fileKinds';
import { maskSecret } from '../../mask';
import { defineRule } from '../rule';
import { valueSpan } from './shared';

export default defineRule({
  meta: {
    id: 'ENV011',
    name: 'static-vault-token',
    kinds: ['env', 'deploy'],
    severity: 'info',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      staticToken: (d: { token: string }) =>
        `THEMIS_VAULT_TOKEN holds a static Vault token (${maskSecret(d.token)}). It lives as long as this file does. Prefer a Vault agent, AppRole or Kubernetes auth, which hand out short-lived tokens.`,
    },
  },
  check(ctx) {
    if (isEnvTemplate(ctx.file.path)) return; // SEC007 keeps secrets out of templates
    const e = entryOf(ctx, 'THEMIS_VAULT_TOKEN');
    if (!e || isBlank(e.value) || /^\$\{[^}]+\}$|^\$[A-Za-z_]\w*$/.test(e.value.trim())) return;
    ctx.report({ messageId: 'staticToken', data: { token: e.value }, span: valueSpan(e) });
  },
});
