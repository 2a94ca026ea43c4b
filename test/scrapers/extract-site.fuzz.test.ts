/**
 * Bad pages are data, not crashes: arbitrary fragments of WordPress-ish markup, broken URLs, bad dates,
 * redirects to nowhere and feeds that are not feeds must never make extractSite throw, and every record it
 * does produce must have a non-empty title.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ArchivedResponse } from '../../src/types.ts';
import { extractSite } from '../../src/scrapers/extract-site.ts';

const PIECES = [
  '<html>', '<body class="single postid-3">', '<body class="home blog">', '<body class="page page-id-2">', '<article class="post hentry">',
  '<h1 class="entry-title">', 'Titel', '</h1>', '<div class="entry-content">', '<p>', 'text ', '</p>', '<a href="http://[bad">', '</a>',
  '<a rel="category tag" href="/category/a/">A</a>', '<time class="published" datetime="2013-99-99T00:00">', '<link rel="canonical" href="::::">',
  '<link rel="shortlink" href="/?p=abc">', '<!--', '-->', '<table><tr><td>', '<figure><img src="">', '<figcaption>Foto:', '</figure>',
  '<li class="comment" id="comment-1">', '<ul class="children">', '&#xFFFFFF;', '<script>', '</script>', '\u0000',
  '<h2 class="entry-title"><a href="/p/">P</a></h2>', '<a href="#comments">x kommentarer</a>', '<rss><channel><item><link>',
];

const response = fc.record({
  path: fc.constantFrom('', 'a/', 'p/', '?p=3', 'feed/', 'category/a/', 'page/2/', '%E2%80%93/'),
  status: fc.constantFrom(200, 200, 200, 301, 404, 500),
  type: fc.constantFrom('text/html', 'application/rss+xml', 'image/png', ''),
  location: fc.constantFrom('http://f.test/p/', '::bad', '/a/', ''),
  body: fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join('')),
});

test('extractSite never throws on broken pages, and a record without a title is always an error in the report', async () => {
  await fc.assert(fc.asyncProperty(fc.array(response, { minLength: 1, maxLength: 6 }), async (rs) => {
    const input: ArchivedResponse[] = rs.map((r, i) => ({
      url: `http://f.test/${r.path}`, status: r.status, headers: { 'content-type': r.type, location: r.location },
      body: Buffer.from(r.body), date: '', recordId: String(i), payloadDigest: '',
    }));
    const result = await extractSite(input);
    for (const p of [...result.posts, ...result.pages]) {
      if (!p.title.trim()) assert.ok(result.report.problems.some((x) => x.url === p.url && x.severity === 'error' && /missing title/.test(x.reason)), p.url);
    }
  }), { numRuns: 150, seed: 20180115 });
});
