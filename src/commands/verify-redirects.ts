import { notBuilt } from './spec.ts';

export const command = notBuilt('verify-redirects', 'check redirects against a running server', 6);
