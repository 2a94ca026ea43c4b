import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArchivedResponse } from '../../src/types.ts';
import { extractSite } from '../../src/scrapers/extract-site.ts';
import { UrlGroups } from '../../src/scrapers/merge.ts';

let n = 0;
function res(url: string, body: string, status = 200, headers: Record<string, string> = { 'content-type': 'text/html; charset=UTF-8' }): ArchivedResponse {
  n++;
  return { url, status, headers, body: Buffer.from(body), date: '2018-01-01T00:00:00Z', recordId: `<urn:uuid:${n}>`, payloadDigest: `sha1:${n}` };
}

const O = 'http://blog.test';
const CANON = `${O}/eu/inlagg/`;
const post = (title: string, heading: string) => `<html><head><link rel="canonical" href="${CANON}"><link rel="shortlink" href="${O}/?p=7"></head>
<body class="single postid-7"><article id="post-7" class="post-7 post hentry"><h1 class="entry-title">${title}</h1>
<div class="entry-meta"><time class="entry-date published" datetime="2013-06-05T10:00:00+02:00">5 juni 2013</time></div>
<div class="entry-content"><p>Brödtext.</p></div>
<footer><a href="${O}/category/eu/" rel="category tag">EU</a></footer></article>
<div id="comments"><h2 class="comments-title">${heading}</h2></div></body></html>`;
const listing = `<html><body class="home blog"><article id="post-7" class="post-7 post hentry"><h2 class="entry-title"><a href="${CANON}" rel="bookmark">Inlägget</a></h2>
<div class="entry-summary"><p>Utdraget […]</p></div><a href="${CANON}#comments">4 kommentarer</a><a href="${O}/category/eu/" rel="category tag">EU</a></article>
<article id="post-9" class="post-9 post hentry"><h2 class="entry-title"><a href="${O}/eu/utan-sida/" rel="bookmark">Utan sida</a></h2></article></body></html>`;

test('one record per post: category paths, shortlink and redirects become aliases of the canonical URL', async () => {
  const canonical = res(CANON, post('Inlägget', '3 kommentarer'));
  const r = await extractSite([
    res(`${O}/`, listing),
    canonical,
    res(`${O}/moten/inlagg/`, post('Inlägget', '3 kommentarer')),
    res(`${O}/?p=7`, '', 301, { location: `${O}/eu/inlagg/` }),
    res('http://www.blog.test/eu/inlagg/', '', 301, { location: CANON }),
    res(`${CANON}?replytocom=3`, post('Inlägget', '3 kommentarer')),
  ]);
  const p = r.posts.find((x) => x.url === CANON)!;
  assert.deepEqual(p.aliases, [`${O}/?p=7`, `${O}/moten/inlagg/`, 'http://www.blog.test/eu/inlagg/']);
  assert.equal(p.excerpt, 'Utdraget […]');
  assert.equal(p.excerptSource, 'listing');
  assert.equal(p.published, '2013-06-05T10:00:00+02:00');
  assert.equal(p.capture?.payloadDigest, canonical.payloadDigest, 'the body comes from the capture of the canonical URL');
  const urls = Object.fromEntries(r.urls.map((u) => [u.url, u]));
  assert.deepEqual(urls[`${O}/?p=7`], { url: `${O}/?p=7`, kind: 'shortlink', status: 301, target: CANON });
  assert.deepEqual(urls[`${O}/moten/inlagg/`], { url: `${O}/moten/inlagg/`, kind: 'post', status: 200, target: CANON });
  assert.deepEqual(urls[CANON], { url: CANON, kind: 'post', status: 200, target: null });
  // A comment-reply URL is the same page, listed in urls.json but not an alias.
  assert.deepEqual(urls[`${CANON}?replytocom=3`], { url: `${CANON}?replytocom=3`, kind: 'post', status: 200, target: CANON });
});

test('sources that disagree are reported; the listing count wins as the number readers saw first', async () => {
  const r = await extractSite([res(`${O}/`, listing), res(CANON, post('Inlägget – ny titel', '3 kommentarer'))]);
  const p = r.posts.find((x) => x.url === CANON)!;
  assert.equal(p.commentCount, 4);
  assert.equal(p.title, 'Inlägget – ny titel', 'the post page title wins');
  const fields = r.report.disagreements.map((d) => `${d.url} ${d.field}`);
  assert.deepEqual(fields, [`${CANON} commentCount`, `${CANON} title`]);
});

test('a post seen only in a listing is kept with a warning; a post with no title anywhere is an error', async () => {
  const untitled = `<html><body class="single postid-8"><article class="post hentry"><div class="entry-content"><p>Text utan rubrik.</p></div></article></body></html>`;
  const r = await extractSite([res(`${O}/`, listing), res(`${O}/utan-rubrik/`, untitled)]);
  assert.ok(r.posts.some((p) => p.url === `${O}/eu/utan-sida/` && p.capture === null));
  assert.ok(r.report.problems.some((x) => x.severity === 'warning' && x.url === `${O}/eu/utan-sida/`));
  const err = r.report.problems.find((x) => x.severity === 'error' && /missing title/.test(x.reason))!;
  assert.equal(err.url, `${O}/utan-rubrik/`);
  assert.match(err.reason, /missing title/);
  // The page is kept (its body is not lost), with an empty title and the error naming it.
  assert.equal(r.posts.find((p) => p.url === `${O}/utan-rubrik/`)?.title, '');
});

test('pages it cannot understand are listed with the reason, never dropped silently', async () => {
  const r = await extractSite([res(`${O}/konstig/sida/`, '<html><body><div>Ingen WordPress här</div></body></html>')]);
  assert.deepEqual(r.report.problems.map((p) => [p.url, p.severity]), [[`${O}/konstig/sida/`, 'error']]);
  assert.match(r.report.problems[0]!.reason, /not understood/);
  assert.equal(r.urls[0]!.kind, 'other');
});

test('WordPress post ids are per blog: the same ?p=7 on two blogs are two posts', async () => {
  const page = (blog: string, title: string) => `<html><head><link rel="shortlink" href="${O}/${blog}/?p=7"></head><body class="single postid-7"><article class="post hentry"><h1 class="entry-title">${title}</h1><div class="entry-content"><p>x</p></div></article></body></html>`;
  const home = (blog: string) => `<html><body class="home blog"><p>${blog}</p></body></html>`;
  const r = await extractSite([
    res(`${O}/innovation/`, home('i')), res(`${O}/livsmedel/`, home('l')),
    res(`${O}/innovation/eu/a/`, page('innovation', 'A')), res(`${O}/livsmedel/mat/b/`, page('livsmedel', 'B')),
  ]);
  assert.deepEqual(r.posts.map((p) => [p.blog, p.title, p.aliases]), [
    ['innovation', 'A', [`${O}/innovation/?p=7`]],
    ['livsmedel', 'B', [`${O}/livsmedel/?p=7`]],
  ]);
});

test('UrlGroups never joins two different canonical posts', () => {
  const g = new UrlGroups();
  g.setCanonical('a');
  g.setCanonical('b');
  assert.equal(g.union('x', 'a'), true);
  assert.equal(g.union('x', 'b'), false);
  assert.equal(g.canonicalOf('x'), 'a');
});

test('listing views shown alike count once each with a weight: the excerpt most listings show wins, in any order', async () => {
  const item = (slug: string, id: number, excerpt: string) => `<article id="post-${id}" class="post-${id} post hentry"><h2 class="entry-title"><a href="${O}/eu/${slug}/" rel="bookmark">${slug}</a></h2><div class="entry-summary"><p>${excerpt}</p></div></article>`;
  const page = (cat: string, items: string[]) => res(`${O}/category/${cat}/`, `<html><body class="archive category category-${cat}">${items.join('')}</body></html>`);
  // `forst` shows B on its first listing and A on the next two; `sedan` A, A, then B, B: a tie the first view seen wins.
  const r = await extractSite([
    page('a', [item('forst', 11, 'Utdrag B'), item('sedan', 12, 'Utdrag A')]),
    page('b', [item('forst', 11, 'Utdrag A'), item('sedan', 12, 'Utdrag A')]),
    page('c', [item('forst', 11, 'Utdrag A'), item('sedan', 12, 'Utdrag B')]),
    page('d', [item('sedan', 12, 'Utdrag B')]),
  ]);
  const excerpt = (slug: string) => r.posts.find((p) => p.url === `${O}/eu/${slug}/`)?.excerpt;
  assert.equal(excerpt('forst'), 'Utdrag A', 'two views alike outweigh one seen first');
  assert.equal(excerpt('sedan'), 'Utdrag A', 'two and two: the view seen first');
});

test('a collector is used up by finish(): a second call says so instead of merging emptied tables', async () => {
  const { SiteCollector } = await import('../../src/scrapers/extract/collect.ts');
  const c = new SiteCollector();
  c.addFetched('http://blog.test/', 'home', 200, null);
  const r = c.finish();
  try {
    assert.equal(r.urls.length, 1);
    assert.throws(() => c.finish(), /called twice/);
  } finally {
    r.records?.dispose();
  }
});
