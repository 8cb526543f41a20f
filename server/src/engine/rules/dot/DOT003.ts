// DOT003 space-around-equals: blanks around "=" or inside the key of a .env line.
import { defineRule } from '../rule';
import { spacedKey } from './shared';

export default defineRule({
  meta: {
    id: 'DOT003',
    name: 'space-around-equals',
    kinds: ['env'],
    severity: 'warning',
    productionOnly: false,
    fix: 'fix',
    supersedes: [],
    messages: {
      blanksAroundEquals: (d: { key: string }) =>
        `Blanks around "=" after ${d.key}. Dotenv tolerates them, but a shell sourcing this file and \`docker run --env-file\` do not. Write ${d.key}=value without blanks.`,
      blanksInKey: (d: { key: string; fixedKey: string }) =>
        `The key "${d.key}" contains blanks, so the variable is never set. Dotenv cannot read this line. Use ${d.fixedKey}.`,
    },
  },
  check(ctx) {
    const text = ctx.file.text;
    for (const e of ctx.file.env.entries) {
      if (!e.spaceAroundEquals) continue;
      const eq = text.indexOf('=', e.keySpan.end);
      if (eq < 0) continue;
      // `KEY= # note` is an empty value and a comment: the blank keeps the comment one
      const commentOnly = e.valueSpan.start === e.valueSpan.end && text[e.valueSpan.start] === '#';
      const span = { start: e.keySpan.end, end: commentOnly ? eq + 1 : e.valueSpan.start };
      if (commentOnly && span.end - span.start === 1) continue;
      ctx.report({
        messageId: 'blanksAroundEquals',
        data: { key: e.key },
        span: span.end > span.start ? span : { start: eq, end: eq + 1 },
        fixes: [ctx.fix('Remove the blanks around "="', [{ ...span, newText: '=' }])],
      });
    }
    for (const p of ctx.file.env.problems) {
      if (p.kind !== 'invalid-line') continue;
      const m = spacedKey(ctx.file, p.span);
      if (!m) continue;
      // the problem span starts at the line's first non-blank character
      const start = p.span.start + m[1].length + (m[2]?.length ?? 0);
      const key = m[3];
      const fixedKey = key.replace(/[ \t]+/g, '_');
      const span = { start, end: start + key.length };
      ctx.report({
        messageId: 'blanksInKey',
        data: { key, fixedKey },
        span,
        fixes: [ctx.fix(`Rename the key to ${fixedKey}`, [{ ...span, newText: fixedKey }])],
      });
    }
  },
});
