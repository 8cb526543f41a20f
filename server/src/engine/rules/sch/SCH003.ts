// SCH003 wrong-type: a value whose YAML type is not the one the server reads for its key.
import { setValue } from '../../fixes/yamlEdits';
import { maskSecret } from '../../mask';
import { isSecretValue, referencedNames } from '../../secretValue';
import { typesOf } from '../../schema/schemaIndex';
import { schemaOfError } from '../../schema/validate';
import { defineRule } from '../rule';
import { keyOf, problemsOf, show } from './shared';

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(v: unknown, secret: boolean): string {
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v === 'string' ? 'the text' : `the ${typeof v}`} ${secret ? maskSecret(String(v)) : show(v)}`;
}

/** The typed value a quoted string stands for, when it converts without loss. */
function lossless(value: unknown, expected: string): number | boolean | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  if (/integer|number/.test(expected) && /^-?\d+$/.test(t) && String(Number(t)) === t) return Number(t);
  if (/number/.test(expected) && /^-?\d*\.\d+$/.test(t) && Number.isFinite(Number(t))) return Number(t);
  if (/boolean/.test(expected) && /^(?:true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'SCH003',
    name: 'wrong-type',
    kinds: ['config', 'mig'],
    blockLocal: true,
    severity: ['error', 'warning'],
    productionOnly: false,
    fix: 'suggestion',
    supersedes: [],
    messages: {
      mismatch: (d: { key: string; expected: string; value: unknown; secret: boolean }) =>
        `\`${d.key}\` expects ${article(d.expected)}, not ${describe(d.value, d.secret)}. ` +
        'The server reads typed values strictly and stops at startup on a mismatch.',
      quoted: (d: { key: string; expected: string; value: string; secret: boolean }) =>
        `\`${d.key}\` expects ${article(d.expected)}, but the value is quoted text ${d.secret ? maskSecret(d.value) : show(d.value)}. ` +
        'The server converts it, but a quoted value hides type mistakes: write it without quotes.',
    },
  },
  check(ctx) {
    for (const { problem, ref, span } of problemsOf(ctx, 'wrong-type')) {
      const expected =
        typesOf(schemaOfError(problem.error)).join(' or ') || String((problem.error.params as { type?: string }).type);
      const key = keyOf(problem);
      const converted = lossless(problem.value, expected);
      // the value after `${VAR}` substitution: shown only when it is no secret
      const secret = isSecretValue(String(problem.value ?? ''), [key, ...referencedNames(ref.value)]);
      if (converted === undefined || typeof problem.value !== 'string') {
        ctx.report({ messageId: 'mismatch', data: { key, expected, value: problem.value, secret }, span, severity: 'error' });
        continue;
      }
      // the server converts quoted numbers itself, so this one is only a warning
      ctx.report({
        messageId: 'quoted',
        data: { key, expected, value: problem.value, secret },
        span,
        severity: 'warning',
        fixes: [
          ref.valueSpan
            ? ctx.suggest(`Convert to ${expected}${secret ? '' : ` ${show(converted)}`}`, [setValue(ctx.file, ref, converted)])
            : undefined,
        ],
      });
    }
  },
});
