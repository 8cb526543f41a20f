// SCH005 out-of-range: a number outside the range that makes sense for its key.
import { schemaOfError } from '../../schema/validate';
import { defineRule } from '../rule';
import { keyOf, problemsOf, show } from './shared';

function rangeOf(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max}`;
}

export default defineRule({
  meta: {
    id: 'SCH005',
    name: 'out-of-range',
    kinds: ['config', 'mig'],
    blockLocal: true,
    severity: 'error',
    productionOnly: false,
    fix: 'none',
    supersedes: [],
    messages: {
      outOfRange: (d: { key: string; value: unknown; minimum?: number; maximum?: number }) =>
        `\`${d.key}\` is ${show(d.value)}, but it must be ${rangeOf(d.minimum, d.maximum)}.`,
    },
  },
  check(ctx) {
    for (const { problem, span } of problemsOf(ctx, 'out-of-range')) {
      const s = schemaOfError(problem.error);
      ctx.report({
        messageId: 'outOfRange',
        data: { key: keyOf(problem), value: problem.value, minimum: s.minimum, maximum: s.maximum },
        span,
      });
    }
  },
});
