// SUP001 suppression-without-reason: a `themisdb-disable…` comment that does not say why.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'SUP001',
    name: 'suppression-without-reason',
    kinds: ['config', 'mig', 'env'],
    severity: 'warning',
    productionOnly: false,
    fix: 'none',
    supersedes: [],
    messages: {
      noReason: () =>
        'This suppression gives no reason. Add one after " -- " so reviewers know why the rule does not apply here.',
    },
  },
  check(ctx) {
    for (const s of ctx.file.suppressions) if (!s.hasReason) ctx.report({ messageId: 'noReason', span: s.span });
  },
});
