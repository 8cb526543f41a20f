// SEC004 credentials-in-url: a URL that embeds a password (`scheme://user:password@host`).
import { isEditable } from '../../fixes/yamlEdits';
import { maskSecret } from '../../mask';
import { TextEdit } from '../../types';
import { dotted } from '../query';
import { defineRule } from '../rule';
import {
  findInSource,
  freeVarName,
  isReference,
  moveToEnvFixes,
  replaceYamlValue,
  scalars,
  urlCredential,
  valueSpanOf,
} from './shared';

export default defineRule({
  meta: {
    id: 'SEC004',
    name: 'credentials-in-url',
    kinds: ['config', 'mig'],
    blockLocal: true,
    severity: 'error',
    productionOnly: true,
    fix: 'suggestion',
    supersedes: ['NET002'],
    messages: {
      urlPassword: (d: { path: string; user: string; masked: string; name: string }) =>
        `The URL in ${d.path} embeds the password of "${d.user}". ` +
        `URLs end up in logs, process lists and commits, and the password, ${d.masked}, with them. ` +
        `Move the password into an environment variable (\${${d.name}}).`,
    },
  },
  check(ctx) {
    for (const { ref, value } of scalars(ctx)) {
      const cred = urlCredential(value);
      if (!cred || /^x+$/i.test(cred.password) || isReference(cred.password)) continue;
      const name = freeVarName(ctx, ref.path, 'password');
      const at = findInSource(ctx, ref, `${cred.user}:${cred.password}@`);
      let edit: TextEdit | undefined;
      if (at !== undefined) {
        // only the password, where it is written
        const start = at + cred.user.length + 1;
        edit = isEditable(ref) ? { start, end: start + cred.password.length, newText: `\${${name}}` } : undefined;
      } else {
        edit = replaceYamlValue(
          ctx,
          ref,
          value.slice(0, cred.index) + `\${${name}}` + value.slice(cred.index + cred.password.length),
        );
      }
      ctx.report({
        messageId: 'urlPassword',
        data: { path: dotted(ref), user: cred.user, masked: maskSecret(cred.password), name },
        span: valueSpanOf(ctx, ref)!,
        fixes: moveToEnvFixes(ctx, edit, name, cred.password, 'the URL password'),
      });
    }
  },
});
