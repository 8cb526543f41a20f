import NET001 from './NET001';
import NET002 from './NET002';

export const netRules = [NET001, NET002];
