/**
 * Each theme site served by the replica server (src/replica/server.ts) the way a crawler meets it: starting
 * at `/` under the site's own name, every internal link answers 200, or 301 in one hop to a page that does;
 * posts reached by every truth URL; HTML Content-Type with the site's charset, or none for the Latin-1 site.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import * as cheerio from 'cheerio';
import { startReplica } from '../../src/replica/server.ts';
import { decodeHtml, loadSites } from './helpers.ts';

interface Reply {
  status: number;
  type: string;
  location: string | undefined;
  body: Buffer;
}

/** GET with the site's own Host header, as a crawler run with --connect-to would send it. */
function get(port: number, host: string, pathAndQuery: string): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path: pathAndQuery, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), location: res.headers.location, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

function links(reply: Reply): string[] {
  if (reply.type.startsWith('application/rss+xml')) {
    const $ = cheerio.load(reply.body.toString('utf8'), { xml: true });
    return $('item > link').map((_, el) => $(el).text()).get();
  }
  if (!reply.type.startsWith('text/html')) return [];
  const $ = cheerio.load(decodeHtml(reply.body));
  return $('a[href], link[href], img[src], script[src]').map((_, el) => $(el).attr('href') ?? $(el).attr('src') ?? '').get();
}

for (const site of loadSites()) {
  test(`${site.name}: served by the replica, every internal link from / answers 200 or one 301 to a 200`, async () => {
    const server = await startReplica({ root: site.siteDir });
    try {
      const siteUrl = new URL(site.server.siteUrl);
      const expectedType = site.server.htmlCharset === null ? 'text/html' : `text/html; charset=${site.server.htmlCharset}`;
      const seen = new Set<string>();
      const queue = ['/'];
      const problems: string[] = [];
      const pages: string[] = [];
      const redirectTargets = new Set<string>();
      while (queue.length) {
        const batch = queue.splice(0, 8).filter((p) => !seen.has(p));
        batch.forEach((p) => seen.add(p));
        const replies = await Promise.all(batch.map((p) => get(server.port, siteUrl.host, p)));
        batch.forEach((path, i) => {
          const r = replies[i]!;
          let final = r;
          if (r.status === 301) {
            if (redirectTargets.has(path)) problems.push(`${path}: a redirect that redirects again (chain)`);
            const loc = new URL(r.location ?? '', site.server.siteUrl);
            if (loc.host !== siteUrl.host) problems.push(`${path}: 301 off the site to ${r.location}`);
            const next = `${loc.pathname}${loc.search}`;
            redirectTargets.add(next);
            if (!seen.has(next)) queue.push(next);
            return;
          }
          if (final.status !== 200) return void problems.push(`${path}: ${final.status}`);
          if (final.type.startsWith('text/html')) {
            pages.push(path);
            if (final.type !== expectedType) problems.push(`${path}: Content-Type ${final.type}`);
          }
          for (const href of links(final)) {
            const u = new URL(href, `${site.server.siteUrl}${path}`);
            if (u.host !== siteUrl.host) continue;
            const key = `${u.pathname}${u.search}`;
            if (!seen.has(key) && !queue.includes(key)) queue.push(key);
          }
        });
      }
      assert.deepEqual(problems, []);
      // Every redirect of the site is linked from somewhere (shortlinks, old links in bodies) and was followed.
      assert.equal(redirectTargets.size, new Set(Object.values(site.server.redirects)).size, `${site.name}: redirects followed`);
      for (const p of site.truth.posts) {
        const u = new URL(p.url);
        const r = await get(server.port, siteUrl.host, `${u.pathname}${u.search}`);
        assert.equal(r.status, 200, `${p.url} answers 200`);
        assert.equal(cheerio.load(decodeHtml(r.body))('h1.entry-title').text(), p.title, `${p.url} serves its post`);
      }
      assert.ok(pages.length >= site.truth.posts.length + 10, `${site.name}: crawled ${pages.length} HTML pages`);
      const missing = await get(server.port, siteUrl.host, '/no-such-page/');
      assert.equal(missing.status, 404);
      assert.ok(missing.body.length > 500, 'the theme 404 page is served');
    } finally {
      await server.close();
    }
  });
}
