// CMP rules.
import { Rule } from './rule';

export const cmpRules: Rule[] = [];
