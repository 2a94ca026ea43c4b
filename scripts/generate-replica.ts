/**
 * `npm run fixtures`: regenerates the committed replica (fixtures/site/), its ground truth
 * (fixtures/EXPECTED.json, fixtures/EXPECTED-pages.json) and the URL inventory (fixtures/site-urls.json).
 *
 * A benchmark site elsewhere: `node --import tsx scripts/generate-replica.ts --out DIR --posts 50000`
 * (only the site folder is written unless --truth is given).
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { generateSite } from '../src/replica/generate.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const USAGE = `usage: npm run fixtures                      regenerate fixtures/site, EXPECTED*.json, site-urls.json
       node --import tsx scripts/generate-replica.ts --out DIR [--posts N] [--seed S] [--truth]
         --posts N   add N synthetic posts (70 % innovation, 10 % each other blog), e.g. --posts 50000
         --truth     also write expected.json, expected-pages.json and site-urls.json into DIR
`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const out = arg('--out');
  const posts = arg('--posts');
  const seed = arg('--seed');
  if (posts !== undefined && !/^\d+$/.test(posts)) throw new Error(`--posts "${posts}": expected a number of synthetic posts, e.g. --posts 50000`);
  if (seed !== undefined && !/^\d+$/.test(seed)) throw new Error(`--seed "${seed}": expected a whole number, e.g. --seed 2018`);
  const fixtures = join(ROOT, 'fixtures');
  const truthDir = out === undefined ? fixtures : process.argv.includes('--truth') ? out : undefined;
  const started = process.hrtime.bigint();
  const result = await generateSite({
    outDir: out ?? join(fixtures, 'site'),
    syntheticPosts: posts === undefined ? undefined : Number(posts),
    seed: seed === undefined ? undefined : Number(seed),
    expectedPath: truthDir && join(truthDir, out === undefined ? 'EXPECTED.json' : 'expected.json'),
    expectedPagesPath: truthDir && join(truthDir, out === undefined ? 'EXPECTED-pages.json' : 'expected-pages.json'),
    siteUrlsPath: truthDir && join(truthDir, out === undefined ? 'site-urls.json' : 'site-urls.json'),
  });
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  process.stderr.write(`replica: ${result.posts} posts, ${result.files} files, ${result.urls} URLs in the inventory (${secs.toFixed(1)} s)\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`generate-replica: ${(err as Error).message}\n`);
  process.exit(2);
});
