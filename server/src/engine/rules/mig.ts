// MIG rules.
import { Rule } from './rule';

export const migRules: Rule[] = [];
