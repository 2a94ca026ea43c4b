import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WARCParser } from 'warcio';
import { crawlSite } from '../../src/scrapers/crawl.ts';
import { openArchiveIndex, readArchive } from '../../src/scrapers/archive.ts';
import { startSite, testOptions, type Handler } from './crawl-site.ts';

test('--since sends If-None-Match / If-Modified-Since, stores a 304 as a revisit, and the new folder alone yields full pages', async () => {
  let version = 1;
  const etagged = (name: string, changes: boolean): Handler => (req, res) => {
    const etag = `"${name}-${changes ? version : 1}"`;
    if (req.headers['if-none-match'] === etag) { res.writeHead(304, { etag }); res.end(); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag, 'last-modified': 'Tue, 05 Jun 2013 10:00:00 GMT' });
    res.end(`<p>${name} v${changes ? version : 1} – åäö</p><a href="/a/">a</a><a href="/b/">b</a>`);
  };
  const site = await startSite({ '/robots.txt': '', '/': etagged('home', false), '/a/': etagged('a', false), '/b/': etagged('b', true) });
  const first = mkdtempSync(join(tmpdir(), 'naring-since-'));
  const second = mkdtempSync(join(tmpdir(), 'naring-since-'));
  try {
    await crawlSite(testOptions(site, first));
    version = 2;
    const before = site.requests.length;
    await crawlSite(testOptions(site, second, { since: first }));
    const conditional = site.requests.slice(before).filter((r) => r.path === '/a/');
    assert.equal(conditional[0]?.headers['if-none-match'], '"a-1"');
    assert.equal(conditional[0]?.headers['if-modified-since'], 'Tue, 05 Jun 2013 10:00:00 GMT');

    const pages = new Map<string, { status: number; body: string; n: number }>();
    for await (const r of readArchive(second)) {
      const prev = pages.get(r.url);
      pages.set(r.url, { status: r.status, body: r.body.toString('utf8'), n: (prev?.n ?? 0) + 1 });
    }
    assert.equal(pages.get('http://blog.test/a/')?.status, 200);
    assert.match(pages.get('http://blog.test/a/')!.body, /a v1 – åäö/);
    assert.match(pages.get('http://blog.test/b/')!.body, /b v2/);
    for (const [u, p] of pages) assert.equal(p.n, 1, `${u} yielded ${p.n} times`);

    const revisits: Record<string, string>[] = [];
    for await (const rec of new WARCParser(createReadStream(join(second, 'archive', 'crawl-00000.warc.gz')))) {
      const h = rec.warcHeaders.headers;
      if (rec.warcType === 'revisit') revisits.push(Object.fromEntries(['WARC-Target-URI', 'WARC-Profile', 'WARC-Refers-To', 'WARC-Refers-To-Date', 'WARC-Payload-Digest'].map((k) => [k, h.get(k) ?? ''])));
      await rec.readFully(false);
    }
    assert.deepEqual(revisits.map((h) => h['WARC-Target-URI']).sort(), ['http://blog.test/', 'http://blog.test/a/']);
    for (const h of revisits) {
      assert.equal(h['WARC-Profile'], 'http://netpreserve.org/warc/1.1/revisit/server-not-modified');
      assert.ok(h['WARC-Refers-To-Date'] && h['WARC-Refers-To'] && h['WARC-Payload-Digest']);
    }
    const index = await openArchiveIndex(second);
    assert.match((await index.get('http://blog.test/a/'))!.body.toString('utf8'), /a v1/);
  } finally {
    await site.close();
    rmSync(first, { recursive: true, force: true });
    rmSync(second, { recursive: true, force: true });
  }
});
