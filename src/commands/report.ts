import { notBuilt } from './spec.ts';

export const command = notBuilt('report', 'one HTML page about the migration', 7);
