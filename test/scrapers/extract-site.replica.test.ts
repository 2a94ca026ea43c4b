/**
 * The extract pipeline on the replica of Näringsbloggen: every URL of fixtures/site-urls.json is fetched
 * through the replica server, as a crawl would archive it, and the result is compared with the ground
 * truth field by field: posts.json with fixtures/EXPECTED.json, pages.json with EXPECTED-pages.json,
 * urls.json with site-urls.json. `provenance` and `capture` are the extractor's own bookkeeping (the truth
 * leaves them empty) and are checked for presence only. contentMarkdown is compared exactly.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PostRecord, UrlEntry } from '../../src/types.ts';
import { extractSite, type ExtractResult } from '../../src/scrapers/extract-site.ts';
import { fetchSite } from './extract/site-folder.ts';

const FIX = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const readJson = <T>(name: string): T => JSON.parse(readFileSync(`${FIX}${name}`, 'utf8')) as T;

let result: ExtractResult;

before(async () => {
  const urls = readJson<UrlEntry[]>('site-urls.json').map((u) => u.url);
  // robots.txt is fetched by every polite crawler, so the archive holds it too.
  const responses = await fetchSite(`${FIX}site`, [...urls, 'http://www.naringsbloggen.se/robots.txt']);
  result = await extractSite(responses);
});

/** Field-by-field differences, one line each, so a failure says exactly what is wrong where. */
function differences(got: PostRecord[], expected: PostRecord[]): string[] {
  const out: string[] = [];
  const byUrl = new Map(got.map((p) => [p.url, p]));
  for (const e of expected) {
    const g = byUrl.get(e.url);
    if (!g) {
      out.push(`${e.url}: missing`);
      continue;
    }
    for (const key of Object.keys(e) as (keyof PostRecord)[]) {
      if (key === 'provenance' || key === 'capture') continue;
      if (JSON.stringify(g[key]) !== JSON.stringify(e[key])) out.push(`${e.url}: ${key}: got ${JSON.stringify(g[key]).slice(0, 300)} expected ${JSON.stringify(e[key]).slice(0, 300)}`);
    }
  }
  const known = new Set(expected.map((e) => e.url));
  for (const g of got) if (!known.has(g.url)) out.push(`${g.url}: not in the truth`);
  return out;
}

test('posts.json matches fixtures/EXPECTED.json on every field of every post', () => {
  const diffs = differences(result.posts, readJson<PostRecord[]>('EXPECTED.json'));
  assert.deepEqual(diffs, [], `${diffs.length} differences:\n${diffs.slice(0, 40).join('\n')}`);
});

test('pages.json matches fixtures/EXPECTED-pages.json', () => {
  const diffs = differences(result.pages, readJson<PostRecord[]>('EXPECTED-pages.json'));
  assert.deepEqual(diffs, [], diffs.join('\n'));
});

test('urls.json matches fixtures/site-urls.json (robots.txt left out)', () => {
  const expected = readJson<UrlEntry[]>('site-urls.json');
  const got = new Map(result.urls.map((u) => [u.url, u]));
  const diffs: string[] = [];
  for (const e of expected) {
    const g = got.get(e.url);
    if (JSON.stringify(g) !== JSON.stringify(e)) diffs.push(`got ${JSON.stringify(g)} expected ${JSON.stringify(e)}`);
  }
  for (const u of result.urls) if (!expected.some((e) => e.url === u.url)) diffs.push(`extra ${JSON.stringify(u)}`);
  assert.deepEqual(diffs, [], diffs.slice(0, 30).join('\n'));
});

test('every field of every record names its source in provenance, and the body its capture', () => {
  for (const p of result.posts) {
    for (const field of ['title', 'excerpt', 'categories', 'commentCount', 'published', 'author', 'contentMarkdown']) {
      assert.ok(p.provenance[field], `${p.url}: no provenance for ${field}`);
    }
    assert.ok(p.capture?.payloadDigest.startsWith('sha1:TEST'), `${p.url}: capture missing`);
    const cap = p.capture!;
    assert.ok(cap.url === p.url || p.aliases.includes(cap.url), `${p.url}: capture URL ${cap.url} is not one of the post's URLs`);
  }
  // The innovation blog shows counts (nothing for zero), the 2016 blogs none: provenance says which.
  const zero = result.posts.find((p) => p.blog === 'innovation' && p.commentCount === 0)!;
  assert.match(zero.provenance.commentCount!, /none-shown|invite/);
  const never = result.posts.find((p) => p.blog === 'livsmedel')!;
  assert.equal(never.provenance.commentCount, 'blog-never-shows-counts');
});

test('the report is clean on the replica, and no closure notice or share line reaches a body', () => {
  assert.deepEqual(result.report.problems, []);
  assert.deepEqual(result.report.disagreements, []);
  for (const p of result.posts) assert.doesNotMatch(p.contentMarkdown, /kommer att upphöra|^Share:?$/m, p.url);
});
