// ENV001 production-mode-off: THEMIS_PRODUCTION_MODE absent, or a value ProductionMode::isEnabled does not take as on.
import {
  configuresServer,
  ENVIRONMENT_PRODUCTION,
  entryOf,
  misspelledOn,
  PRODUCTION_MODE_ON,
  valueNamed,
  valueOf,
} from '../../envSemantics';
import { defineRule } from '../rule';
import { absentSpan, editsOf, provide, shown, Typo, typoData, typoText, valueSpan } from './shared';

const NAME = 'THEMIS_PRODUCTION_MODE';

export default defineRule({
  meta: {
    id: 'ENV001',
    name: 'production-mode-off',
    kinds: ['env', 'deploy'],
    severity: 'error',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      notSet: (d: { typo?: Typo }) =>
        `THEMIS_PRODUCTION_MODE is not set${typoText(d.typo)}. Without it the server starts in development mode and tolerates the stub HSM, mock keys and an unauthenticated admin API. Set it to 1.`,
      environmentAlone: (d: { typo?: Typo }) =>
        `THEMIS_PRODUCTION_MODE is not set${typoText(d.typo)}. THEMIS_ENVIRONMENT alone is not enough: older checks (the HSM provider among them) look only at THEMIS_PRODUCTION_MODE. Set it to 1.`,
      off: (d: { value: string }) =>
        `THEMIS_PRODUCTION_MODE is ${shown(d.value)}, so the server runs in development mode and its fail-closed production checks are off. Set it to 1.`,
    },
  },
  check(ctx) {
    const e = entryOf(ctx, NAME);
    if (!e) {
      if (!configuresServer(ctx)) return;
      const p = provide(ctx, NAME, '1', (v) => PRODUCTION_MODE_ON.has(v));
      ctx.report({
        messageId: ENVIRONMENT_PRODUCTION.has(valueNamed(ctx, 'THEMIS_ENVIRONMENT') ?? '') ? 'environmentAlone' : 'notSet',
        data: { typo: typoData(ctx, NAME) },
        span: absentSpan(ctx),
        fixes: [ctx.fix(p.title, p.edits)],
      });
      return;
    }
    const v = valueOf(ctx, e);
    if (v === undefined || PRODUCTION_MODE_ON.has(v)) return;
    if (misspelledOn(NAME, v)) return; // ENV016 explains the spelling
    ctx.report({
      messageId: 'off',
      data: { value: v },
      span: valueSpan(e),
      fixes: [ctx.fix(`Set ${NAME} to 1`, [editsOf(ctx).set(e, '1')])],
    });
  },
});
