// ENV004 admin-token-missing: THEMIS_TOKEN_ADMIN absent or empty, so the admin API asks for no token.
import { isEnvTemplate } from '../../fileKinds';
import { configuresServer, entryOf, isBlank, valueOf } from '../../envSemantics';
import { defineRule } from '../rule';
import { absentSpan, editsOf, FRESH_TOKEN, freshToken, provide, TOKEN_NOTE, Typo, typoData, typoOf, typoText } from './shared';

const NAME = 'THEMIS_TOKEN_ADMIN';

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
      notSet: (d: { typo?: Typo }) =>
        `THEMIS_TOKEN_ADMIN is not set${typoText(d.typo)}, so the admin API (config writes, PII reveal, audit reads) does not ask for a token. Set a random token of at least 32 bytes.`,
      empty: () =>
        'THEMIS_TOKEN_ADMIN is empty, so the admin API (config writes, PII reveal, audit reads) does not ask for a token. Set a random token of at least 32 bytes.',
    },
  },
  check(ctx) {
    if (isEnvTemplate(ctx.file.path)) return; // templates leave secrets empty on purpose
    const e = entryOf(ctx, NAME);
    const note = { note: TOKEN_NOTE };
    if (!e) {
      if (!configuresServer(ctx)) return;
      let fix;
      if (typoOf(ctx, NAME)) {
        const p = provide(ctx, NAME, freshToken(), (v) => !isBlank(v), FRESH_TOKEN);
        fix = ctx.suggest(p.title, p.edits, note);
      } else {
        fix = ctx.suggest(`Add ${NAME} with ${FRESH_TOKEN}`, [editsOf(ctx).add(NAME, freshToken())], note);
      }
      ctx.report({ messageId: 'notSet', data: { typo: typoData(ctx, NAME) }, span: absentSpan(ctx), fixes: [fix] });
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
