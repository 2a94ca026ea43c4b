import { notBuilt } from './spec.ts';

export const command = notBuilt('markdown', 'write Markdown with YAML front matter', 5);
