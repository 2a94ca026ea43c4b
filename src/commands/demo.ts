import { notBuilt } from './spec.ts';

export const command = notBuilt('demo', 'serve the bundled replica on 127.0.0.1 and run the whole job on it', 2);
