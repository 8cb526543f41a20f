// SEC rules.
import { Rule } from './rule';

export const secRules: Rule[] = [];
