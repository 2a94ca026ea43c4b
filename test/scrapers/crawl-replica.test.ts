import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica } from '../../src/replica/server.ts';
import { crawlSite } from '../../src/scrapers/crawl.ts';
import { readArchive } from '../../src/scrapers/archive.ts';
import { ROOT } from '../helpers/cli.ts';
import type { UrlEntry } from '../../src/types.ts';
import { testOptions } from './crawl-site.ts';

const SITE_URLS = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'site-urls.json'), 'utf8')) as UrlEntry[];
const ROBOTS = 'http://www.naringsbloggen.se/robots.txt';

// One crawl, without --assets (the default a user runs); that --assets adds uploads is shown on a small site
// in crawl.test.ts, which keeps this file to one pass over the replica's 630 URLs.
async function crawlReplica(assets: boolean): Promise<{ urls: Map<string, number>; statuses: Map<string, number> }> {
  const replica = await startReplica();
  const dir = mkdtempSync(join(tmpdir(), 'naring-replica-'));
  try {
    const site = { origin: replica.origin, port: replica.port, requests: [], connections: () => 0, close: replica.close };
    const result = await crawlSite(testOptions(site, dir, {
      startUrls: ['http://www.naringsbloggen.se/'],
      connectTo: [{ host: 'www.naringsbloggen.se', port: 80, addr: '127.0.0.1', addrPort: replica.port }],
      concurrency: 4, rate: 10_000, assets,
    }));
    assert.equal(result.summary.failed.length, 0, JSON.stringify(result.summary.failed));
    const urls = new Map<string, number>();
    const statuses = new Map<string, number>();
    for await (const r of readArchive(dir)) {
      urls.set(r.url, (urls.get(r.url) ?? 0) + 1);
      statuses.set(r.url, r.status);
    }
    return { urls, statuses };
  } finally {
    await replica.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function diff(got: string[], want: string[]): string {
  const g = new Set(got);
  const w = new Set(want);
  return `missing: ${want.filter((u) => !g.has(u)).slice(0, 10).join(' ')}\nextra: ${got.filter((u) => !w.has(u)).slice(0, 10).join(' ')}`;
}

test('a crawl of the replica archives exactly the pages of site-urls.json (robots.txt besides), none twice, with their statuses', async () => {
  const want = SITE_URLS.filter((e) => e.kind !== 'upload');
  const { urls, statuses } = await crawlReplica(false);
  const got = [...urls.keys()].filter((u) => u !== ROBOTS).sort();
  assert.deepEqual(got, want.map((e) => e.url).sort(), diff(got, want.map((e) => e.url)));
  for (const [u, n] of urls) assert.equal(n, 1, `${u} archived ${n} times`);
  for (const e of want) assert.equal(statuses.get(e.url), e.status, e.url);
});
