// DOT004 unterminated-quote: a quote opened in a .env value and never closed.
import { defineRule } from '../rule';

const QUOTE_NAMES: Record<string, string> = { '"': 'double', "'": 'single' };

export default defineRule({
  meta: {
    id: 'DOT004',
    name: 'unterminated-quote',
    kinds: ['env'],
    severity: 'error',
    productionOnly: false,
    fix: 'none',
    supersedes: [],
    messages: {
      unterminated: (d: { quote: string }) =>
        `The ${QUOTE_NAMES[d.quote] ?? 'back'} quote opened here is never closed. Dotenv then reads the quote and the rest of the line literally, or drops the variable. Add the closing ${d.quote}.`,
    },
  },
  check(ctx) {
    for (const p of ctx.file.env.problems) {
      if (p.kind !== 'unterminated-quote') continue;
      ctx.report({ messageId: 'unterminated', data: { quote: ctx.file.text[p.span.start] }, span: p.span });
    }
  },
});
