// GPU rules.
import { Rule } from './rule';

export const gpuRules: Rule[] = [];
