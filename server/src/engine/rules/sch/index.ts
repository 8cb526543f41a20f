import SCH001 from './SCH001';
import SCH002 from './SCH002';
import SCH003 from './SCH003';
import SCH004 from './SCH004';
import SCH005 from './SCH005';
import SCH006 from './SCH006';

export const schRules = [SCH001, SCH002, SCH003, SCH004, SCH005, SCH006];
