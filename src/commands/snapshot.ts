import { notBuilt } from './spec.ts';

export const command = notBuilt('snapshot', 'crawl, extract and export everything into one folder', 7);
