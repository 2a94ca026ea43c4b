#!/usr/bin/env node
// Runs every test/**/*.test.ts on Node's own runner with the tsx loader.
// Node 20's --test does not expand globs or pick up .ts files by itself, so we list them here.
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...collect(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filter = process.argv.slice(2);
// The runner starts files in this order as its two slots free. Sorted by path, the longest file
// (replica-snapshots, about 90 s of full demo and snapshot runs) started last and ran alone at the end;
// the files known to take longest go first so the rest fill in beside them (longest first). A file
// missing from this list runs in path order after them; a name here that no longer exists is ignored.
const SLOW_FIRST = [
  'test/snapshot/replica-snapshots.test.ts',
  'test/scrapers/sources/replica-sources.test.ts',
  'test/corpora/corpora.test.ts',
  'test/exporters/redirects/catch-all-servers.test.ts',
  'test/scrapers/crawl-extract.test.ts',
  'test/scrapers/sources/wayback-resume.test.ts',
  'test/exporters/redirects/servers.test.ts',
  'test/snapshot/browser.test.ts',
];
const rank = (f) => {
  const i = SLOW_FIRST.indexOf(f.split(sep).join('/'));
  return i < 0 ? SLOW_FIRST.length : i;
};
const files = collect('test')
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .map((f, i) => ({ f, i }))
  .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
  .map(({ f }) => f);
if (files.length === 0) {
  console.error(`no test files match ${filter.join(' ')}`);
  process.exit(2);
}
const reporter = process.env.TEST_REPORTER ?? 'spec';
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-reporter=${reporter}`, '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
