// ENV008 auto-download-on: THEMIS_DISABLE_AUTO_DOWNLOAD missing or not 1, so the server may download LLM models at runtime.
import { flagOn } from '../../envSemantics';
import { setEnvValue } from '../../fixes/envEdits';
import { defineRule } from '../rule';
import { absentSpan, flagNotOn, provide, shown, Typo, typoText, valueSpan } from './shared';

const NAME = 'THEMIS_DISABLE_AUTO_DOWNLOAD';
const WHAT = 'the server may fetch LLM models from the network at runtime, a supply-chain and SSRF risk';

export default defineRule({
  meta: {
    id: 'ENV008',
    name: 'auto-download-on',
    kinds: ['env', 'deploy'],
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      notSet: (d: { typo?: Typo }) => `${NAME} is not set${typoText(d.typo)}: ${WHAT}. Set ${NAME}=1.`,
      off: (d: { value: string }) => `${NAME} is ${shown(d.value)}: ${WHAT}. Set it to 1.`,
    },
  },
  check(ctx) {
    const state = flagNotOn(ctx, NAME);
    if (state?.kind === 'notSet') {
      const p = provide(ctx, NAME, '1', (v) => flagOn(NAME, v));
      ctx.report({
        messageId: 'notSet',
        data: { typo: state.typo },
        span: absentSpan(ctx),
        fixes: [ctx.fix(p.title, p.edits)],
      });
    } else if (state?.kind === 'off') {
      ctx.report({
        messageId: 'off',
        data: { value: state.value },
        span: valueSpan(state.entry),
        fixes: [ctx.fix(`Set ${NAME} to 1`, [setEnvValue(state.entry, '1')])],
      });
    }
  },
});
