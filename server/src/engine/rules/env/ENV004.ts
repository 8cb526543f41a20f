// ENV004 admin-token-missing: THEMIS_TOKEN_ADMIN absent or empty, so the admin API asks for no token.
import { isEnvTemplate } from '../../fileKinds';
import { configuresServer, entryOf, isBlank, valueOf } from '../../envSemantics';
import { defineRule } from '../rule';
import { absentSpan, editsOf, FRESH_TOKEN, freshToken, provide, TOKEN_NOTE, typoOf } from './shared';

const NAME = 'THEMIS_TOKEN_ADMIN';
const ADMIN_API = 'Anyone who reaches it can write the config, reveal PII and read the audit trail.';

export default defineRule({
  meta: {
    id: 'ENV004',
    name: 'admin-token-missing',
    kinds: ['env', 'deploy'],
    severity: 'error',
    productionOnly: true,
    fix: 'suggestion',
    supersedes: ['SEC003'],
    messages: {
      notSet: () =>
        `THEMIS_TOKEN_ADMIN is not set, so the admin API asks for no token. ${ADMIN_API} Set a random token of at least 32 bytes.`,
      misspelled: (d: { key: string }) =>
        `${d.key} is a misspelling of THEMIS_TOKEN_ADMIN, so the admin API asks for no token. ${ADMIN_API} Rename it.`,
      empty: () =>
        `THEMIS_TOKEN_ADMIN is empty, so the admin API asks for no token. ${ADMIN_API} Set a random token of at least 32 bytes.`,
    },
  },
  check(ctx) {
    if (isEnvTemplate(ctx.file.path)) return; // templates leave secrets empty on purpose
    const e = entryOf(ctx, NAME);
    const note = { note: TOKEN_NOTE };
    if (!e) {
      if (!configuresServer(ctx)) return;
      const typo = typoOf(ctx, NAME);
      if (typo) {
        const p = provide(ctx, NAME, freshToken(), (v) => !isBlank(v), FRESH_TOKEN);
        const fixes = [ctx.suggest(p.title, p.edits, note)];
        ctx.report({ messageId: 'misspelled', data: { key: typo.key }, span: typo.keySpan, fixes });
        return;
      }
      const fix = ctx.suggest(`Add ${NAME} with ${FRESH_TOKEN}`, [editsOf(ctx).add(NAME, freshToken())], note);
      ctx.report({ messageId: 'notSet', span: absentSpan(ctx), fixes: [fix] });
      return;
    }
    const v = valueOf(ctx, e);
    if (v === undefined || !isBlank(v)) return;
    ctx.report({
      messageId: 'empty',
      span: e.keySpan,
      fixes: [ctx.suggest(`Set ${NAME} to ${FRESH_TOKEN}`, [editsOf(ctx).set(e, freshToken())], note)],
    });
  },
});
