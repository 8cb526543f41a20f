import CMP001 from './CMP001';
import CMP002 from './CMP002';
import CMP003 from './CMP003';

export const cmpRules = [CMP001, CMP002, CMP003];
