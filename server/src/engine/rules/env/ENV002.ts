// ENV002 environment-mismatch: production mode on but THEMIS_ENVIRONMENT not production/prod, or the reverse.
import {
  configuresServer,
  ENVIRONMENT_PRODUCTION,
  entryOf,
  misspelledOn,
  PRODUCTION_MODE_ON,
  productionSpelling,
  valueOf,
} from '../../envSemantics';
import { defineRule } from '../rule';
import { absentSpan, editsOf, provide, shown, Typo, typoData, typoText, valueSpan } from './shared';

const PM = 'THEMIS_PRODUCTION_MODE';
const ENV = 'THEMIS_ENVIRONMENT';

export default defineRule({
  meta: {
    id: 'ENV002',
    name: 'environment-mismatch',
    kinds: ['env', 'deploy'],
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      environmentNotSet: (d: { typo?: Typo }) =>
        `THEMIS_PRODUCTION_MODE is on but THEMIS_ENVIRONMENT is not set${typoText(d.typo)}, so modules that look at the environment name still see development. Set THEMIS_ENVIRONMENT=production as well.`,
      environmentNotProduction: (d: { value: string }) =>
        `THEMIS_PRODUCTION_MODE is on but THEMIS_ENVIRONMENT is ${shown(d.value)}: the two switches disagree, and modules that read the environment name behave as in development. Set it to production.`,
      productionModeOff: (d: { environment: string; value: string }) =>
        `THEMIS_ENVIRONMENT says ${d.environment} but THEMIS_PRODUCTION_MODE is ${shown(d.value)}: checks that read only THEMIS_PRODUCTION_MODE still run in development mode. Set THEMIS_PRODUCTION_MODE=1 too.`,
      productionModeNotSet: (d: { environment: string; typo?: Typo }) =>
        `THEMIS_ENVIRONMENT says ${d.environment} but THEMIS_PRODUCTION_MODE is not set${typoText(d.typo)}: checks that read only THEMIS_PRODUCTION_MODE still run in development mode. Set THEMIS_PRODUCTION_MODE=1 too.`,
    },
  },
  check(ctx) {
    const pmEntry = entryOf(ctx, PM);
    const envEntry = entryOf(ctx, ENV);
    const pm = valueOf(ctx, pmEntry);
    const env = valueOf(ctx, envEntry);
    const pmOn = pm !== undefined && PRODUCTION_MODE_ON.has(pm);
    const envProd = env !== undefined && ENVIRONMENT_PRODUCTION.has(env);
    if (pmOn && !envProd) {
      if (!envEntry) {
        if (!configuresServer(ctx)) return; // another source of the service may set it
        const p = provide(ctx, ENV, 'production', (v) => ENVIRONMENT_PRODUCTION.has(v));
        ctx.report({
          messageId: 'environmentNotSet',
          data: { typo: typoData(ctx, ENV) },
          span: absentSpan(ctx),
          fixes: [ctx.fix(p.title, p.edits)],
        });
        return;
      }
      if (env === undefined || productionSpelling(env)) return; // unknown, or ENV016's "Production"
      ctx.report({
        messageId: 'environmentNotProduction',
        data: { value: env },
        span: valueSpan(envEntry),
        fixes: [ctx.fix(`Set ${ENV} to production`, [editsOf(ctx).set(envEntry, 'production')])],
      });
      return;
    }
    if (envProd && !pmOn && envEntry) {
      if (pm === undefined && pmEntry) return; // value not known here
      if (pmEntry && misspelledOn(PM, pm)) return; // ENV016
      const p = provide(ctx, PM, '1', (v) => PRODUCTION_MODE_ON.has(v));
      const fixes = [ctx.fix(p.title, p.edits)];
      const span = valueSpan(envEntry);
      if (pmEntry) ctx.report({ messageId: 'productionModeOff', data: { environment: env!, value: pm! }, span, fixes });
      else ctx.report({ messageId: 'productionModeNotSet', data: { environment: env!, typo: typoData(ctx, PM) }, span, fixes });
    }
  },
});
