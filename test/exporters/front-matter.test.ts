import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import { buildFrontMatter, oldPaths, renderFrontMatter, splitFrontMatter } from '../../src/exporters/front-matter.ts';
import { HOST, post, term } from './records.ts';

const HOSTILE_TITLES = [
  'Title: with a colon',
  '"Quoted" title',
  "It's a 'single' quote",
  '# not a comment',
  'a #hash inside',
  '- leading dash',
  '* leading star',
  '& anchor-like',
  '! tag-like',
  '[not a list]',
  '{not: a map}',
  '”Let’s be responsive out there!” Vad händer vecka 44?',
  'line one\nline two',
  'trailing newline\n',
  '  leading spaces',
  'yes',
  'No',
  'null',
  '~',
  '0x1F',
  '2013-06-05',
  '1e3',
  '---',
  '...',
  'tab\there',
  'line\u2028separator and next\u0085line',
  '\u0000nul',
  'lone \ud800 surrogate',
  'Innovationsstrategi – ja tack … […]',
];

test('front matter of hostile titles parses back to the exact record values', () => {
  for (const title of HOSTILE_TITLES) {
    const r = post({ slug: 'x', title, excerpt: title, categories: [term('innovation', title, 'x')], tags: [term('innovation', `#${title}`, 'y')] });
    const text = renderFrontMatter(buildFrontMatter(r, 'flat', 'post'));
    const { data, body } = splitFrontMatter(`${text}\nbody\n`);
    assert.ok(data, `no front matter for ${JSON.stringify(title)}`);
    assert.equal(data.title, title);
    assert.equal(data.excerpt, title);
    assert.deepEqual(data.categories, [title]);
    assert.deepEqual(data.tags, [`#${title}`]);
    assert.equal(body, '\nbody\n');
  }
});

test('every field of the record is in the front matter', () => {
  const r = post({
    slug: 'en-–-ja',
    published: '2013-06-05T10:20:00+02:00',
    commentCount: 3,
    aliases: [`${HOST}/innovation/eu/en-%E2%80%93-ja/`, `${HOST}/innovation/?p=7`],
    capture: { url: 'http://www.naringsbloggen.se/innovation/eu/x/', payloadDigest: 'sha256:ABC' },
  });
  const fm = parse(renderFrontMatter(buildFrontMatter(r, 'flat', 'post')).replace(/^---\n|---\n$/g, '')) as Record<string, unknown>;
  assert.deepEqual(fm, {
    title: r.title,
    date: '2013-06-05T10:20:00+02:00',
    slug: 'en-–-ja',
    blog: 'innovation',
    author: 'Anna Andersson',
    categories: ['Om innovation'],
    tags: [],
    excerpt: r.excerpt,
    comment_count: 3,
    original_url: r.url,
    aliases: r.aliases,
    source: { warc_target_uri: 'http://www.naringsbloggen.se/innovation/eu/x/', payload_digest: 'sha256:ABC' },
  });
});

test('null date, author and count round-trip; no capture means no source', () => {
  const r = post({ slug: 'x', published: null, author: null, commentCount: null, capture: null });
  const { data } = splitFrontMatter(renderFrontMatter(buildFrontMatter(r, 'flat', 'post')));
  assert.ok(data);
  assert.equal(data.date ?? null, null);
  assert.equal(data.author, null);
  assert.equal(data.comment_count, null);
  assert.ok(!('source' in data));
});

test('hugo aliases are the old paths (query-string URLs left to the server map); jekyll gets redirect_from', () => {
  const r = post({ slug: 'a', aliases: [`${HOST}/innovation/eu/a/`, `${HOST}/innovation/?p=7`] });
  assert.deepEqual(oldPaths(r), ['/innovation/eu/a/', '/innovation/om-innovation/a/']);
  assert.deepEqual(buildFrontMatter(r, 'hugo', 'post').aliases, ['/innovation/eu/a/', '/innovation/om-innovation/a/']);
  const j = buildFrontMatter(r, 'jekyll', 'post');
  assert.deepEqual(j.redirect_from, ['/innovation/eu/a/', '/innovation/om-innovation/a/']);
  assert.deepEqual(j.aliases, r.aliases);
  assert.equal(j.layout, 'post');
});

test('strings are quoted so YAML 1.1 readers (Jekyll, older Hugo) see strings, not booleans or dates', () => {
  const r = post({ slug: 'yes', title: 'on', excerpt: 'no' });
  const text = renderFrontMatter(buildFrontMatter(r, 'flat', 'post'));
  assert.match(text, /^title: "on"$/m);
  assert.match(text, /^slug: "yes"$/m);
  assert.match(text, /^date: "2013-06-05"$/m);
  // YAML 1.1 would read these as line breaks: they must be escaped, not raw.
  assert.doesNotMatch(renderFrontMatter({ title: 'a\u2028b\u2029c\u0085d' }), /[\u2028\u2029\u0085]/);
});

test('any title round-trips (property)', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (title) => {
    const r = post({ slug: 'x', title });
    const { data } = splitFrontMatter(renderFrontMatter(buildFrontMatter(r, 'jekyll', 'post')));
    assert.equal(data?.title, title);
  }), { numRuns: 1000 });
});
