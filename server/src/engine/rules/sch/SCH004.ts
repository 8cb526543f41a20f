// SCH004 invalid-enum: a value that is not one of those the server accepts for its key.
import { setValue } from '../../fixes/yamlEdits';
import { maskSecret } from '../../mask';
import { isSecretValue, referencedNames } from '../../secretValue';
import { schemaOfError } from '../../schema/validate';
import { defineRule } from '../rule';
import { closest } from '../shared/distance';
import { keyOf, problemsOf, show } from './shared';

const listOf = (allowed: unknown[]) => allowed.map(show).join(', ');
// the value after `${VAR}` substitution: shown only when it is no secret
const shown = (d: { value: unknown; secret: boolean }) => (d.secret ? maskSecret(String(d.value)) : show(d.value));

export default defineRule({
  meta: {
    id: 'SCH004',
    name: 'invalid-enum',
    kinds: ['config', 'mig'],
    blockLocal: true,
    severity: 'error',
    productionOnly: false,
    fix: 'fix',
    supersedes: [],
    messages: {
      notAllowed: (d: { key: string; value: unknown; allowed: unknown[]; secret: boolean }) =>
        `${shown(d)} is not a valid value for \`${d.key}\`. Allowed: ${listOf(d.allowed)}.`,
      notAllowedNear: (d: { key: string; value: unknown; allowed: unknown[]; near: string; secret: boolean }) =>
        `${shown(d)} is not a valid value for \`${d.key}\`. Allowed: ${listOf(d.allowed)}. Did you mean ${show(d.near)}?`,
    },
  },
  check(ctx) {
    for (const { problem, ref, span } of problemsOf(ctx, 'invalid-enum')) {
      const params = problem.error.params as { allowedValue?: unknown };
      const allowed = (schemaOfError(problem.error).enum ?? [params.allowedValue]).filter((v) => v !== undefined);
      const key = keyOf(problem);
      const value = problem.value;
      const secret = isSecretValue(String(value ?? ''), [key, ...referencedNames(ref.value)]);
      const near = typeof value === 'string' ? closest(value, allowed.map(String), 2) : undefined;
      if (!near) {
        ctx.report({ messageId: 'notAllowed', data: { key, value, allowed, secret }, span });
        continue;
      }
      const target = allowed.find((a) => String(a) === near.value) as string | number | boolean;
      ctx.report({
        messageId: 'notAllowedNear',
        data: { key, value, allowed, near: near.value, secret },
        span,
        fixes: [ref.valueSpan ? ctx.fix(`Change to ${show(target)}`, [setValue(ctx.file, ref, target)]) : undefined],
      });
    }
  },
});
