// ENV017 cors-allow-all: THEMIS_CORS_ALLOW_ALL on, so any web page may call the API from a visitor's browser.
import { entryOf, looksOn, valueNamed, valueOf } from '../../envSemantics';
import { defineRule } from '../rule';
import { removeAll, valueSpan } from './shared';

const NAME = 'THEMIS_CORS_ALLOW_ALL';

export default defineRule({
  meta: {
    id: 'ENV017',
    name: 'cors-allow-all',
    kinds: ['env', 'deploy'],
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      allowAll: (d: { credentials: boolean }) =>
        `THEMIS_CORS_ALLOW_ALL lets any web page call the API from a visitor's browser. The server answers every origin with "Access-Control-Allow-Origin: *"${
          d.credentials ? ", and with THEMIS_CORS_ALLOW_CREDENTIALS on, pages can do so with the visitor's credentials" : ''
        }. Remove it and list the allowed origins in THEMIS_CORS_ALLOWED_ORIGINS.`,
    },
  },
  check(ctx) {
    const e = entryOf(ctx, NAME);
    if (!e || !looksOn(valueOf(ctx, e))) return;
    ctx.report({
      messageId: 'allowAll',
      data: { credentials: looksOn(valueNamed(ctx, 'THEMIS_CORS_ALLOW_CREDENTIALS')) },
      span: valueSpan(e),
      fixes: [ctx.fix(`Remove ${NAME}`, removeAll(ctx, NAME))],
    });
  },
});
