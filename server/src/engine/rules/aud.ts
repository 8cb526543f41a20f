// AUD rules.
import { Rule } from './rule';

export const audRules: Rule[] = [];
