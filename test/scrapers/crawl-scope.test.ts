import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanUrl, createScope, defaultScope, trapReason } from '../../src/scrapers/crawl-scope.ts';
import { findHtmlLinks, findXmlLinks } from '../../src/scrapers/crawl-links.ts';

const bounds = { maxPagination: 50, minYear: 1990, maxYear: 2027 };

test('cleanUrl drops replytocom, session ids and utm_* and says which', () => {
  assert.deepEqual(cleanUrl('http://h.se/a/?replytocom=5#respond'), { url: 'http://h.se/a/', dropped: ['replytocom'] });
  assert.deepEqual(cleanUrl('http://h.se/a/?p=7&PHPSESSID=abc&utm_source=x'), { url: 'http://h.se/a/?p=7', dropped: ['phpsessid', 'utm_*'] });
  assert.deepEqual(cleanUrl('/b/?s=kaffe', 'http://h.se/a/'), { url: 'http://h.se/b/?s=kaffe', dropped: [] });
  assert.equal(cleanUrl('HTTP://H.SE:80/x/%e2%80%93/').url, 'http://h.se/x/%E2%80%93/');
  assert.equal(cleanUrl('mailto:a@b.se').url, null);
});

test('trap guards: calendars, pagination, repeated segments, very long paths; ordinary URLs pass', () => {
  assert.equal(trapReason('http://h.se/innovation/2012/03/', bounds), null);
  assert.equal(trapReason('http://h.se/innovation/page/50/', bounds), null);
  assert.equal(trapReason('http://h.se/innovation/om-innovation/ett-inlagg/', bounds), null);
  assert.equal(trapReason('http://h.se/innovation/2031/01/', bounds), 'trap:calendar');
  assert.equal(trapReason('http://h.se/innovation/1970/', bounds), 'trap:calendar');
  assert.equal(trapReason('http://h.se/innovation/2012/13/', bounds), 'trap:calendar');
  assert.equal(trapReason('http://h.se/?m=209901', bounds), 'trap:calendar');
  assert.equal(trapReason('http://h.se/?m=yesterday', bounds), 'trap:calendar');
  assert.equal(trapReason('http://h.se/?m=201203', bounds), null);
  assert.equal(trapReason('http://h.se/innovation/page/51/', bounds), 'trap:pagination');
  assert.equal(trapReason('http://h.se/?paged=51', bounds), 'trap:pagination');
  assert.equal(trapReason('http://h.se/a/b/a/b/', bounds), 'trap:repeated-segment');
  assert.equal(trapReason('http://h.se/x/x/x/', bounds), 'trap:repeated-segment');
  assert.equal(trapReason(`http://h.se/${'d/'.repeat(1).concat(Array.from({ length: 31 }, (_, i) => `s${i}/`).join(''))}`, bounds), 'trap:deep-path');
  assert.equal(trapReason(`http://h.se/${'a'.repeat(2100)}/`, bounds), 'trap:long-url');
});

test('scope: default is the start URL\'s folder; --scope replaces it; include widens; exclude wins', () => {
  assert.equal(defaultScope('http://h.se/innovation/'), 'http://h.se/innovation/');
  assert.equal(defaultScope('http://h.se/innovation/post/x'), 'http://h.se/innovation/post/');
  const s = createScope({ startUrls: ['http://h.se/innovation/'], scopes: [], includes: [/\/livsmedel\/om\//], excludes: [/\/feed\/$/], ...bounds });
  assert.equal(s.check('http://h.se/innovation/a/'), null);
  assert.equal(s.check('http://h.se/transport/'), 'out-of-scope');
  assert.equal(s.check('https://h.se/innovation/a/'), 'out-of-scope');
  assert.equal(s.check('http://h.se/livsmedel/om/'), null);
  assert.equal(s.check('http://h.se/innovation/feed/'), 'excluded');
  const wide = createScope({ startUrls: ['http://h.se/innovation/'], scopes: ['http://h.se/'], includes: [], excludes: [], ...bounds });
  assert.equal(wide.check('http://h.se/transport/'), null);
});

test('link discovery reads a, link rel, base href, srcset (with assets) and feed items', () => {
  const html = '<head><base href="http://h.se/blog/"><link rel="shortlink" href="?p=3"><link rel="stylesheet" href="s.css"></head><a href="a/">a</a><img srcset="i-300.jpg 300w, i-600.jpg 600w" src="i.jpg">';
  const none = findHtmlLinks(html, false);
  assert.equal(none.base, 'http://h.se/blog/');
  assert.deepEqual(none.links.map((l) => l.href), ['?p=3', 'a/']);
  const all = findHtmlLinks(html, true);
  assert.deepEqual(all.links.filter((l) => l.kind === 'asset').map((l) => l.href).sort(), ['i-300.jpg', 'i-600.jpg', 'i.jpg', 's.css']);
  const feed = findXmlLinks('<rss><channel><item><link>http://h.se/p/</link><guid isPermaLink="false">http://h.se/?p=3</guid><content:encoded><![CDATA[<p><a href="http://h.se/q/">q</a></p>]]></content:encoded></item></channel></rss>');
  assert.equal(feed.kind, 'feed');
  assert.deepEqual(feed.links.map((l) => l.href).sort(), ['http://h.se/?p=3', 'http://h.se/p/', 'http://h.se/q/']);
  const index = findXmlLinks('<sitemapindex><sitemap><loc>http://h.se/s1.xml</loc></sitemap></sitemapindex>');
  assert.deepEqual(index.links, [{ href: 'http://h.se/s1.xml', kind: 'sitemap' }]);
});
