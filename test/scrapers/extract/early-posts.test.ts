/**
 * Posts are read in the survey pass against the template learned so far (template-probe.ts); the reading
 * is kept only when the final template answers its questions alike, else the page is read again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArchivedResponse } from '../../../src/types.ts';
import { SiteExtraction, extractSite } from '../../../src/scrapers/extract-site.ts';
import { TemplateProbe, sameAnswers } from '../../../src/scrapers/extract/template-probe.ts';

const html = (url: string, body: string): ArchivedResponse => ({
  url, status: 200, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: Buffer.from(body),
  date: '2020-01-01T00:00:00Z', recordId: `<urn:${url}>`, payloadDigest: 'sha1:X',
});

const post = (i: number, featured: boolean): ArchivedResponse => html(`http://blog.test/2020/01/${String(i).padStart(2, '0')}/note-${i}/`,
  `<html><head><title>Note ${i}</title></head><body class="single single-post postid-${i}">
<ul class="topnav"><li>Start here</li><li>About the club</li></ul>
<article id="post-${i}" class="post hentry"><h1 class="entry-title">Note ${i}</h1><div class="entry-content">
${featured ? '<p>Featured in the spring series of notes.</p>' : ''}<p>Note ${i} says its own words, number ${i} of many, at length enough to be the body.</p>
</div></article></body></html>`);

test('the probe records each question and its answer; the same answers hold only for a template that gives them', () => {
  const probe = new TemplateProbe(new Set([1, 2]));
  assert.equal(probe.size > 0, true);
  assert.equal(probe.has(1), true);
  assert.equal(probe.has(3), false);
  const a = probe.answers();
  assert.deepEqual(a, { inside: [1], outside: [3], nonEmpty: true });
  assert.equal(sameAnswers(a, new Set([1, 7])), true);
  assert.equal(sameAnswers(a, new Set([7])), false, 'a hash answered inside is gone');
  assert.equal(sameAnswers(a, new Set([1, 3])), false, 'a hash answered outside is now inside');
  assert.equal(sameAnswers({ inside: [], outside: [5], nonEmpty: true }, new Set()), false, 'emptiness changed');
});

test('a post read early against a template that the whole site overrules is read again', async () => {
  // "Featured …" is on the first 16 of 70 posts: the template learned from 8 or 16 pages holds it, so
  // posts 9–16 are first read with it cut; on 23 % of all posts it is their own text, not the template.
  const pages = Array.from({ length: 70 }, (_, i) => post(i + 1, i < 16));
  const r = await extractSite(pages);
  assert.equal(r.posts.length, 70);
  const featured = r.posts.filter((p) => p.contentMarkdown.includes('Featured in the spring series'));
  assert.equal(featured.length, 16);
  // The menu on every page is the template, whenever a post was read.
  assert.equal(r.posts.filter((p) => p.contentMarkdown.includes('About the club')).length, 0);
  assert.ok(r.posts.every((p) => /^Note \d+ says its own words/m.test(p.contentMarkdown)));
});

test('pass 2 lets each URL go from the plan once it has read it, and leaves a second copy of a URL out', async () => {
  const pages = Array.from({ length: 12 }, (_, i) => post(i + 1, false));
  const x = new SiteExtraction({ jobs: 1 });
  const urls = pages.map((r) => {
    const url = x.claim(r)!;
    x.surveyClaimed(r, url);
    return url;
  });
  const plan = x.plan();
  assert.deepEqual(urls.map((u) => plan.kindOf(u)?.kind), urls.map(() => 'post'));
  const result = await x.read([...pages, pages[3]!]);
  try {
    assert.equal(result.posts.length, 12);
    assert.deepEqual(urls.map((u) => plan.kindOf(u)), urls.map(() => undefined), 'the plan keeps no URL read');
  } finally {
    result.records?.dispose();
  }
});
