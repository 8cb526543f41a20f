// SEC007 secret-in-template: a committed env template that ships a value for a secret variable.
import { isSecretVar } from '../../envCatalog';
import { isEnvTemplate } from '../../fileKinds';
import { setEnvValue } from '../../fixes/envEdits';
import { maskSecret } from '../../mask';
import { isTemplated } from '../../secrets';
import { defineRule } from '../rule';
import { isIndirect, isReference } from './shared';

export default defineRule({
  meta: {
    id: 'SEC007',
    name: 'secret-in-template',
    kinds: ['env'],
    severity: 'error',
    productionOnly: false,
    fix: 'fix',
    supersedes: ['SEC003'],
    messages: {
      secretInTemplate: (d: { key: string; masked: string }) =>
        `This committed template ships a value for the secret ${d.key}. ` +
        `Every copy of it starts with the same known secret, ${d.masked}. ` +
        'Leave it empty here and set it only in the real, git-ignored env file.',
    },
  },
  check(ctx) {
    if (!isEnvTemplate(ctx.file.path)) return;
    for (const entry of ctx.file.env.entries) {
      const v = entry.value.trim();
      if (!isSecretVar(entry.key) || v === '' || isReference(v) || isTemplated(v) || isIndirect(v)) continue;
      ctx.report({
        messageId: 'secretInTemplate',
        data: { key: entry.key, masked: maskSecret(entry.value) },
        span: entry.valueSpan,
        fixes: [ctx.fix(`Empty the value of ${entry.key}`, [setEnvValue(entry, '')])],
      });
    }
  },
});
