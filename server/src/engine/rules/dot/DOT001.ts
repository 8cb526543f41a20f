// DOT001 duplicate-key: a key defined again later in the same .env file (the last one wins).
import { EnvEntry } from '../../documents/envModel';
import { removeEnvEntry } from '../../fixes/envEdits';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'DOT001',
    name: 'duplicate-key',
    kinds: ['env'],
    severity: 'error',
    productionOnly: false,
    fix: 'suggestion',
    supersedes: [],
    messages: {
      duplicate: (d: { key: string; line: number }) =>
        `${d.key} is set again on line ${d.line}, so this definition is ignored. The last one wins, silently. Keep a single definition.`,
    },
  },
  check(ctx) {
    const byKey = new Map<string, EnvEntry[]>();
    for (const e of ctx.file.env.entries) {
      const list = byKey.get(e.key) ?? [];
      list.push(e);
      byKey.set(e.key, list);
    }
    for (const [key, list] of byKey) {
      if (list.length < 2) continue;
      const winner = list[list.length - 1];
      const line = ctx.file.lines.position(winner.keySpan.start).line + 1;
      for (const e of list.slice(0, -1)) {
        ctx.report({
          messageId: 'duplicate',
          data: { key, line },
          span: e.keySpan,
          fixes: [ctx.suggest(`Remove this earlier definition of ${key}`, [removeEnvEntry(ctx.file, e)])],
        });
      }
    }
  },
});
