// ENV016 value-not-recognized: a value the server does not take as written (THEMIS_HSM_ENABLED=true: it reads exactly 1).
import { varInfo } from '../../envCatalog';
import { isBlank, valueOf, valueProblem, WAL_MTLS, environmentOf } from '../../envSemantics';
import { defineRule } from '../rule';
import { closestNames } from '../shared/distance';
import { editsOf, quoteList, valueSpan } from './shared';

/** Flags whose wrong values the posture rules (ENV001/007/008/009/012) already report. */
const POSTURE_FLAGS = new Set([
  'THEMIS_PRODUCTION_MODE',
  'THEMIS_HSM_ENABLED',
  'THEMIS_PII_STRICT',
  'THEMIS_DISABLE_AUTO_DOWNLOAD',
  WAL_MTLS,
]);
/** Turning these on weakens security: point out the spelling, offer no fix. */
const NO_ENABLE_FIX = new Set(['THEMIS_CORS_ALLOW_CREDENTIALS', 'THEMIS_AUTO_UPDATE_ENABLED']);

/** The one accepted value within 2 edits of `value` (compared in lower case for case-insensitive enums). */
function enumSuggestion(value: string, accepted: string[], caseInsensitive: boolean): string | undefined {
  const norm = (a: string) => (caseInsensitive ? a.toLowerCase() : a);
  const near = closestNames(caseInsensitive ? value.trim().toLowerCase() : value, accepted.map(norm), 2);
  return near.names.length === 1 ? accepted.find((a) => norm(a) === near.names[0]) : undefined;
}

export default defineRule({
  meta: {
    id: 'ENV016',
    name: 'value-not-recognized',
    kinds: ['env', 'deploy'],
    severity: 'error',
    productionOnly: false,
    fix: 'fix',
    supersedes: [],
    messages: {
      environmentCase: (d: { value: string }) =>
        `THEMIS_ENVIRONMENT is "${d.value}", but the server compares it case-sensitively with "production" and "prod", so this counts as development. Write production in lower case.`,
      doesNotDisable: (d: { name: string; value: string; disabling: string[]; meant: string }) =>
        `${d.name}="${d.value}" does not switch it off: the server only recognises ${quoteList(d.disabling)}, so it stays on. Write ${d.meant} to say what actually happens.`,
      onNotRecognized: (d: { name: string; value: string; accepted: string[]; on: string }) =>
        `${d.name}="${d.value}" is not a value the server recognises: it only accepts ${quoteList(d.accepted.filter((a) => a !== '0'))} for on, so this leaves the setting off. Write ${d.on}.`,
      offNotRecognized: (d: { name: string; value: string }) =>
        `${d.name}="${d.value}" is not a value the server recognises; write 0 to switch it off.`,
      notRecognized: (d: { name: string; value: string; accepted: string[] }) =>
        `${d.name}="${d.value}" is not a value the server recognises (it accepts ${quoteList(d.accepted)}), so the setting stays at its default.`,
      notInEnum: (d: { name: string; value: string; accepted: string[]; suggestion?: string }) =>
        `${d.name}="${d.value}" is not one of the values the server accepts (${quoteList(d.accepted)}), so it falls back to its default.${d.suggestion ? ` Did you mean ${d.suggestion}?` : ''}`,
      notInteger: (d: { name: string; value: string }) =>
        `${d.name} must be a whole number, but it is "${d.value}": the server cannot parse it and either fails at startup or ignores it.`,
      notPort: (d: { name: string; value: string }) => `${d.name}=${d.value} is not a TCP port: use a number from 1 to 65535.`,
      notUrl: (d: { name: string; value: string }) =>
        `${d.name} must be a URL with its scheme (https://host:port), but it is "${d.value}".`,
    },
  },
  check(ctx) {
    for (const e of environmentOf(ctx).entries) {
      if (environmentOf(ctx).get(e.key) !== e) continue; // only the definition that takes effect
      const name = e.key;
      const v = varInfo(name);
      if (!v || v.status !== 'code' || v.productionUnset) continue;
      const value = valueOf(ctx, e);
      if (value === undefined || isBlank(value)) continue;
      const problem = valueProblem(name, v, value);
      if (!problem) continue;
      const span = valueSpan(e);
      // a value built from ${VAR} is fixed where the variable is defined, not here
      const setTo = (to: string | undefined) =>
        to !== undefined && e.value === value ? [ctx.fix(`Set ${name} to ${to}`, [editsOf(ctx).set(e, to)])] : [];
      switch (problem.kind) {
        case 'environmentCase':
          ctx.report({ messageId: 'environmentCase', data: { value }, span, fixes: setTo('production') });
          break;
        case 'doesNotDisable':
          ctx.report({
            messageId: 'doesNotDisable',
            data: { name, value, disabling: problem.disabling, meant: problem.meant },
            span,
            fixes: setTo(problem.meant),
          });
          break;
        case 'onNotRecognized':
          ctx.report({
            messageId: 'onNotRecognized',
            data: { name, value, accepted: problem.accepted, on: problem.on },
            span,
            fixes: setTo(NO_ENABLE_FIX.has(name) ? undefined : problem.on),
          });
          break;
        case 'offNotRecognized':
          ctx.report({ messageId: 'offNotRecognized', data: { name, value }, span, fixes: setTo('0') });
          break;
        case 'notRecognized':
          if (!POSTURE_FLAGS.has(name))
            ctx.report({ messageId: 'notRecognized', data: { name, value, accepted: problem.accepted }, span });
          break;
        case 'notInEnum': {
          const suggestion = enumSuggestion(value, problem.accepted, problem.caseInsensitive);
          ctx.report({
            messageId: 'notInEnum',
            data: { name, value, accepted: problem.accepted, suggestion },
            span,
            fixes: setTo(suggestion),
          });
          break;
        }
        default:
          ctx.report({ messageId: problem.kind, data: { name, value }, span });
      }
    }
  },
});
