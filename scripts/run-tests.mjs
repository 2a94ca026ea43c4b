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
// The runner starts files in this order as its two slots free. Sorted by path, the snapshot files
// (about 85 s between them) started last and ran alone at the end. The files measured longest (one timed
// run per file on a quiet machine, seconds in the comments) go first so the rest fill in beside them. A file
// missing from this list runs in path order after them; a name here that no longer exists is ignored.
const SLOW_FIRST = [
  'test/reliability/reliability.test.ts', // 60
  'test/scrapers/sources/replica-sources.test.ts', // 56
  'test/snapshot/replica-snapshots.test.ts', // 46
  'test/snapshot/browser.test.ts', // 39
  'test/corpora/corpora.test.ts', // 37
  'test/scrapers/crawl-extract.test.ts', // 31
  'test/scrapers/sources/wayback-resume.test.ts', // 31
  'test/snapshot/snapshot-cli.test.ts', // 20
  'test/snapshot/report.test.ts', // 18
  'test/scrapers/sources/corpora-mirror.test.ts', // 14
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
