// DEP — deployment files: how the secrets and containers of ThemisDB services are set up.
import DEP001 from './DEP001';
import DEP002 from './DEP002';
import DEP003 from './DEP003';
import DEP004 from './DEP004';
import DEP005 from './DEP005';
import DEP006 from './DEP006';

export const depRules = [DEP001, DEP002, DEP003, DEP004, DEP005, DEP006];
