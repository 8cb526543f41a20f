import GPU001 from './GPU001';
import GPU002 from './GPU002';
import GPU003 from './GPU003';
import GPU004 from './GPU004';
import GPU005 from './GPU005';

export const gpuRules = [GPU001, GPU002, GPU003, GPU004, GPU005];
