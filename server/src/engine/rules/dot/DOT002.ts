// DOT002 invalid-line: a line that is not KEY=value, export KEY=value, a comment or blank.
import { defineRule } from '../rule';
import { spacedKey } from './shared';

export default defineRule({
  meta: {
    id: 'DOT002',
    name: 'invalid-line',
    kinds: ['env'],
    severity: 'error',
    productionOnly: false,
    fix: 'none',
    supersedes: [],
    messages: {
      invalidLine: () =>
        'This line is not KEY=value, export KEY=value, a comment or blank. Dotenv skips it, and a shell that sources the file fails on it. Fix or comment it out.',
    },
  },
  check(ctx) {
    // lines right after an unterminated quote are the rest of that value: DOT004 says it once
    let prevLine = -2;
    let continuation = false;
    for (const p of [...ctx.file.env.problems].sort((a, b) => a.line - b.line)) {
      if (p.kind === 'unterminated-quote') {
        continuation = true;
        prevLine = p.line;
        continue;
      }
      continuation = continuation && p.line === prevLine + 1;
      prevLine = p.line;
      if (continuation || spacedKey(ctx.file, p.span)) continue; // a key with blanks is DOT003
      ctx.report({ messageId: 'invalidLine', span: p.span });
    }
  },
});
