// Every implemented rule, in catalog order.
import { Rule } from './rule';
import { tlsRules } from './tls';

export const RULES: readonly Rule[] = [...tlsRules];
