// SCH004 invalid-enum: a value that is not one of those the server accepts for its key.
import { setValue } from '../../fixes/yamlEdits';
import { schemaOfError } from '../../schema/validate';
import { defineRule } from '../rule';
import { closest } from '../shared/distance';
import { keyOf, problemsOf, show } from './shared';

const listOf = (allowed: unknown[]) => allowed.map(show).join(', ');

export default defineRule({
  meta: {
    id: 'SCH004',
    name: 'invalid-enum',
    kinds: ['config', 'mig'],
    severity: 'error',
    productionOnly: false,
    fix: 'fix',
    supersedes: [],
    messages: {
      notAllowed: (d: { key: string; value: unknown; allowed: unknown[] }) =>
        `${show(d.value)} is not a valid value for \`${d.key}\`. Allowed: ${listOf(d.allowed)}.`,
      notAllowedNear: (d: { key: string; value: unknown; allowed: unknown[]; near: string }) =>
        `${show(d.value)} is not a valid value for \`${d.key}\`. Allowed: ${listOf(d.allowed)}. Did you mean ${show(d.near)}?`,
    },
  },
  check(ctx) {
    for (const { problem, ref, span } of problemsOf(ctx, 'invalid-enum')) {
      const params = problem.error.params as { allowedValue?: unknown };
      const allowed = (schemaOfError(problem.error).enum ?? [params.allowedValue]).filter((v) => v !== undefined);
      const key = keyOf(problem);
      const value = problem.value;
      const near = typeof value === 'string' ? closest(value, allowed.map(String), 2) : undefined;
      if (!near) {
        ctx.report({ messageId: 'notAllowed', data: { key, value, allowed }, span });
        continue;
      }
      const target = allowed.find((a) => String(a) === near.value) as string | number | boolean;
      ctx.report({
        messageId: 'notAllowedNear',
        data: { key, value, allowed, near: near.value },
        span,
        fixes: [ref.valueSpan ? ctx.fix(`Change to ${show(target)}`, [setValue(ctx.file, ref, target)]) : undefined],
      });
    }
  },
});
