import SEC001 from './SEC001';
import SEC002 from './SEC002';
import SEC003 from './SEC003';
import SEC004 from './SEC004';
import SEC005 from './SEC005';
import SEC006 from './SEC006';
import SEC007 from './SEC007';

export const secRules = [SEC001, SEC002, SEC003, SEC004, SEC005, SEC006, SEC007];
