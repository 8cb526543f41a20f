// SCH rules.
import { Rule } from './rule';

export const schRules: Rule[] = [];
