// ENV001 production-mode-off: THEMIS_PRODUCTION_MODE absent, or a value ProductionMode::isEnabled does not take as on.
// A misspelled definition of it is this rule's finding, on that line, with the rename (ENV015 leaves it here).
import { configuresServer, entryOf, misspelledOn, PRODUCTION_MODE_ON, productionMode, valueOf } from '../../envSemantics';
import { defineRule } from '../rule';
import { absentSpan, editsOf, provide, shown, typoOf, valueSpan } from './shared';

const NAME = 'THEMIS_PRODUCTION_MODE';
const DEV = 'Development mode tolerates the stub HSM, mock keys and an admin API without a token.';
const OLDER = 'Older checks, the HSM provider among them, read only THEMIS_PRODUCTION_MODE and stay in development mode.';

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
      notSet: () => `THEMIS_PRODUCTION_MODE is not set, so the server runs in development mode. ${DEV} Set it to 1.`,
      environmentAlone: (d: { environment: string }) =>
        `THEMIS_PRODUCTION_MODE is not set: production mode rests on THEMIS_ENVIRONMENT=${d.environment} alone. ${OLDER} Set it to 1.`,
      misspelled: (d: { key: string; environment?: string }) =>
        `${d.key} is a misspelling of THEMIS_PRODUCTION_MODE, so the server never reads it. ${
          d.environment
            ? `Production mode rests on THEMIS_ENVIRONMENT=${d.environment} alone. ${OLDER}`
            : `The server runs in development mode. ${DEV}`
        } Rename it.`,
      off: (d: { value: string }) =>
        `THEMIS_PRODUCTION_MODE is ${shown(d.value)}, so the server runs in development mode. Its fail-closed production checks are off. Set it to 1.`,
      offEnvironmentAlone: (d: { value: string; environment: string }) =>
        `THEMIS_PRODUCTION_MODE is ${shown(d.value)}: production mode rests on THEMIS_ENVIRONMENT=${d.environment} alone. ${OLDER} Set it to 1.`,
    },
  },
  check(ctx) {
    const e = entryOf(ctx, NAME);
    const environment = productionMode(ctx).byEnvironmentOnly;
    if (!e) {
      if (!configuresServer(ctx)) return;
      const p = provide(ctx, NAME, '1', (v) => PRODUCTION_MODE_ON.has(v));
      const fixes = [ctx.fix(p.title, p.edits)];
      const typo = typoOf(ctx, NAME);
      if (typo) ctx.report({ messageId: 'misspelled', data: { key: typo.key, environment }, span: typo.keySpan, fixes });
      else if (environment) ctx.report({ messageId: 'environmentAlone', data: { environment }, span: absentSpan(ctx), fixes });
      else ctx.report({ messageId: 'notSet', span: absentSpan(ctx), fixes });
      return;
    }
    const v = valueOf(ctx, e);
    if (v === undefined || PRODUCTION_MODE_ON.has(v)) return;
    if (misspelledOn(NAME, v)) return; // ENV016 explains the spelling
    const fixes = [ctx.fix(`Set ${NAME} to 1`, [editsOf(ctx).set(e, '1')])];
    const span = valueSpan(e);
    if (environment) ctx.report({ messageId: 'offEnvironmentAlone', data: { value: v, environment }, span, fixes });
    else ctx.report({ messageId: 'off', data: { value: v }, span, fixes });
  },
});
