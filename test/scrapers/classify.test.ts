import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { classifyPage, classifyUrl } from '../../src/scrapers/classify.ts';

const html = (bodyClass: string) => load(`<html><head></head><body class="${bodyClass}"><p>x</p></body></html>`, { xml: { xmlMode: false } });
const ok = { status: 200, headers: { 'content-type': 'text/html; charset=UTF-8' } };

test('body classes decide the kind of a WordPress page, whatever its URL', () => {
  const cases: [string, string, string][] = [
    ['http://b.test/any/path/', 'single single-post postid-12 single-format-standard', 'post'],
    ['http://b.test/om/', 'page page-id-2 page-template-default', 'page'],
    ['http://b.test/innovation/', 'home blog', 'home'],
    ['http://b.test/', 'home page page-id-4', 'home'],
    ['http://b.test/page/2/', 'home blog paged paged-2', 'pagination'],
    ['http://b.test/thema/garten/', 'archive category category-garten', 'category'],
    ['http://b.test/schlagwort/beet/', 'archive tag tag-beet', 'tag'],
    ['http://b.test/2013/06/', 'archive date', 'date'],
    ['http://b.test/author/anna/', 'archive author author-anna', 'author'],
    ['http://b.test/thema/garten/page/2/', 'archive category paged paged-2', 'pagination'],
    ['http://b.test/?s=x', 'search search-results', 'search'],
    ['http://b.test/2013/06/bild/', 'attachment single single-attachment', 'attachment'],
  ];
  for (const [url, cls, kind] of cases) assert.equal(classifyPage(url, html(cls), ok), kind, `${url} ${cls}`);
});

test('URL shapes decide where there is no page to read: redirects, 404s, feeds, uploads', () => {
  assert.equal(classifyPage('http://b.test/innovation/?p=12', null, { status: 301, headers: {} }), 'shortlink');
  assert.equal(classifyPage('http://b.test/?page_id=2', null, { status: 301, headers: {} }), 'shortlink');
  assert.equal(classifyPage('http://b.test/innovation/feed/', null, { status: 200, headers: { 'content-type': 'application/rss+xml' } }), 'feed');
  assert.equal(classifyPage('http://b.test/innovation/files/2013/07/a.jpg', null, { status: 200, headers: { 'content-type': 'image/jpeg' } }), 'upload');
  assert.equal(classifyPage('http://b.test/gone/', html('error404'), { status: 404, headers: { 'content-type': 'text/html' } }), 'other');
  assert.equal(classifyUrl('http://b.test/wp-content/uploads/2013/04/x.gif'), 'upload');
  assert.equal(classifyUrl('http://b.test/innovation/category/eu/'), 'category');
  assert.equal(classifyUrl('http://b.test/innovation/2012/10/'), 'date');
  assert.equal(classifyUrl('http://b.test/innovation/page/3/'), 'pagination');
  assert.equal(classifyUrl('http://b.test/innovation/tag/oecd/'), 'tag');
  assert.equal(classifyUrl('http://b.test/innovation/author/perl/'), 'author');
  assert.equal(classifyUrl('http://b.test/'), 'home');
  assert.equal(classifyUrl('http://b.test/innovation/eu/some-post/'), 'other');
});

test('a page without body classes falls back to its URL shape', () => {
  assert.equal(classifyPage('http://b.test/category/eu/', load('<p>no classes</p>'), ok), 'category');
});
