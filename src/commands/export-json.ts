import { notBuilt } from './spec.ts';

export const command = notBuilt('json', 'write JSON (and JSON Lines)', 5);
