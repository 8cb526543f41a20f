import DOT001 from './DOT001';
import DOT002 from './DOT002';
import DOT003 from './DOT003';
import DOT004 from './DOT004';
import DOT005 from './DOT005';
import DOT006 from './DOT006';

export const dotRules = [DOT001, DOT002, DOT003, DOT004, DOT005, DOT006];
