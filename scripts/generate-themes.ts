/**
 * Regenerates every theme fixture site from its data file:
 *   node --import tsx scripts/generate-themes.ts [name...]
 * reads fixtures/themes/<name>/data.yaml and rewrites fixtures/themes/<name>/{site/,truth.json,README.md}.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { generateThemeSite } from '../src/replica/themes/generate.ts';
import type { SiteData } from '../src/replica/themes/types.ts';

const root = join(import.meta.dirname, '..', 'fixtures', 'themes');
const wanted = process.argv.slice(2);
const names = readdirSync(root).filter((n) => existsSync(join(root, n, 'data.yaml'))).sort();
for (const name of wanted.length ? wanted : names) {
  const dir = join(root, name);
  const data = parse(readFileSync(join(dir, 'data.yaml'), 'utf8')) as SiteData;
  const { files } = generateThemeSite(data, dir);
  console.error(`${name}: ${files} files`);
}
