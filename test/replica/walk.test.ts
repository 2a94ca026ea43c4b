/**
 * Walks the committed replica through its server like a crawler with --assets: every in-scope link from
 * the portal home resolves (the one deliberate 404 aside), and the walked set is exactly site-urls.json.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startReplica, type ReplicaServer } from '../../src/replica/server.ts';
import type { UrlEntry } from '../../src/types.ts';
import { inScope, walkSite, type WalkEntry } from './walk-helpers.ts';

const siteUrls = JSON.parse(readFileSync(new URL('../../fixtures/site-urls.json', import.meta.url), 'utf8')) as UrlEntry[];

let server: ReplicaServer;
let walked: Map<string, WalkEntry>;

before(async () => {
  server = await startReplica();
  walked = await walkSite(server.origin);
});
after(() => server.close());

test('the walk reaches every blog, post and upload, with no dead internal link but the deliberate one', () => {
  const failures = [...walked.values()].filter((e) => e.status >= 400);
  assert.deepEqual(failures.map((e) => [e.url, e.status]), [[`http://www.naringsbloggen.se/innovation/dialogmoten/program-for-det-sista-dialogmotet/`, 404]]);
  assert.ok(walked.size > 600, `only ${walked.size} URLs walked`);
});

test('the walked set is exactly fixtures/site-urls.json, with the same statuses and redirect targets', () => {
  const expected = new Map(siteUrls.map((e) => [e.url, e]));
  const missing = [...expected.keys()].filter((u) => !walked.has(u));
  const extra = [...walked.keys()].filter((u) => !expected.has(u));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
  for (const w of walked.values()) {
    const e = expected.get(w.url)!;
    assert.equal(w.status, e.status, `status of ${w.url}`);
    if (w.status === 301) assert.equal(inScope(w.location!, w.url), e.target, `redirect target of ${w.url}`);
    assert.equal(w.asset, e.kind === 'upload', `${w.url} is an upload exactly when site-urls.json says so`);
  }
});

test('site-urls.json is sorted by url with unique entries and the key order of UrlEntry', () => {
  const urls = siteUrls.map((e) => e.url);
  assert.deepEqual(urls, [...urls].sort());
  assert.equal(new Set(urls).size, urls.length);
  for (const e of siteUrls) assert.deepEqual(Object.keys(e), ['url', 'kind', 'status', 'target']);
});

test('every shortlink and alias path in site-urls.json points at a post or page that is itself listed with 200', () => {
  const byUrl = new Map(siteUrls.map((e) => [e.url, e]));
  for (const e of siteUrls.filter((x) => x.target !== null)) {
    assert.equal(byUrl.get(e.target!)?.status, 200, `${e.url} → ${e.target}`);
  }
});
