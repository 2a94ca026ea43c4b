import { notBuilt } from './spec.ts';

export const command = notBuilt('redirects', 'write redirect maps for a web server', 6);
