import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { load } from 'cheerio';
import { extractPost } from '../../../src/scrapers/extract/post.ts';
import { parseDateText, parseIsoDate, parseRfc822 } from '../../../src/scrapers/extract/dates.ts';
import { splitCaption } from '../../../src/scrapers/extract/captions.ts';

const URL_ = 'http://blog.test/innovation/vision/vantan-ar-over-%E2%80%93-har-ar-strategin/';
const page = () => load(readFileSync(new URL('../../../fixtures/pages/post-sv-threaded.html', import.meta.url), 'utf8'), { xml: { xmlMode: false, decodeEntities: true } });
const post = () => extractPost(page(), URL_, { url: URL_, payloadDigest: 'sha1:X' });

test('dates in Swedish, German, Danish, English words and digits', () => {
  assert.equal(parseDateText('5 juni 2013'), '2013-06-05');
  assert.equal(parseDateText('Publicerat den 2 oktober 2012'), '2012-10-02');
  assert.equal(parseDateText('6. Nov 2012'), '2012-11-06');
  assert.equal(parseDateText('11. april 2010'), '2010-04-11');
  assert.equal(parseDateText('June 5, 2013'), '2013-06-05');
  assert.equal(parseDateText('5. März 2013'), '2013-03-05');
  assert.equal(parseDateText('05.06.2013'), '2013-06-05');
  assert.equal(parseDateText('31 februari 2013'), null);
  assert.equal(parseIsoDate('2012-10-02T14:05:00+02:00'), '2012-10-02T14:05:00+02:00');
  assert.equal(parseIsoDate('2012-10-02T14:05:00'), '2012-10-02', 'no offset: only the date is certain');
  assert.equal(parseRfc822('Tue, 02 Oct 2012 12:05:00 +0000'), '2012-10-02T12:05:00+00:00');
});

test('post page: the published datetime attribute wins over the updated one and over text', () => {
  const p = post();
  assert.equal(p.published?.value, '2012-10-02T14:05:00+02:00');
  assert.equal(p.published?.rule, 'time.published[datetime]');
});

test('post page: title, canonical, shortlink id, author, categories', () => {
  const p = post();
  assert.equal(p.title?.value, 'Väntan är över – här är strategin');
  assert.equal(p.canonical, 'http://blog.test/innovation/innovationsstrategi/vantan-ar-over-%E2%80%93-har-ar-strategin/');
  assert.equal(p.shortlink, 'http://blog.test/innovation/?p=115');
  assert.equal(p.postId, '115');
  assert.deepEqual(p.author?.value, { name: 'Charlotte B', slug: 'charlotteb', url: 'http://blog.test/innovation/author/charlotteb/' });
  assert.deepEqual(p.categories?.value.map((c) => c.slug), ['innovationsstrategi', 'vision']);
  assert.equal(p.categories?.rule, 'rel=category');
});

test('comments keep their threading, authors, dates and paragraphs; the heading gives the count', () => {
  const p = post();
  assert.deepEqual(p.comments.map((c) => [c.id, c.parentId, c.author, c.published]), [
    ['72', null, 'Erik', '2012-10-03'],
    ['75', '72', 'Charlotte B', '2012-10-03T11:00:00+02:00'],
    ['80', null, 'Lena', '2012-10-05'],
  ]);
  assert.equal(p.comments[0]!.text, 'Bra strategi!\n\nAndra stycket.');
  assert.equal(p.commentCount?.value, 3);
});

test('caption and credit split from "Namn. Foto: Källa" and "Illustration: …", rights link dropped', () => {
  assert.deepEqual(splitCaption('Statssekreteraren på scenen. Foto: Näringsdepartementet Bildrättigheter'), { caption: 'Statssekreteraren på scenen', credit: 'Foto: Näringsdepartementet' });
  assert.deepEqual(splitCaption('Illustration: Näringsdepartementet'), { caption: null, credit: 'Illustration: Näringsdepartementet' });
  assert.deepEqual(splitCaption('Photo of the harbour'), { caption: 'Photo of the harbour', credit: null });
  assert.deepEqual(post().images, [
    { url: 'http://blog.test/innovation/files/2012/10/scenen.jpg', alt: 'Statssekreteraren på scenen. Foto: Näringsdepartementet', caption: 'Statssekreteraren på scenen', credit: 'Foto: Näringsdepartementet' },
    { url: 'http://blog.test/innovation/files/2012/10/karta.png', alt: 'karta.png', caption: null, credit: 'Illustration: Näringsdepartementet' },
  ]);
});

test('body as Markdown: closure notice and share line stripped, guest line kept, links absolute, figures as two paragraphs', () => {
  const p = post();
  assert.equal(p.contentMarkdown?.value, [
    '_Dagens gästbloggare är Anna Andersson, forskare._',
    'I dag presenterar regeringen strategin. Läs [förra inlägget](http://blog.test/innovation/eu/forra-inlagget/).',
    '![Statssekreteraren på scenen. Foto: Näringsdepartementet](http://blog.test/innovation/files/2012/10/scenen.jpg)',
    'Statssekreteraren på scenen. Foto: Näringsdepartementet [Bildrättigheter](http://www.regeringen.se/bildrattigheter/)',
    '![karta.png](http://blog.test/innovation/files/2012/10/karta.png)',
    'Illustration: Näringsdepartementet [Bildrättigheter](http://www.regeringen.se/bildrattigheter/)',
  ].join('\n\n'));
  assert.deepEqual(p.stripped, ['closure-notice', 'share-line']);
});
