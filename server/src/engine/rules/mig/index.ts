import MIG001 from './MIG001';
import MIG002 from './MIG002';
import MIG003 from './MIG003';
import MIG004 from './MIG004';
import MIG005 from './MIG005';
import MIG006 from './MIG006';
import MIG007 from './MIG007';

export const migRules = [MIG001, MIG002, MIG003, MIG004, MIG005, MIG006, MIG007];
