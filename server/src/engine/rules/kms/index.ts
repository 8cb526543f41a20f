import KMS001 from './KMS001';
import KMS002 from './KMS002';
import KMS003 from './KMS003';
import KMS004 from './KMS004';

export const kmsRules = [KMS001, KMS002, KMS003, KMS004];
