// KMS rules.
import { Rule } from './rule';

export const kmsRules: Rule[] = [];
