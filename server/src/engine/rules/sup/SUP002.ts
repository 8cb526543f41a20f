// SUP002 unknown-suppression: a word in a suppression that names no rule.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'SUP002',
    name: 'unknown-suppression',
    kinds: ['config', 'mig', 'env'],
    severity: 'warning',
    productionOnly: false,
    fix: 'none',
    supersedes: [],
    messages: {
      unknownRule: (d: { word: string }) => `"${d.word}" is not a ThemisDB rule ID or name. This suppression silences nothing.`,
    },
  },
  check(ctx) {
    for (const s of ctx.file.suppressions)
      for (const u of s.unknown) ctx.report({ messageId: 'unknownRule', data: { word: u.name }, span: u.span });
  },
});
