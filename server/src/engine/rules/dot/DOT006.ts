// DOT006 lowercase-key: a .env key that is not UPPER_SNAKE_CASE.
import { defineRule } from '../rule';

// Lower-case by long convention, read by every HTTP client.
const CONVENTIONAL_LOWERCASE = new Set(['http_proxy', 'https_proxy', 'no_proxy', 'all_proxy', 'ftp_proxy']);

export default defineRule({
  meta: {
    id: 'DOT006',
    name: 'lowercase-key',
    kinds: ['env'],
    severity: 'info',
    productionOnly: false,
    fix: 'none',
    supersedes: [],
    messages: {
      lowercaseKey: (d: { key: string; upper: string }) =>
        `${d.key} is not UPPER_SNAKE_CASE. Environment names are case-sensitive, and ThemisDB reads only upper-case THEMIS_* names: did you mean ${d.upper}?`,
    },
  },
  check(ctx) {
    for (const e of ctx.file.env.entries) {
      if (/^[A-Z_][A-Z0-9_]*$/.test(e.key) || CONVENTIONAL_LOWERCASE.has(e.key)) continue;
      ctx.report({
        messageId: 'lowercaseKey',
        data: { key: e.key, upper: e.key.toUpperCase().replace(/[^A-Z0-9_]/g, '_') },
        span: e.keySpan,
      });
    }
  },
});
