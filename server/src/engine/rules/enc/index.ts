import ENC001 from './ENC001';
import ENC002 from './ENC002';
import ENC003 from './ENC003';
import ENC004 from './ENC004';
import ENC005 from './ENC005';
import ENC006 from './ENC006';

export const encRules = [ENC001, ENC002, ENC003, ENC004, ENC005, ENC006];
