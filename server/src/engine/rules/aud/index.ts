import AUD001 from './AUD001';
import AUD002 from './AUD002';
import AUD003 from './AUD003';
import AUD004 from './AUD004';
import AUD005 from './AUD005';
import AUD006 from './AUD006';
import AUD007 from './AUD007';

export const audRules = [AUD001, AUD002, AUD003, AUD004, AUD005, AUD006, AUD007];
