import { notBuilt } from './spec.ts';

export const command = notBuilt('crawl', 'walk a site politely and keep every response in a WARC archive', 3);
