import ENV001 from './ENV001';
import ENV002 from './ENV002';
import ENV003 from './ENV003';
import ENV004 from './ENV004';
import ENV005 from './ENV005';
import ENV006 from './ENV006';
import ENV007 from './ENV007';
import ENV008 from './ENV008';
import ENV009 from './ENV009';
import ENV010 from './ENV010';
import ENV011 from './ENV011';
import ENV012 from './ENV012';
import ENV013 from './ENV013';
import ENV014 from './ENV014';
import ENV015 from './ENV015';
import ENV016 from './ENV016';
import ENV017 from './ENV017';
import ENV018 from './ENV018';
import ENV019 from './ENV019';
import ENV020 from './ENV020';
import ENV021 from './ENV021';

export const envRules = [
  ENV001,
  ENV002,
  ENV003,
  ENV004,
  ENV005,
  ENV006,
  ENV007,
  ENV008,
  ENV009,
  ENV010,
  ENV011,
  ENV012,
  ENV013,
  ENV014,
  ENV015,
  ENV016,
  ENV017,
  ENV018,
  ENV019,
  ENV020,
  ENV021,
];
