// ENC004 local-key-provider: the encryption key is kept on the same machine as the data (file, env, …).
import { setValue } from '../../fixes/yamlEdits';
import { shownValue } from '../query';
import { defineRule } from '../rule';
import { textOf } from '../shared/values';

/** The keys that name where encryption keys come from. */
const PROVIDER_KEY = /^(?:key_provider|key_source|keystore|key_store)$/;

const LOCAL_PROVIDERS = new Set(['file', 'env', 'environment', 'local', 'mock', 'plaintext', 'keyfile', 'key_file']);

export default defineRule({
  meta: {
    id: 'ENC004',
    name: 'local-key-provider',
    kinds: ['config'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'suggestion',
    supersedes: [],
    messages: {
      localProvider: (d: { provider: string }) =>
        `key_provider ${d.provider} keeps the key on the same machine as the data it encrypts. ` +
        'One host compromise or disk copy exposes both. Use Vault (or an HSM) to keep keys apart from the data.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const ref of doc.named(PROVIDER_KEY)) {
        const v = textOf(ctx, ref)?.toLowerCase();
        if (!v || !LOCAL_PROVIDERS.has(v) || !ref.valueSpan) continue;
        ctx.report({
          messageId: 'localProvider',
          data: { provider: shownValue(ctx, ref) },
          span: ref.valueSpan,
          fixes: [ctx.suggest('Use the vault key provider', [setValue(ctx.file, ref, 'vault')])],
        });
      }
    }
  },
});
