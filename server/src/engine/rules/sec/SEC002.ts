// SEC002 known-credential: a value in a recognisable credential format (PEM key, AWS, GitHub, Slack, Google, Stripe, JWT).
import { maskSecret } from '../../mask';
import { dotted } from '../query';
import { defineRule } from '../rule';
import { credentialFormat, freeVarName, isReference, moveToEnvFixes, replaceYamlValue, scalars, valueSpanOf } from './shared';

export default defineRule({
  meta: {
    id: 'SEC002',
    name: 'known-credential',
    kinds: ['config', 'mig', 'deploy'],
    blockLocal: true,
    severity: 'error',
    productionOnly: false,
    fix: 'suggestion',
    supersedes: ['SEC001', 'SEC003', 'DEP001'],
    messages: {
      knownCredential: (d: { path: string; format: string; masked: string }) =>
        `${d.path} holds a credential of a known format (${d.format}). ` +
        `Such a credential, here ${d.masked}, leaks with every copy and commit of the config: ` +
        'revoke it, issue a new one and load it from the environment.',
    },
  },
  check(ctx) {
    // a systemd unit is not YAML; in a deployment file `${VAR}` is not read everywhere, so the move to .env is not offered
    if (ctx.kind === 'deploy' && !/\.ya?ml$/i.test(ctx.file.path)) return;
    const movable = ctx.kind !== 'deploy';
    for (const { ref, value } of scalars(ctx)) {
      if (isReference(value)) continue;
      const format = credentialIn(value);
      if (!format) continue;
      const name = freeVarName(ctx, ref.path);
      ctx.report({
        messageId: 'knownCredential',
        data: { path: dotted(ref), format, masked: maskSecret(value) },
        span: valueSpanOf(ctx, ref)!,
        fixes: movable ? moveToEnvFixes(ctx, replaceYamlValue(ctx, ref, `\${${name}}`), name, value, format) : [],
      });
    }
  },
});

/** Known credential formats, minus the documented examples (AWS `…EXAMPLE` keys, `XXXX` webhooks). */
function credentialIn(value: string): string | undefined {
  const f = credentialFormat(value);
  if (!f) return undefined;
  if (f.name === 'AWS access key ID' && /(?:AKIA|ASIA)[0-9A-Z]{0,16}EXAMPLE/.test(value)) return undefined;
  if (f.name === 'Slack webhook URL' && /\/X{6,}(?:$|[/?#])/i.test(value)) return undefined;
  return f.name;
}
