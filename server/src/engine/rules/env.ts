// ENV rules.
import { Rule } from './rule';

export const envRules: Rule[] = [];
