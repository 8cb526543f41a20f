// ENV003 hsm-stub-allowed: THEMIS_ALLOW_HSM_STUB set (an error when production mode is on: the server refuses to start).
import { entryOf, isBlank, looksOff, productionOn, valueOf } from '../../envSemantics';
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
        'THEMIS_ALLOW_HSM_STUB is set while production mode is on: the server refuses the software HSM stub in production and will not start. Remove the line and use a real HSM or Vault.',
      stubAllowed: () =>
        'THEMIS_ALLOW_HSM_STUB lets the server keep its keys in the software HSM stub, where they can be read from memory. Remove the line outside throwaway development setups.',
    },
  },
  check(ctx) {
    const e = entryOf(ctx, NAME);
    const v = valueOf(ctx, e);
    if (!e || v === undefined || isBlank(v) || looksOff(v)) return;
    const prod = productionOn(ctx);
    ctx.report({
      messageId: prod ? 'refusedInProduction' : 'stubAllowed',
      severity: prod ? 'error' : 'warning',
      span: valueSpan(e),
      fixes: [ctx.fix(`Remove ${NAME}`, removeAll(ctx, NAME))],
    });
  },
});
