import { notBuilt } from './spec.ts';

export const command = notBuilt('extract', 'turn a crawl archive into one record per post', 4);
