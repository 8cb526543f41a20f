import SUP001 from './SUP001';
import SUP002 from './SUP002';

export const supRules = [SUP001, SUP002];
