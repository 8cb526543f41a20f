// Every implemented rule: one module per rule, gathered per family in `<family>/index.ts`.
import { audRules } from './aud';
import { cmpRules } from './cmp';
import { depRules } from './dep';
import { dotRules } from './dot';
import { encRules } from './enc';
import { envRules } from './env';
import { gpuRules } from './gpu';
import { kmsRules } from './kms';
import { migRules } from './mig';
import { netRules } from './net';
import { Rule } from './rule';
import { schRules } from './sch';
import { secRules } from './sec';
import { supRules } from './sup';
import { tlsRules } from './tls';

export const RULES: readonly Rule[] = [
  ...schRules,
  ...tlsRules,
  ...secRules,
  ...encRules,
  ...kmsRules,
  ...audRules,
  ...netRules,
  ...gpuRules,
  ...migRules,
  ...cmpRules,
  ...envRules,
  ...dotRules,
  ...depRules,
  ...supRules,
];
