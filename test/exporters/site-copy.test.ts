/** The browsable copy's planner and page rewriter on a small hand-made archive. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { planSite, wantedPath } from '../../src/exporters/site-copy/paths.ts';
import { rewritePage } from '../../src/exporters/site-copy/rewrite.ts';
import type { ArchivedEntry } from '../../src/exporters/site-copy/types.ts';

const H = 'http://www.naringsbloggen.se';
const e = (url: string, status = 200, mime = 'text/html', location: string | null = null): ArchivedEntry => ({ url, status, mime, location, date: '2017-12-30T10:00:00Z' });

test('site copy: every URL gets a file a static server and a file browser both open', () => {
  const m = 'www.naringsbloggen.se';
  assert.equal(wantedPath(`${H}/`, 'text/html', m), 'index.html');
  assert.equal(wantedPath(`${H}/innovation/eu/ett-%E2%80%93-tva/`, 'text/html; charset=UTF-8', m), 'innovation/eu/ett-–-tva/index.html');
  assert.equal(wantedPath(`${H}/innovation/om`, 'text/html', m), 'innovation/om/index.html');
  assert.equal(wantedPath(`${H}/innovation/feed/`, 'application/rss+xml', m), 'innovation/feed/index.xml');
  assert.equal(wantedPath(`${H}/files/2013/06/bild.JPG`, 'image/jpeg', m), 'files/2013/06/bild.jpg');
  assert.equal(wantedPath(`${H}/innovation/?p=7`, 'text/html', m), 'innovation/index@p=7.html');
  assert.match(wantedPath(`${H}/?s=å%20ä`, 'text/html', m), /^index@s=___-[0-9a-f]{8}\.html$/);
  assert.equal(wantedPath('http://naringsbloggen.se/x/', 'text/html', m), '_hosts/naringsbloggen.se/x/index.html');
  // Nothing climbs out of the copy or hides as a dot file.
  assert.doesNotMatch(wantedPath(`${H}/a/..%2F..%2Fetc/`, 'text/html', m), /(^|\/)\.\.?(\/|$)/);
});

const plan = planSite([
  e(`${H}/`), e(`${H}/innovation/eu/ett/`), e(`${H}/innovation/eu/tva/`),
  e(`${H}/innovation/?p=7`, 301, 'text/html', '/innovation/eu/tva/'),
  e(`${H}/files/bild.png`, 200, 'image/png'), e(`${H}/gone/`, 404),
], 'www.naringsbloggen.se');

test('site copy: links and images are rewritten on the parsed page; missing ones are marked; outside scripts go', () => {
  const html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><base href="${H}/innovation/">
<script src="https://www.google-analytics.com/ga.js"></script></head><body>
<a id="a1" href="eu/tva/#comments">tvåan</a>
<a id="a2" href="${H}/innovation/?p=7">kortlänk</a>
<a id="a3" href="/gone/">borta</a>
<a id="a4" href="eu/tva/?replytocom=5#respond">svara</a>
<a id="a5" href="https://www.regeringen.se/">regeringen</a>
<a id="a6" href="mailto:a@b.se">post</a>
<img id="i1" src="${H}/files/bild.png" srcset="${H}/files/bild.png 1x, ${H}/files/stor.png 2x">
<img id="i2" src="/files/saknas.png" alt="saknas">
<p>Text med &lt;taggar&gt; och ${'<'}!-- en kommentar --></p></body></html>`;
  const { html: out, stats } = rewritePage(html, plan, { url: `${H}/innovation/eu/ett/`, path: 'innovation/eu/ett/index.html', capturedAt: '2017-12-30T10:00:00Z', tool: 'naring-archive 9' });
  const $ = load(out);
  assert.equal($('#a1').attr('href'), '../tva/index.html#comments');
  assert.equal($('#a2').attr('href'), '../tva/index.html', 'an archived redirect leads to its target');
  assert.equal($('#a3').attr('href'), '../../../_naring-archive/not-archived.html');
  assert.equal($('#a3').attr('data-archive-missing'), '');
  assert.equal($('#a3').attr('title'), `Not in the archive: ${H}/gone/`);
  assert.equal($('#a4').attr('href'), '../tva/index.html#respond', 'a reply link means the post itself');
  assert.equal($('#a5').attr('href'), 'https://www.regeringen.se/');
  assert.equal($('#a6').attr('href'), 'mailto:a@b.se');
  assert.equal($('#i1').attr('src'), '../../../files/bild.png');
  assert.equal($('#i1').attr('srcset'), '../../../files/bild.png 1x');
  assert.equal($('#i2').attr('src'), '../../../_naring-archive/not-archived.svg');
  assert.equal($('script[src]').length, 0, 'a tracker from another host would call home from the archive');
  assert.equal($('base').length, 0);
  assert.equal($('meta[http-equiv]').length, 0);
  assert.equal($('meta[charset]').attr('charset'), 'utf-8', 'the copy is written as UTF-8 and says so');
  assert.equal($('p').text(), 'Text med <taggar> och ');
  const banner = $('#naring-archive-banner');
  assert.match(banner.text(), /archived copy of http:\/\/www\.naringsbloggen\.se\/innovation\/eu\/ett\/, captured 2017-12-30 by naring-archive 9/);
  assert.equal(banner.find('a').first().attr('href'), '../../../index.html');
  // a1, a2, a4 and i1 (srcset candidates are not counted); a3 and i2; the tracker and regeringen.se.
  assert.deepEqual(stats, { rewritten: 4, missing: 2, external: 2 });
});

test('site copy: the page URL in the banner stays text even when it holds markup', () => {
  const url = `${H}/x/"><script>alert(1)</script>/`;
  const { html } = rewritePage('<p>x</p>', plan, { url, path: 'x/index.html', capturedAt: '2017-12-30', tool: 't' });
  const $ = load(html);
  assert.equal($('script').length, 0);
  assert.ok($('#naring-archive-banner cite').text() === url);
});

test('site copy: a Latin-1 page (the Danish Twenty Ten theme) is written as UTF-8 that says so, æ, ø and å intact', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { decodeBody } = await import('../../src/scrapers/charset.ts');
  const { ROOT } = await import('../helpers/cli.ts');
  const bytes = readFileSync(join(ROOT, 'fixtures', 'themes', 'twentyten-da-latin1', 'site', 'index.html'));
  // The composition (src/snapshot/site-export.ts) decodes with extract's charset rules, then rewrites.
  const { html } = rewritePage(decodeBody(bytes, 'text/html'), plan, { url: `${H}/`, path: 'index.html', capturedAt: '2017-12-30', tool: 't' });
  const $ = load(html);
  assert.equal($('meta[charset]').length, 1);
  assert.equal($('meta[http-equiv]').length, 0, 'the ISO-8859-1 declaration would make a browser misread the UTF-8 bytes');
  assert.ok(html.includes('Cykelnørden'));
  for (const ch of ['æ', 'å']) assert.ok($('body').text().includes(ch), ch);
  assert.ok(!html.includes('\ufffd'), 'no replacement characters');
});
