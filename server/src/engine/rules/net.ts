// NET rules.
import { Rule } from './rule';

export const netRules: Rule[] = [];
