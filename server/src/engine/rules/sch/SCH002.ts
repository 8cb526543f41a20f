// SCH002 unknown-key: a key that no ThemisDB dialect defines (usually a typo), which the server ignores.
import { isScalar } from 'yaml';
import { propertiesAt } from '../../schema/schemaIndex';
import { pathText } from '../query';
import { defineRule } from '../rule';
import { closest } from '../shared/distance';
import { keyOf, problemsOf } from './shared';

/** ` under \`a.b\`` or ` at the top level`. */
const where = (parent: string[]) => (parent.length ? ` under \`${pathText(parent)}\`` : ' at the top level');

export default defineRule({
  meta: {
    id: 'SCH002',
    name: 'unknown-key',
    kinds: ['config', 'mig'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: false,
    fix: 'fix',
    supersedes: [],
    messages: {
      unknown: (d: { key: string; parent: string[] }) =>
        `Unknown key \`${d.key}\`${where(d.parent)}. ThemisDB ignores its value.`,
      unknownNear: (d: { key: string; parent: string[]; near: string }) =>
        `Unknown key \`${d.key}\`${where(d.parent)}. ThemisDB ignores its value. Did you mean \`${d.near}\`?`,
    },
  },
  check(ctx) {
    for (const { name, problem, ref, span } of problemsOf(ctx, 'unknown-key')) {
      const key = keyOf(problem);
      const parent = problem.path.slice(0, -1);
      const near = closest(key, propertiesAt(name, parent).keys(), 3);
      if (!near) {
        ctx.report({ messageId: 'unknown', data: { key, parent }, span });
        continue;
      }
      // the key is written here unless the entry sits under an alias (then it is written at the anchor, for every user)
      const keyIsHere = !ref.viaAlias || ref.alias !== undefined;
      const rename = near.distance <= 2 && isScalar(ref.keyNode) && keyIsHere;
      ctx.report({
        messageId: 'unknownNear',
        data: { key, parent, near: near.value },
        span,
        fixes: rename ? [ctx.fix(`Rename to ${near.value}`, [{ ...span, newText: near.value }])] : [],
      });
    }
  },
});
