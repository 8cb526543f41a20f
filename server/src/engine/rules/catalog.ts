// The catalog, derived from the rule modules, so a rule's facts live in one place.
import { RULES } from './index';
import { RuleMeta } from './rule';

export type { RuleMeta } from './rule';

export const CATALOG: ReadonlyMap<string, RuleMeta> = new Map(RULES.map((r) => [r.meta.id, r.meta]));

/** Rule ID by rule name, for suppressions and settings that name a rule. */
export function ruleIdOf(word: string): string | undefined {
  const upper = word.toUpperCase();
  if (CATALOG.has(upper)) return upper;
  byName ??= new Map([...CATALOG.values()].map((m) => [m.name, m.id]));
  return byName.get(word.toLowerCase());
}
let byName: Map<string, string> | undefined;
