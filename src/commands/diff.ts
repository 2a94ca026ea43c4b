import { notBuilt } from './spec.ts';

export const command = notBuilt('diff', 'compare two snapshots', 7);
