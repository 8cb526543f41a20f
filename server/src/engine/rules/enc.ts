// ENC rules.
import { Rule } from './rule';

export const encRules: Rule[] = [];
