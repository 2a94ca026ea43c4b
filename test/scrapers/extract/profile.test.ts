import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import { extractPost } from '../../../src/scrapers/extract/post.ts';
import { extractListing } from '../../../src/scrapers/extract/listing.ts';
import { loadProfile, validateProfile } from '../../../src/scrapers/profile.ts';
import { UsageError } from '../../../src/errors.ts';

const page = () => load(readFileSync(new URL('../../../fixtures/pages/post-custom-theme.html', import.meta.url), 'utf8'), { xml: { xmlMode: false, decodeEntities: true } });
const cap = { url: 'http://h/x/', payloadDigest: 'sha1:X' };

test('a theme that defeats the rules is read with a profile of CSS selectors', () => {
  const without = extractPost(page(), 'http://odd.test/ett-inlagg/', cap);
  assert.notEqual(without.title?.value, 'Ett inlägg i ett udda tema');
  const profile = validateProfile({ post: { title: '.headline', content: '.story', categories: '.topics', commentCount: '.talk', author: '.byline-x' } }, 'test');
  const p = extractPost(page(), 'http://odd.test/ett-inlagg/', cap, profile);
  assert.equal(p.title?.value, 'Ett inlägg i ett udda tema');
  assert.equal(p.title?.rule, 'profile:.headline');
  assert.equal(p.contentMarkdown?.value, 'Första stycket.\n\nAndra stycket.');
  assert.deepEqual(p.categories?.value.map((c) => c.name), ['Nyheter']);
  assert.equal(p.commentCount?.value, 2);
  assert.deepEqual(p.problems, []);
});

test('a profile selector that matches nothing on a page is reported with the selector and the page', () => {
  const profile = validateProfile({ post: { title: 'h1.does-not-exist' } }, 'test');
  const p = extractPost(page(), 'http://odd.test/ett-inlagg/', cap, profile);
  assert.deepEqual(p.problems, ['profile selector post.title "h1.does-not-exist" matched nothing on http://odd.test/ett-inlagg/']);
});

test('invalid profiles are usage errors that name the field, the selector and the fix', async () => {
  assert.throws(() => validateProfile({ post: { title: 'h1[' } }, 'p.yaml'), (e: unknown) => e instanceof UsageError && /post\.title.*not a valid CSS selector.*"h1\["/.test(e.message));
  assert.throws(() => validateProfile({ post: { headline: 'h1' } }, 'p.yaml'), /unknown field "post.headline"; known fields: url, title, content/);
  assert.throws(() => validateProfile({ posts: {} }, 'p.yaml'), /unknown section "posts"/);
  assert.throws(() => validateProfile('h1', 'p.yaml'), UsageError);
  const dir = mkdtempSync(join(tmpdir(), 'profile-'));
  try {
    writeFileSync(join(dir, 'p.yaml'), 'post:\n  title: "h1.x"\nlisting:\n  item: "div.teaser"\n');
    assert.deepEqual(await loadProfile(join(dir, 'p.yaml')), { post: { title: 'h1.x' }, listing: { item: 'div.teaser' } });
    writeFileSync(join(dir, 'p.json'), '{"post": {"content": ".story"}}');
    assert.deepEqual(await loadProfile(join(dir, 'p.json')), { post: { content: '.story' } });
    await assert.rejects(loadProfile(join(dir, 'missing.yaml')), /--profile .*missing\.yaml: cannot read it/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('listing teasers in an unknown theme are read with listing.item and its fields', () => {
  const html = load(readFileSync(new URL('../../../fixtures/pages/listing-custom-theme.html', import.meta.url), 'utf8'), { xml: { xmlMode: false, decodeEntities: true } });
  assert.deepEqual(extractListing(html, 'http://odd.test/').items, [], 'the built-in rules find no items here');
  const profile = validateProfile({ listing: { item: '.teaser', title: '.teaser-head a', excerpt: '.teaser-text', categories: '.topics', commentCount: '.talk' } }, 'test');
  const l = extractListing(html, 'http://odd.test/', profile);
  assert.deepEqual(l.items.map((i) => [i.url, i.title?.value, i.excerpt?.value, i.categories?.value.map((c) => c.name), i.commentCount?.value]), [
    ['http://odd.test/ett/', 'Ett inlägg', 'Kort om det första.', ['Nyheter'], 2],
    ['http://odd.test/tva/', 'Två inlägg', 'Kort om det andra.', ['Sport'], 0],
  ]);
  assert.deepEqual(l.problems, []);
  const missing = extractListing(html, 'http://odd.test/', validateProfile({ listing: { item: 'div.nope' } }, 'test'));
  assert.deepEqual(missing.problems, ['profile selector listing.item "div.nope" matched nothing on http://odd.test/']);
});
