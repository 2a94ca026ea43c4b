/**
 * Pass 1 on worker threads (survey-pool.ts) must write the same files as one thread: the pages are read
 * elsewhere and their results taken back in archive order, and a URL archived twice is still read from
 * its first capture even when both captures are on their way to the workers at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArchivedResponse } from '../../../src/types.ts';
import { extractResultFiles, extractSite } from '../../../src/scrapers/extract-site.ts';
import { SEQUENTIAL_FIRST } from '../../../src/scrapers/survey-pool.ts';

const page = (url: string, body: string): ArchivedResponse => ({
  url, status: 200, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: Buffer.from(body),
  date: '2020-01-01T00:00:00Z', recordId: `<urn:${url}:${body.length}>`, payloadDigest: 'sha1:X',
});

const ORIGIN = 'http://blog.test';
const menu = '<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/about/">About us</a></li></ul></nav>';
const sidebar = '<aside class="widget"><h3>Archives</h3><p>Everything we wrote since 2019, month by month.</p></aside>';
const POSTS = 400;
const postUrl = (i: number) => `${ORIGIN}/2020/01/${String((i % 28) + 1).padStart(2, '0')}/post-${i}/`;

function post(i: number, title = `Post number ${i}`): ArchivedResponse {
  return page(postUrl(i), `<html><head><title>${title}</title><link rel="alternate" type="application/rss+xml" href="${postUrl(i)}feed/"></head>
<body class="post-template-default single single-post postid-${i}">${menu}
<article id="post-${i}" class="post-${i} post type-post hentry category-news"><h1 class="entry-title">${title}</h1>
<div class="entry-meta"><time class="entry-date published" datetime="2020-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00+00:00">date</time>
<a href="${ORIGIN}/category/news/" rel="category tag">News</a></div>
<div class="entry-content"><p>The ${i}th post says something of its own, ${'word '.repeat(i % 17)}and ends.</p><p>A second paragraph for post ${i}.</p></div>
</article>${sidebar}</body></html>`);
}

function listing(n: number, from: number): ArchivedResponse {
  const items = Array.from({ length: 10 }, (_, k) => from + k).map((i) => `<article class="post-${i} post type-post hentry"><h2 class="entry-title"><a href="${postUrl(i)}" rel="bookmark">Post number ${i}</a></h2><div class="entry-summary"><p>The ${i}th post says something.</p></div></article>`).join('\n');
  return page(n === 1 ? `${ORIGIN}/` : `${ORIGIN}/page/${n}/`, `<html><head><title>Blog</title></head><body class="home blog${n > 1 ? ' paged' : ''}">${menu}${items}${sidebar}</body></html>`);
}

function site(): ArchivedResponse[] {
  const out: ArchivedResponse[] = [];
  const posts = POSTS;
  for (let n = 1; n <= posts / 10; n++) {
    out.push(listing(n, (n - 1) * 10));
    for (let i = (n - 1) * 10; i < n * 10; i++) out.push(post(i));
    // A second capture of a post, right behind the first, read by another worker: the first must win.
    if (n === posts / 20) out.push(post((n - 1) * 10, 'A later capture'));
  }
  return out;
}

const files = (r: Awaited<ReturnType<typeof extractSite>>) => extractResultFiles(r).map((f) => `${f.path}\n${f.contents}`);

test('pass 1 on two worker threads writes the same bytes as on one, the first capture of a URL read', async () => {
  const responses = site();
  assert.ok(responses.length > 2 * SEQUENTIAL_FIRST, 'the site is large enough for the workers to start');
  const one = await extractSite(responses, { jobs: 1 });
  const two = await extractSite(responses, { jobs: 2 });
  assert.equal(one.posts.length, POSTS);
  assert.ok(!one.posts.some((p) => p.title === 'A later capture'), 'the later capture of a post is not read');
  assert.deepEqual(files(two), files(one));
});
