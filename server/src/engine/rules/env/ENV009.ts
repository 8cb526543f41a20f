// ENV009 no-key-management: neither THEMIS_VAULT_ADDR nor THEMIS_HSM_ENABLED=1, so keys come from a mock or local provider.
import { configuresServer, entryOf, flagOn, isBlank, misspelledOn, valueOf } from '../../envSemantics';
import { defineRule } from '../rule';
import { absentSpan, valueSpan } from './shared';

const HSM = 'THEMIS_HSM_ENABLED';

export default defineRule({
  meta: {
    id: 'ENV009',
    name: 'no-key-management',
    kinds: ['env', 'deploy'],
    severity: 'error',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      none: (d: { demoVaultAddr: boolean; partial: string[] }) => {
        const demo = d.demoVaultAddr ? " VAULT_ADDR is only read by the demo tool, not by the server's key management." : '';
        const partial = d.partial.length
          ? ` ${d.partial.join(' and ')} alone ${d.partial.length === 1 ? 'does' : 'do'} not turn key management on.`
          : '';
        return `No key management: neither THEMIS_VAULT_ADDR nor THEMIS_HSM_ENABLED=1 is set. Keys then come from a mock or local provider stored next to the data, and signing falls back to a mock.${demo}${partial} Point THEMIS_VAULT_ADDR at Vault or enable a real HSM.`;
      },
    },
  },
  check(ctx) {
    const vault = entryOf(ctx, 'THEMIS_VAULT_ADDR');
    const hsm = entryOf(ctx, HSM);
    const vaultValue = valueOf(ctx, vault);
    const hsmValue = valueOf(ctx, hsm);
    if (vault && (vaultValue === undefined || !isBlank(vaultValue))) return;
    if (hsm && (hsmValue === undefined || flagOn(HSM, hsmValue) || misspelledOn(HSM, hsmValue))) return;
    if (!vault && !hsm && !configuresServer(ctx)) return;
    const span = hsm && !isBlank(hsmValue) ? valueSpan(hsm) : vault ? vault.keySpan : hsm ? hsm.keySpan : absentSpan(ctx);
    ctx.report({
      messageId: 'none',
      data: {
        demoVaultAddr: !!entryOf(ctx, 'VAULT_ADDR'),
        partial: ['THEMIS_VAULT_TOKEN', 'THEMIS_HSM_PIN'].filter((n) => entryOf(ctx, n)),
      },
      span,
    });
  },
});
