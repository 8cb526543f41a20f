// ENV003 hsm-stub-allowed: THEMIS_ALLOW_HSM_STUB set (an error when production mode is on: the server refuses to start).
import { entryOf, isBlank, looksOff, productionMode, valueOf } from '../../envSemantics';
import { defineRule } from '../rule';
import { removeAll, valueSpan } from './shared';

const NAME = 'THEMIS_ALLOW_HSM_STUB';

export default defineRule({
  meta: {
    id: 'ENV003',
    name: 'hsm-stub-allowed',
    kinds: ['env', 'deploy'],
    severity: ['error', 'warning'],
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      refusedInProduction: () =>
        'THEMIS_ALLOW_HSM_STUB is set while production mode is on. The server refuses the software HSM stub in production and will not start. Remove the line and use a real HSM or Vault.',
      environmentOnly: (d: { environment: string }) =>
        `THEMIS_ALLOW_HSM_STUB is set while production mode is on through THEMIS_ENVIRONMENT=${d.environment}. The startup policy refuses the stub in production, but the older HSM provider check reads only THEMIS_PRODUCTION_MODE and may let it through: the server either will not start or keeps its keys in software. Remove the line and use a real HSM or Vault.`,
      stubAllowed: () =>
        'THEMIS_ALLOW_HSM_STUB lets the server keep its keys in the software HSM stub. Keys in the stub can be read from process memory. Remove the line outside throwaway development setups.',
    },
  },
  check(ctx) {
    const e = entryOf(ctx, NAME);
    const v = valueOf(ctx, e);
    if (!e || v === undefined || isBlank(v) || looksOff(v)) return;
    const mode = productionMode(ctx);
    const fixes = [ctx.fix(`Remove ${NAME}`, removeAll(ctx, NAME))];
    const span = valueSpan(e);
    if (!mode.on) ctx.report({ messageId: 'stubAllowed', severity: 'warning', span, fixes });
    else if (mode.byEnvironmentOnly)
      ctx.report({ messageId: 'environmentOnly', data: { environment: mode.byEnvironmentOnly }, severity: 'error', span, fixes });
    else ctx.report({ messageId: 'refusedInProduction', severity: 'error', span, fixes });
  },
});
