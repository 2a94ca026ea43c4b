/**
 * The replica's small parts: the Markdown subset and its HTML, WordPress's automatic excerpt, Stockholm
 * summer time, the generated image bytes, and WordPress's lower-case escapes in links.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, inflateSync } from 'node:zlib';
import { automaticExcerpt, parseMarkdown, renderBlocks, texturize } from '../../src/replica/markdown.ts';
import { isoLocal, rfc822 } from '../../src/replica/dates.ts';
import { makeJpeg, makePng } from '../../src/replica/media.ts';
import { permalink, type PostMeta, type Term } from '../../src/replica/model.ts';
import { lookupKey } from '../../src/replica/site-responder.ts';

const SITE = 'http://www.naringsbloggen.se';

test('a figure is an image paragraph plus a caption ending in [Bildrättigheter](…); the theme renders it', () => {
  const md = 'Text före.\n\n![Anna. Foto: Privat](http://www.naringsbloggen.se/innovation/files/2012/03/anna.jpg)\n\nAnna. Foto: Privat [Bildrättigheter](http://www.regeringen.se/b/)\n\nText efter.';
  const blocks = parseMarkdown(md);
  assert.deepEqual(blocks.map((b) => b.type), ['p', 'figure', 'p']);
  assert.deepEqual(blocks[1], { type: 'figure', alt: 'Anna. Foto: Privat', src: 'http://www.naringsbloggen.se/innovation/files/2012/03/anna.jpg', caption: 'Anna. Foto: Privat', rightsUrl: 'http://www.regeringen.se/b/' });
  const html = renderBlocks(blocks, SITE, (f) => `<fig>${f.caption}</fig>`);
  assert.equal(html, '<p>Text före.</p>\n<fig>Anna. Foto: Privat</fig>\n<p>Text efter.</p>');
});

test('tables, lists, quotes, headings and inline links/emphasis render as WordPress bodies did', () => {
  const md = '## Rubrik\n\n- ett\n- två\n\n1. a\n2. b\n\n> Citat ”här”\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n\nSe [sidan](http://www.vinnova.se/) och _detta_ – **nu**…';
  const html = renderBlocks(parseMarkdown(md), SITE, () => '');
  assert.equal(html, [
    '<h2>Rubrik</h2>',
    '<ul>\n<li>ett</li>\n<li>två</li>\n</ul>',
    '<ol>\n<li>a</li>\n<li>b</li>\n</ol>',
    '<blockquote><p>Citat &#8221;här&#8221;</p></blockquote>',
    '<table>\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>',
    '<p>Se <a href="http://www.vinnova.se/" target="_blank">sidan</a> och <em>detta</em> &#8211; <strong>nu</strong>&#8230;</p>',
  ].join('\n'));
  assert.equal(texturize('Let’s <b>&'), 'Let&#8217;s &lt;b&gt;&amp;');
});

test('automatic excerpts: 55 words then " […]", short bodies whole, captions never included', () => {
  const long = Array.from({ length: 60 }, (_, i) => `ord${i}`).join(' ');
  assert.equal(automaticExcerpt(parseMarkdown(long)), `${Array.from({ length: 55 }, (_, i) => `ord${i}`).join(' ')} […]`);
  assert.equal(automaticExcerpt(parseMarkdown('Kort _text_ med [länk](http://x.se/).')), 'Kort text med länk.');
  assert.equal(automaticExcerpt(parseMarkdown('![a](http://x/a.jpg)\n\nAnna. Foto: X [Bildrättigheter](http://r/)')), '');
});

test('Stockholm time: +01:00 in winter, +02:00 from the last Sunday of March to the last Sunday of October', () => {
  assert.equal(isoLocal({ year: 2013, month: 3, day: 31, hour: 1, minute: 59 }), '2013-03-31T01:59:00+01:00');
  assert.equal(isoLocal({ year: 2013, month: 3, day: 31, hour: 3, minute: 0 }), '2013-03-31T03:00:00+02:00');
  assert.equal(isoLocal({ year: 2013, month: 10, day: 27, hour: 2, minute: 30 }), '2013-10-27T02:30:00+02:00');
  assert.equal(isoLocal({ year: 2013, month: 10, day: 27, hour: 3, minute: 0 }), '2013-10-27T03:00:00+01:00');
  assert.equal(rfc822({ year: 2012, month: 1, day: 1, hour: 0, minute: 30 }), 'Sat, 31 Dec 2011 23:30:00 +0000');
});

test('uploads are real images: JPEG markers and an 8x8 frame; PNG signature, chunk CRCs and pixel data', () => {
  const jpg = makeJpeg(200);
  assert.deepEqual([...jpg.subarray(0, 2)], [0xff, 0xd8]);
  assert.deepEqual([...jpg.subarray(-2)], [0xff, 0xd9]);
  const sof = jpg.indexOf(Buffer.from([0xff, 0xc0]));
  assert.ok(sof > 0);
  assert.equal(jpg.readUInt16BE(sof + 5), 8);
  assert.equal(jpg.readUInt16BE(sof + 7), 8);
  assert.ok(!makeJpeg(10).equals(jpg), 'each shade its own bytes');
  const png = makePng(90);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const idatAt = png.indexOf('IDAT');
  const idatLen = png.readUInt32BE(idatAt - 4);
  assert.equal(inflateSync(png.subarray(idatAt + 4, idatAt + 4 + idatLen)).length, 16 * (1 + 16 * 3));
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    assert.equal(png.readUInt32BE(at + 8 + len), crc32(png.subarray(at + 4, at + 8 + len)), `CRC of chunk at ${at}`);
    at += 12 + len;
  }
});

test('permalinks carry WordPress\'s lower-case escapes; lookup keys match any spelling of a path', () => {
  const cat: Term = { id: 1, name: 'Gästbloggare', slug: 'gastbloggare' };
  const post = { blog: 'innovation', slug: 'en-nationell-innovationsstrategi-–-ja-tack', primary: cat } as PostMeta;
  assert.equal(permalink(post), `${SITE}/innovation/gastbloggare/en-nationell-innovationsstrategi-%e2%80%93-ja-tack/`);
  const raw = '/innovation/gastbloggare/en-nationell-innovationsstrategi-–-ja-tack/';
  assert.equal(lookupKey('/innovation/gastbloggare/en-nationell-innovationsstrategi-%E2%80%93-ja-tack/'), raw);
  assert.equal(lookupKey('/innovation/gastbloggare/en-nationell-innovationsstrategi-%e2%80%93-ja-tack/'), raw);
  assert.equal(lookupKey('/innovation/?p=12'), '/innovation/?p=12');
});
