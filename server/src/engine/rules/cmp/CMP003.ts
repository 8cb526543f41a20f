// CMP003 soc2-controls: SOC 2 claimed while audit logging or encryption at rest is off.
import { keySpanOf } from '../query';
import { defineRule } from '../rule';
import { atRestState } from '../shared/atRest';
import { auditState } from '../shared/audit';
import { frameworkOn } from './shared';

export default defineRule({
  meta: {
    id: 'CMP003',
    name: 'soc2-controls',
    kinds: ['config'],
    severity: 'error',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      auditOff: () =>
        'SOC 2 is enabled while audit logging is off in this config. ' +
        'The monitoring controls (CC7.2) cannot be evidenced without an audit trail. Turn audit logging on.',
      atRestOff: () =>
        'SOC 2 is enabled while encryption at rest is off in this config. ' +
        'That breaks the data-protection control (CC6.1/CC6.7) the report relies on. Turn on storage or field encryption.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      const on = frameworkOn(ctx, doc, 'soc2');
      if (!on) continue;
      const span = on.valueSpan ?? keySpanOf(on);
      if (auditState(ctx, doc) === 'off') ctx.report({ messageId: 'auditOff', span });
      if (atRestState(ctx, doc) === 'off') ctx.report({ messageId: 'atRestOff', span });
    }
  },
});
