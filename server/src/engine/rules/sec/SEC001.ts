// SEC001 inline-secret: a secret-named key holding its secret in clear text instead of a `${VAR}` reference.
import { YamlRef } from '../../documents/yamlModel';
import { maskSecret } from '../../mask';
import { dotted, lastKey } from '../query';
import { defineRule } from '../rule';
import {
  freeVarName,
  isIndirect,
  isPlaceholder,
  isReference,
  isUrl,
  moveToEnvFixes,
  replaceYamlValue,
  secretEntries,
  urlCarriesSecret,
  urlCredential,
  valueSpanOf,
} from './shared';

type Data = { path: string; masked: string; name: string };

const inClear = (d: Data) =>
  `Secret in clear text: ${d.path}. ` +
  `Whoever can read this file or its history can use the value, ${d.masked}. ` +
  `Reference an environment variable (\${${d.name}}) and keep the value in a git-ignored .env.`;

export default defineRule({
  meta: {
    id: 'SEC001',
    name: 'inline-secret',
    kinds: ['config', 'mig'],
    blockLocal: true,
    severity: 'error',
    productionOnly: true,
    fix: 'suggestion',
    supersedes: [],
    messages: {
      inlineSecret: (d: Data) => inClear(d),
      vaultToken: (d: Data) =>
        `${inClear(d)} It opens the key-management backend: let a Vault agent or a secrets manager inject a short-lived token (THEMIS_VAULT_TOKEN) instead of keeping a static one in a file.`,
      hsmPin: (d: Data) =>
        `${inClear(d)} It unlocks the HSM that guards the master keys: inject it from a secrets manager, or leave it empty so the server takes THEMIS_HSM_PIN from its environment.`,
      hsmCredential: (d: Data) =>
        `${inClear(d)} It gives access to the HSM that guards the master keys: inject it from a secrets manager.`,
    },
  },
  check(ctx) {
    for (const { ref, value } of secretEntries(ctx)) {
      if (isReference(value) || isPlaceholder(value) || isIndirect(value) || urlCredential(value)) continue;
      if (isUrl(value) && !urlCarriesSecret(value)) continue;
      const name = freeVarName(ctx, ref.path);
      ctx.report({
        messageId: messageFor(ref),
        data: { path: dotted(ref), masked: maskSecret(value), name },
        span: valueSpanOf(ctx, ref)!,
        fixes: moveToEnvFixes(ctx, replaceYamlValue(ctx, ref, `\${${name}}`), name, value, lastKey(ref)),
      });
    }
  },
});

/** HSM and Vault credentials get advice of their own. */
function messageFor(ref: YamlRef): 'inlineSecret' | 'vaultToken' | 'hsmPin' | 'hsmCredential' {
  const p = dotted(ref).toLowerCase();
  if (/(^|\.)vault(\.|$)/.test(p)) return 'vaultToken';
  if (!/(^|\.)(hsm|pkcs11)(\.|$)/.test(p)) return 'inlineSecret';
  return /(^|_)(pin|password|passwd|passphrase)$/.test(lastKey(ref).toLowerCase()) ? 'hsmPin' : 'hsmCredential';
}
