/**
 * The site-level step on pages with none of WordPress's classes: what makes a page a post is the rest of
 * the site (title links, its own comment feed, the permalink structure those reveal), the body is what
 * is not the template, and a mirror's file names are read back as the URLs the site answered.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArchivedResponse } from '../../../src/types.ts';
import { extractSite } from '../../../src/scrapers/extract-site.ts';
import { SiteSurvey, permalinkShape } from '../../../src/scrapers/extract/site-plan.ts';
import type { PageFacts } from '../../../src/scrapers/extract/survey.ts';
import { unmirrorUrl } from '../../../src/url.ts';

let n = 0;
function res(url: string, body: string, type = 'text/html; charset=UTF-8'): ArchivedResponse {
  n++;
  return { url, status: 200, headers: { 'content-type': type }, body: Buffer.from(body), date: '2018-01-01T00:00:00Z', recordId: `<urn:uuid:p${n}>`, payloadDigest: `sha1:p${n}` };
}

const O = 'http://bare.test';
const MENU = '<div id="menu"><ul><li><a href="/">Start</a></li><li><a href="/om/">Om oss</a></li></ul><p>Ein Verein für Musik und Tanz seit 2004.</p></div>';
const SIDE = '<div id="side"><p>Abonnieren Sie unseren Newsletter jeden Monat.</p><p>Impressum und Datenschutz</p></div>';
const slugs = ['erste', 'zweite', 'dritte', 'vierte', 'funfte'];
const words = (i: number): string => `Dies ist der ${i}. Beitrag mit eigenen Worten über Platte Nummer ${i * 7} und Klang ${i}.`;
/** A custom theme: bare <body>, `div.box`, dates as DD/MM/YYYY, the count as a bare number. */
const postPage = (i: number): string => `<html><head><title>Beitrag ${i} | Bare</title>
<link rel="alternate" type="application/rss+xml" title="Bare » Beitrag ${i} Kommentar-Feed" href="/2014/0${i}/${slugs[i - 1]}/feed/"></head>
<body>${MENU}<div class="box" id="p-${i}"><h2><a href="/2014/0${i}/${slugs[i - 1]}/" rel="bookmark">Beitrag ${i}</a></h2>
<div class="info">1${i}/0${i}/2014 &middot; <span class="author">Flo &middot; <a href="/category/musik/" rel="category tag">Musik</a></span></div>
<p>${words(i)}</p><p>Noch ein Absatz ${i} für den Text.</p>
<h2 id="comments">Keine Kommentare</h2><p>Noch keine Kommentare</p></div>${SIDE}</body></html>`;
const home = `<html><body>${MENU}${slugs.map((s, i) => `<div class="box"><h2><a href="/2014/0${i + 1}/${s}/">Beitrag ${i + 1}</a></h2><p>${words(i + 1)}</p></div>`).join('')}${SIDE}</body></html>`;

function site(): ArchivedResponse[] {
  return [res(`${O}/`, home), ...slugs.map((s, i) => res(`${O}/2014/0${i + 1}/${s}/`, postPage(i + 1))), res(`${O}/om/`, `<html><body>${MENU}<div class="box"><h2>Om oss</h2><p>Wir sind ein kleiner Verein.</p></div>${SIDE}</body></html>`)];
}

test('permalink structures are learned from evidenced posts as WordPress tags', () => {
  assert.equal(permalinkShape('http://b.test/2014/03/platte-181/'), '/%year%/%monthnum%/%postname%/');
  assert.equal(permalinkShape('http://b.test/2016/02/25/tavlingen/'), '/%year%/%monthnum%/%day%/%postname%/');
  assert.equal(permalinkShape('http://b.test/archives/123/'), '/archives/%post_id%/');
  assert.deepEqual(learnedFrom(['http://b.test/2014/03/a/', 'http://b.test/2014/04/b/', 'http://b.test/om/']), ['/%year%/%monthnum%/%postname%/']);
  // One example is no structure; a category path (no date, no id) is never applied to other URLs.
  assert.deepEqual(learnedFrom(['http://b.test/2014/03/a/', 'http://b.test/musik/a/', 'http://b.test/musik/b/']), []);
  // One URL named by feeds, title links and its own comment feed, many times over, is still one example.
  assert.deepEqual(learnedFrom(['http://b.test/2014/03/a/', 'http://b.test/2014/03/a/'], ['http://b.test/2014/03/a/', 'http://b.test/2014/03/a/']), []);
  assert.deepEqual(learnedFrom(['http://b.test/2014/03/a/'], ['http://b.test/2014/04/b/']), ['/%year%/%monthnum%/%postname%/']);
});

/** The permalink structures a site plan learns from feed items and the title links of one listing page. */
function learnedFrom(feedItems: string[], titleLinks: string[] = []): string[] {
  const s = new SiteSurvey();
  s.addFeed({ itemLinks: feedItems, commentFeedOf: feedItems[0] ?? null });
  const listing: PageFacts = { url: 'http://b.test/', canonical: null, shortlink: null, classes: [], listedCount: titleLinks.length, singular: [], hasHeading: false, permalinkHint: null, postLinks: titleLinks, blocks: new Uint32Array() };
  s.addPage(listing, 'home');
  s.addPage({ ...listing, url: 'http://b.test/page/2/', permalinkHint: titleLinks[0] ?? null }, 'pagination');
  return s.plan().patterns;
}

test('a theme with no WordPress classes: posts, body, byline, local date and count come from the site', async () => {
  const r = await extractSite(site());
  assert.deepEqual(r.posts.map((p) => p.url), slugs.map((s, i) => `${O}/2014/0${i + 1}/${s}/`).sort());
  const p = r.posts.find((x) => x.url.endsWith('/zweite/'))!;
  assert.equal(p.title, 'Beitrag 2');
  assert.equal(p.published, '2014-02-12');
  assert.equal(p.author?.name, 'Flo');
  assert.deepEqual(p.categories.map((c) => c.name), ['Musik']);
  assert.equal(p.commentCount, 0);
  // The body is the post's own text: no menu, sidebar, title, meta line or "no comments yet".
  assert.equal(p.contentMarkdown, `${words(2)}\n\nNoch ein Absatz 2 für den Text.`);
  assert.deepEqual(r.pages.map((x) => x.url), [`${O}/om/`]);
  const kind = r.report.kinds.find((k) => k.url === p.url)!;
  assert.equal(kind.kind, 'post');
  assert.ok(kind.evidence.includes('own-comment-feed') && kind.evidence.includes('title-link'), kind.evidence.join(' '));
  assert.deepEqual(r.report.site.permalinkStructures, ['/%year%/%monthnum%/%postname%/']);
  assert.equal(r.report.summary.errors, 0, JSON.stringify(r.report.problems));
});

test('a profile can name the post URLs; a post with no body is an error', async () => {
  const odd = `<html><body><div><h1>Ein seltsamer Beitrag</h1></div></body></html>`;
  const plain = await extractSite([res(`${O}/texte/seltsam.php`, odd)]);
  assert.equal(plain.posts.length, 0);
  const r = await extractSite([res(`${O}/texte/seltsam.php`, odd)], { profile: { post: { url: '^/texte/' } } });
  assert.equal(r.posts.length, 1);
  assert.equal(r.report.kinds[0]!.evidence[0], 'profile:post.url');
  assert.ok(r.report.problems.some((x) => x.severity === 'error' && /no post body/.test(x.reason)), JSON.stringify(r.report.problems));
  assert.ok(r.report.problems.some((x) => x.severity === 'error' && /no date/.test(x.reason)), JSON.stringify(r.report.problems));
});

test('a wget mirror: `index.html?p=12.html` and `…/index.html` are the URLs the site answered; the comment feed names the permalink', async () => {
  assert.equal(unmirrorUrl('http://h.fi/index.html%3Fp=12.html'), 'http://h.fi/?p=12');
  assert.equal(unmirrorUrl('http://h.fi/index.html?p=12.html'), 'http://h.fi/?p=12');
  assert.equal(unmirrorUrl('http://h.fi/2016/02/25/x/index.html'), 'http://h.fi/2016/02/25/x/');
  assert.equal(unmirrorUrl('http://h.fi/2016/02/25/x/'), 'http://h.fi/2016/02/25/x/');
  const page = (i: number) => `<html><head><link rel="canonical" href="index.html%3Fp=${i}.html"><link rel="shortlink" href="index.html%3Fp=${i}.html">
<link rel="alternate" type="application/rss+xml" title="H » Visa ${i} Comments Feed" href="2016/02/2${i}/visa-${i}/feed/index.html"></head>
<body>${MENU}<div id="post-${i}" class="hentry postWrapper"><h1><a href="index.html%3Fp=${i}.html" rel="bookmark">Visa ${i}</a></h1>
<p class="date"><small>2${i}.02.2016 by henrik</small></p><div class="post"><p>${words(i)}</p></div></div>${SIDE}</body></html>`;
  const feed = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Comments on: Visa 1</title>
<link>${O}/2016/02/21/visa-1/</link><item><title>By: Bo</title><link>${O}/2016/02/21/visa-1/#comment-9</link><dc:creator>Bo</dc:creator>
<pubDate>Mon, 22 Feb 2016 08:00:00 +0000</pubDate><description>Fin visa.</description></item></channel></rss>`;
  // Visa 2's feed holds two: WordPress cuts every feed at one length, so only a shorter one is known whole.
  const feed2 = feed.replace(/visa-1/g, 'visa-2').replace('Visa 1', 'Visa 2').replace('</item>', '</item><item><title>By: Al</title><link>' + O + '/2016/02/22/visa-2/#comment-10</link></item>').replace(/21\/visa-2/g, '22/visa-2');
  const r = await extractSite([...[1, 2, 3, 4].map((i) => res(`${O}/index.html%3Fp=${i}.html`, page(i))), res(`${O}/2016/02/21/visa-1/feed/index.html`, feed), res(`${O}/2016/02/22/visa-2/feed/index.html`, feed2)]);
  assert.deepEqual(r.posts.map((p) => p.url), [1, 2, 3, 4].map((i) => `${O}/2016/02/2${i}/visa-${i}/`));
  const p = r.posts[0]!;
  assert.deepEqual(p.aliases, [`${O}/?p=1`]);
  assert.equal(p.author?.name, 'henrik');
  assert.equal(p.contentMarkdown, words(1));
  // The page lists no comments; the post's own comment feed does.
  assert.deepEqual(p.comments, [{ id: '9', author: 'Bo', published: '2016-02-22T08:00:00+00:00', text: 'Fin visa.', parentId: null }]);
  assert.equal(p.provenance.comments, 'comment-feed:items');
  assert.ok(r.urls.every((u) => !/index\.html/.test(u.url)), JSON.stringify(r.urls.map((u) => u.url)));
});

test('a body that is only a link reading as a date (a newsletter PDF) is the post, not a meta line', async () => {
  const pdf = '<p><a href="/files/2015/05/infobrev-2.pdf">Infobrev 2, 15 april 2015</a></p>';
  const rs = site().map((r) => (r.url.endsWith('/dritte/') ? { ...r, body: Buffer.from(postPage(3).replace(/<p>Dies ist der 3\.[\s\S]*?den Text\.<\/p>/, pdf)) } : r));
  const r = await extractSite(rs);
  const p = r.posts.find((x) => x.url.endsWith('/dritte/'))!;
  assert.equal(p.contentMarkdown, `[Infobrev 2, 15 april 2015](${O}/files/2015/05/infobrev-2.pdf)`);
  assert.equal(r.report.summary.errors, 0, JSON.stringify(r.report.problems));
});
