import TLS001 from './TLS001';
import TLS002 from './TLS002';
import TLS003 from './TLS003';
import TLS004 from './TLS004';
import TLS005 from './TLS005';
import TLS006 from './TLS006';
import TLS007 from './TLS007';
import TLS008 from './TLS008';
import TLS009 from './TLS009';
import TLS010 from './TLS010';
import TLS011 from './TLS011';

export const tlsRules = [TLS001, TLS002, TLS003, TLS004, TLS005, TLS006, TLS007, TLS008, TLS009, TLS010, TLS011];
