/**
 * --max-query-variants: the per-path bound on query strings. WordPress's ID parameters do not count, the
 * bound is in --help, and the counts come back from the journal on --resume (the same URLs are refused).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { Frontier } from '../../src/scrapers/crawl-frontier.ts';
import { createScope, queryVariant } from '../../src/scrapers/crawl-scope.ts';
import { addCrawlOptions, resolveCrawlOptions } from '../../src/scrapers/crawl-options.ts';
import type { Journal, LineLog, QueueItem } from '../../src/scrapers/crawl-journal.ts';

test('queryVariant leaves out WordPress IDs with whole-number values, nothing else', () => {
  assert.equal(queryVariant('http://h/?p=12'), null);
  assert.equal(queryVariant('http://h/?cat=3&paged=2'), null);
  assert.deepEqual(queryVariant('http://h/?tag=x&paged=2'), { path: 'http://h/', variant: 'tag=x' });
  assert.deepEqual(queryVariant('http://h/a/?s=12&orderby=3'), { path: 'http://h/a/', variant: 's=12&orderby=3' });
  assert.deepEqual(queryVariant('http://h/?p=abc'), { path: 'http://h/', variant: 'p=abc' });
  assert.equal(queryVariant('http://h/a/'), null);
});

function frontier(queued: QueueItem[], skips: string[]): Frontier {
  const scope = createScope({ startUrls: ['http://h/'], scopes: [], includes: [], excludes: [], maxPagination: 5000, minYear: 1990, maxYear: 2030 });
  const journal = { write: (j: { t: string; reason?: string }) => { if (j.t === 'skip') skips.push(j.reason!); } } as unknown as Journal;
  return new Frontier({ scope, hosts: new Set(['h']), robots: new Map(), assets: false, maxDepth: null, maxQueryVariants: 3, journal, crawlLog: { write() {} } as unknown as LineLog, log: () => {}, seen: queued.map((q) => q.url), counted: queued.filter((q) => !q.sitemap && !q.probe).map((q) => q.url), pending: [], guards: new Map() });
}

test('a path takes --max-query-variants query strings; IDs and other paths are not held back', () => {
  const skips: string[] = [];
  const f = frontier([], skips);
  for (let i = 0; i < 5; i++) f.add(`/?s=${i}`, 'http://h/', null, 1);
  for (let i = 0; i < 5; i++) f.add(`/?p=${i + 1}`, 'http://h/', null, 1);
  f.add('/b/?s=1', 'http://h/', null, 1);
  assert.equal(f.pending, 3 + 5 + 1);
  assert.deepEqual(skips, ['trap:query-variants', 'trap:query-variants']);
});

test('--resume: the counts are rebuilt from the queued URLs of the journal', () => {
  const queued = [0, 1, 2].map((i) => ({ url: `http://h/?s=${i}`, from: 'http://h/', depth: 1 }));
  const skips: string[] = [];
  const f = frontier(queued, skips);
  f.add('/?s=9', 'http://h/', null, 1);
  f.add('/?s=1&paged=4', 'http://h/', null, 1); // the variant s=1 is queued already
  assert.deepEqual(skips, ['trap:query-variants']);
  assert.equal(f.pending, 1);
});

test('--max-query-variants is in --help with its default, and is validated', () => {
  assert.match(addCrawlOptions(new Command()).helpInformation().replace(/\s+/g, ' '), /--max-query-variants <n> .*?floods.*?\(default: "1000"\)/);
  assert.equal(resolveCrawlOptions(['http://h/'], {}, '/tmp/x').maxQueryVariants, 1000);
  assert.throws(() => resolveCrawlOptions(['http://h/'], { maxQueryVariants: '0' }, '/tmp/x'), /--max-query-variants "0": expected a whole number of at least 1/);
});
