import { notBuilt } from './spec.ts';

export const command = notBuilt('csv', 'write a CSV for editors', 5);
