import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawlSite } from '../../src/scrapers/crawl.ts';
import { HostLimiter } from '../../src/scrapers/crawl-politeness.ts';
import { startSite, testOptions } from './crawl-site.ts';

function pages(n: number, robots: string): Record<string, string> {
  const routes: Record<string, string> = { '/robots.txt': robots, '/': Array.from({ length: n }, (_, i) => `<a href="/p${i}/">${i}</a>`).join('') };
  for (let i = 0; i < n; i++) routes[`/p${i}/`] = `page ${i}`;
  return routes;
}

function minGap(times: number[]): number {
  let min = Infinity;
  for (let i = 1; i < times.length; i++) min = Math.min(min, times[i]! - times[i - 1]!);
  return min;
}

test('--rate spaces request starts per host', async () => {
  const site = await startSite(pages(5, ''));
  const dir = mkdtempSync(join(tmpdir(), 'naring-polite-'));
  try {
    await crawlSite(testOptions(site, dir, { rate: 10, concurrency: 4 }));
    const times = site.requests.map((r) => r.at);
    assert.equal(times.length, 8); // robots.txt, sitemap.xml probe, home, 5 pages
    // 10 req/s: starts 100 ms apart, so 8 requests span 700 ms (without the limiter, ~20 ms). Single gaps
    // are not checked: arrival times jitter on a busy machine while the limiter spaces the starts.
    assert.ok(times[times.length - 1]! - times[0]! >= 600, `span ${times[times.length - 1]! - times[0]!} ms, gaps ≥ ${minGap(times)} ms`);
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('robots.txt Crawl-delay slows a fast --rate down', async () => {
  const site = await startSite(pages(3, 'User-agent: *\nCrawl-delay: 0.3\n'));
  const dir = mkdtempSync(join(tmpdir(), 'naring-polite-'));
  try {
    await crawlSite(testOptions(site, dir, { rate: 1000 }));
    const times = site.requests.slice(1).map((r) => r.at); // after robots.txt itself
    assert.ok(times.length >= 4);
    assert.ok(times[times.length - 1]! - times[0]! >= 0.85 * 300 * (times.length - 1), `span ${times[times.length - 1]! - times[0]!} ms, gaps ≥ ${minGap(times)} ms`);
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--ignore-robots fetches what robots.txt disallows; by default it is skipped', async () => {
  const routes = { '/robots.txt': 'User-agent: *\nDisallow: /p1/\n', '/': '<a href="/p1/">1</a>', '/p1/': 'one' };
  const site = await startSite(routes);
  const dirs = [mkdtempSync(join(tmpdir(), 'naring-polite-')), mkdtempSync(join(tmpdir(), 'naring-polite-'))];
  try {
    await crawlSite(testOptions(site, dirs[0]!));
    assert.equal(site.requests.filter((r) => r.path === '/p1/').length, 0);
    await crawlSite(testOptions(site, dirs[1]!, { ignoreRobots: true }));
    assert.equal(site.requests.filter((r) => r.path === '/p1/').length, 1);
  } finally {
    await site.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
});

test('HostLimiter never has more than `concurrency` slots busy per host', async () => {
  const limiter = new HostLimiter(2, 0);
  let busy = 0;
  let peak = 0;
  await Promise.all(Array.from({ length: 10 }, async () => {
    const release = await limiter.acquire('h');
    busy++;
    peak = Math.max(peak, busy);
    await new Promise((r) => setTimeout(r, 5));
    busy--;
    release();
  }));
  assert.equal(peak, 2);
});
