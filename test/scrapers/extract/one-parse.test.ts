/**
 * The survey pass reads what needs no site plan (feeds, redirects, listings by their classes' kind) from
 * its one parse; the reading pass must still read a page again when the plan decides another kind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArchivedResponse } from '../../../src/types.ts';
import { extractSite } from '../../../src/scrapers/extract-site.ts';
import { validateProfile } from '../../../src/scrapers/profile.ts';

const html = (url: string, body: string): ArchivedResponse => ({
  url, status: 200, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: Buffer.from(body),
  date: '2020-01-01T00:00:00Z', recordId: `<urn:${url}>`, payloadDigest: 'sha1:X',
});

const listing = html('http://blog.test/notes/', `<html><head><title>Notes</title></head><body class="archive category">
<article class="post hentry"><h2 class="entry-title"><a href="http://blog.test/2020/01/02/one/" rel="bookmark">One</a></h2>
<div class="entry-summary"><p>The first note.</p></div></article>
<article class="post hentry"><h2 class="entry-title"><a href="http://blog.test/2020/01/03/two/" rel="bookmark">Two</a></h2>
<div class="entry-summary"><p>The second note.</p></div></article></body></html>`);

test('a page read early as a listing is kept when the plan agrees and read again when it does not', async () => {
  const agreed = await extractSite([listing]);
  assert.deepEqual(agreed.report.kinds, [{ url: 'http://blog.test/notes/', kind: 'category', evidence: ['body-class'] }]);
  assert.deepEqual(agreed.posts.map((p) => p.url), ['http://blog.test/2020/01/02/one/', 'http://blog.test/2020/01/03/two/']);
  // The profile's post.url overrules the classes: the page is a post, read as one, and lists nothing.
  const profile = validateProfile({ post: { url: '^/notes/$' } }, 'test');
  const overruled = await extractSite([listing], { profile });
  assert.deepEqual(overruled.report.kinds, [{ url: 'http://blog.test/notes/', kind: 'post', evidence: ['profile:post.url'] }]);
  assert.deepEqual(overruled.posts.map((p) => p.url), ['http://blog.test/notes/']);
});

test('a URL archived twice is read from its first capture in both passes', async () => {
  const second = { ...listing, body: Buffer.from(listing.body.toString().replace(/two/g, 'three').replace('Two', 'Three')) };
  const r = await extractSite([listing, second]);
  assert.deepEqual(r.posts.map((p) => p.url), ['http://blog.test/2020/01/02/one/', 'http://blog.test/2020/01/03/two/']);
});
