// DOT rules.
import { Rule } from './rule';

export const dotRules: Rule[] = [];
