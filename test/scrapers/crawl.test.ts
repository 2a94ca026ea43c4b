import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawlSite } from '../../src/scrapers/crawl.ts';
import { readArchive } from '../../src/scrapers/archive.ts';
import { startSite, testOptions, type Site } from './crawl-site.ts';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'naring-crawl-'));
}

async function archivedUrls(dir: string): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  for await (const r of readArchive(dir)) m.set(r.url, (m.get(r.url) ?? 0) + 1);
  return m;
}

function logLines(dir: string): Record<string, unknown>[] {
  return readFileSync(join(dir, 'crawl-log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

const SITE = {
  '/robots.txt': 'User-agent: *\nDisallow: /private/\nSitemap: http://blog.test/sitemap.xml\n',
  '/sitemap.xml': '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://blog.test/from-sitemap/</loc></url></urlset>',
  '/': `<html><head><link rel="alternate" type="application/rss+xml" href="/feed/"><link rel="next" href="/page/2/"></head><body>
    <a href="/post-a/">A</a> <a href="/post-b/?replytocom=12#respond">reply</a> <a href="/private/secret/">no</a>
    <a href="http://elsewhere.test/x/">out</a> <a href="/old-url/">old</a> <a href="/2201/01/">calendar</a>
    <a href="/wp-content/uploads/photo.jpg">photo</a> <img src="/wp-content/uploads/inline.png"></body></html>`,
  '/page/2/': '<a href="/post-a/">A again</a><a href="/page/9999/">far</a>',
  '/post-a/': '<a href="/gone/">gone</a>',
  '/post-b/': 'b',
  '/feed/': '<?xml version="1.0"?><rss version="2.0"><channel><link>http://blog.test/</link><item><link>http://blog.test/from-feed/</link><guid isPermaLink="false">http://blog.test/?p=7</guid><comments>http://blog.test/post-a/#comments</comments></item></channel></rss>',
  '/from-feed/': 'f',
  '/from-sitemap/': 's',
  '/private/secret/': 'should never be fetched',
  '/?p=7': ((_req, res) => { res.writeHead(301, { location: 'http://blog.test/from-feed/' }); res.end(); }) as import('./crawl-site.ts').Handler,
  '/old-url/': ((_req, res) => { res.writeHead(301, { location: 'http://blog.test/post-b/' }); res.end(); }) as import('./crawl-site.ts').Handler,
};

test('crawl follows links, feeds, sitemaps and redirects in scope, each URL archived once, and skips the rest with reasons', async () => {
  const site = await startSite(SITE);
  const dir = tmp();
  try {
    const result = await crawlSite(testOptions(site, dir, { maxPagination: 100 }));
    const urls = await archivedUrls(dir);
    const expected = ['/', '/?p=7', '/robots.txt', '/sitemap.xml', '/from-sitemap/', '/feed/', '/from-feed/', '/page/2/', '/post-a/', '/post-b/', '/old-url/', '/gone/'].map((p) => `http://blog.test${p}`);
    assert.deepEqual([...urls.keys()].sort(), expected.sort());
    for (const [u, n] of urls) assert.equal(n, 1, `${u} archived ${n} times`);
    // Never fetched: robots-disallowed, out of scope, the calendar trap, pagination past the bound, assets.
    const fetched = site.requests.map((r) => r.path);
    for (const p of ['/private/secret/', '/2201/01/', '/page/9999/', '/wp-content/uploads/photo.jpg', '/wp-content/uploads/inline.png']) assert.ok(!fetched.includes(p), `${p} was fetched`);
    assert.ok(!fetched.some((p) => p.includes('replytocom')), 'replytocom was sent');
    assert.equal(fetched.filter((p) => p === '/post-b/').length, 1);
    const skipped = new Map(logLines(dir).filter((l) => l.skipped).map((l) => [l.url, l.skipped]));
    assert.equal(skipped.get('http://blog.test/private/secret/'), 'robots.txt');
    assert.equal(skipped.get('http://elsewhere.test/x/'), 'out-of-scope');
    assert.equal(skipped.get('http://blog.test/2201/01/'), 'trap:calendar');
    assert.equal(skipped.get('http://blog.test/page/9999/'), 'trap:pagination');
    assert.equal(skipped.get('http://blog.test/wp-content/uploads/photo.jpg'), 'asset (add --assets)');
    assert.equal(result.summary.guards.replytocom, 1);
    assert.deepEqual(result.summary.clientErrors, [{ url: 'http://blog.test/gone/', status: 404 }]);
    assert.equal(result.summary.failed.length, 0);
    assert.equal(result.summary.complete, true);
    // The redirect is archived as a 301 with its Location, and the target was fetched as its own capture.
    let redirect: { status: number; headers: Record<string, string> } | undefined;
    for await (const r of readArchive(dir)) if (r.url === 'http://blog.test/old-url/') redirect = r;
    assert.equal(redirect?.status, 301);
    assert.equal(redirect?.headers.location, 'http://blog.test/post-b/');
    // Every request went out with the real Host although the socket went to 127.0.0.1 (--connect-to).
    assert.ok(site.requests.every((r) => r.headers.host === 'blog.test'));
    // The journal queues a page's links before it records the page, so a kill in between loses no URL.
    const journal = readFileSync(join(dir, 'crawl-state.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { t: string; url?: string; item?: { url: string; from: string | null } });
    const doneAt = new Map(journal.flatMap((j, i) => (j.t === 'done' ? [[j.url!, i] as const] : [])));
    for (const [i, j] of journal.entries()) {
      if (j.t === 'q' && j.item?.from) assert.ok(i < doneAt.get(j.item.from)!, `${j.item.url} queued after ${j.item.from} was recorded`);
    }
    assert.match(String(site.requests[0]!.headers['user-agent']), /naring-archive/);
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--assets also archives images and uploads the pages use', async () => {
  const site = await startSite(SITE);
  const dir = tmp();
  try {
    await crawlSite(testOptions(site, dir, { assets: true, maxPagination: 100 }));
    const urls = await archivedUrls(dir);
    assert.ok(urls.has('http://blog.test/wp-content/uploads/photo.jpg'));
    assert.ok(urls.has('http://blog.test/wp-content/uploads/inline.png'));
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--scope replaces the default scope, --include widens it and --exclude narrows it', async () => {
  const routes = {
    '/robots.txt': '',
    '/blog/': '<a href="/blog/a/">a</a><a href="/blog/feed/">feed</a><a href="/other/">other</a><a href="/extra/x/">extra</a>',
    '/blog/a/': 'a',
    '/blog/feed/': '<rss></rss>',
    '/other/': 'other',
    '/extra/x/': 'x',
  };
  const site = await startSite(routes);
  const dirs = [tmp(), tmp()];
  try {
    await crawlSite(testOptions(site, dirs[0]!, { startUrls: ['http://blog.test/blog/'] }));
    assert.deepEqual([...(await archivedUrls(dirs[0]!)).keys()].sort(), ['http://blog.test/blog/', 'http://blog.test/blog/a/', 'http://blog.test/blog/feed/', 'http://blog.test/robots.txt']);
    await crawlSite(testOptions(site, dirs[1]!, { startUrls: ['http://blog.test/blog/'], includes: [/\/extra\//], excludes: [/\/feed\/$/] }));
    const urls = [...(await archivedUrls(dirs[1]!)).keys()].sort();
    assert.ok(urls.includes('http://blog.test/extra/x/'));
    assert.ok(!urls.includes('http://blog.test/blog/feed/'));
    assert.ok(!urls.includes('http://blog.test/other/'));
  } finally {
    await site.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
});

test('--max-pages and --max-depth bound the crawl', async () => {
  const routes: Record<string, string> = { '/robots.txt': '' };
  for (let i = 0; i < 20; i++) routes[i === 0 ? '/' : `/p${i}/`] = `<a href="/p${i + 1}/">next</a>`;
  const site: Site = await startSite(routes);
  const dirs = [tmp(), tmp()];
  try {
    const r1 = await crawlSite(testOptions(site, dirs[0]!, { maxDepth: 3 }));
    assert.deepEqual([...(await archivedUrls(dirs[0]!)).keys()].sort(), ['/', '/p1/', '/p2/', '/p3/', '/robots.txt'].map((p) => `http://blog.test${p}`).sort());
    assert.equal(r1.summary.skipped['max-depth'], 1);
    const r2 = await crawlSite(testOptions(site, dirs[1]!, { maxPages: 6 }));
    assert.equal((await archivedUrls(dirs[1]!)).size, 6);
    assert.equal(r2.summary.stoppedBy, 'max-pages');
  } finally {
    await site.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
});
