// SEC006 env-not-ignored: a .env file that holds secrets and that no .gitignore excludes.
import * as path from 'path';
import { EnvEntry } from '../../documents/envModel';
import { isSecretVar } from '../../envCatalog';
import { isEnvTemplate } from '../../fileKinds';
import { isTemplated } from '../../secrets';
import { SourceFile } from '../../sourceFile';
import { defineRule } from '../rule';
import { counted, listed } from '../shared/wording';
import { credentialFormat, gitignoreStatus, ignoreChange, isIndirect, isReference, relativeTo, urlCredential } from './shared';

export default defineRule({
  meta: {
    id: 'SEC006',
    name: 'env-not-ignored',
    kinds: ['env'],
    severity: 'warning',
    productionOnly: false,
    fix: 'suggestion',
    supersedes: [],
    messages: {
      notIgnored: (d: { file: string; names: string[] }) =>
        `${d.file} holds ${counted(d.names.length, 'secret')} but no .gitignore excludes it. ` +
        `One \`git add .\` publishes ${listed(d.names)}. Add it to .gitignore (and rotate anything already committed).`,
    },
  },
  check(ctx) {
    if (isEnvTemplate(ctx.file.path)) return; // templates are meant to be committed
    const secrets = secretValues(ctx.file);
    if (secrets.length === 0) return;
    const status = gitignoreStatus(ctx, ctx.file.path);
    if (status.ignored) return;
    const { change, pattern } = ignoreChange(ctx, ctx.file.path, status);
    const base = path.basename(ctx.file.path);
    const where = status.targetExists ? relativeTo(ctx, status.target) : 'a new .gitignore';
    ctx.report({
      messageId: 'notIgnored',
      data: { file: base, names: secrets.map((e) => e.key) },
      span: secrets[0].keySpan,
      fixes: [
        ctx.suggest(`Add ${pattern} to ${where}`, [change], {
          note: `If ${base} was committed before, also run \`git rm --cached ${pattern}\` and rotate its secrets: .gitignore does not remove a tracked file.`,
        }),
      ],
    });
  },
});

/** Entries of an env file that hold a real secret value. */
function secretValues(file: SourceFile): EnvEntry[] {
  return file.env.entries.filter((e) => {
    const v = e.value.trim();
    if (v === '' || isReference(v)) return false;
    if (isSecretVar(e.key)) return !isTemplated(v) && !isIndirect(v);
    return !!credentialFormat(v) || !!urlCredential(v);
  });
}
