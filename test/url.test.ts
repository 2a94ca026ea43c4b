import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeUrl, normalizePercentEncoding, slugify, slugOf, encodeSlug } from '../src/url.ts';

test('normalizeUrl: scheme, host, port, fragment, dot segments', () => {
  assert.equal(normalizeUrl('HTTP://WWW.Naringsbloggen.SE:80/innovation/./eu/../om/#comments'), 'http://www.naringsbloggen.se/innovation/om/');
  assert.equal(normalizeUrl('https://example.se:443/a?'), 'https://example.se/a');
  assert.equal(normalizeUrl('https://example.se:8443/a'), 'https://example.se:8443/a');
  assert.equal(normalizeUrl('mailto:x@example.se'), null);
  assert.equal(normalizeUrl('not a url'), null);
  assert.equal(normalizeUrl('../../feed/', 'http://h/innovation/page/2/'), 'http://h/innovation/feed/');
});

test('normalizeUrl: en dash in every spelling is one URL', () => {
  const upper = 'http://h/innovation/om-innovation/en-nationell-innovationsstrategi-%E2%80%93-ja-tack/';
  assert.equal(normalizeUrl('http://h/innovation/om-innovation/en-nationell-innovationsstrategi-%e2%80%93-ja-tack/'), upper);
  assert.equal(normalizeUrl('http://h/innovation/om-innovation/en-nationell-innovationsstrategi-–-ja-tack/'), upper);
  assert.equal(normalizeUrl(upper), upper);
});

test('normalizePercentEncoding decodes unreserved, upper-cases hex, encodes raw bytes and stray %', () => {
  assert.equal(normalizePercentEncoding('/%7euser/%41b'), '/~user/Ab');
  assert.equal(normalizePercentEncoding('/å/%c3%a5'), '/%C3%A5/%C3%A5');
  assert.equal(normalizePercentEncoding('/100%/x'), '/100%25/x');
  assert.equal(normalizePercentEncoding('/a b'), '/a%20b');
});

test('normalizeUrl drops only the named parameters', () => {
  assert.equal(normalizeUrl('http://h/a/?replytocom=12#respond', undefined, { dropParams: ['replytocom'] }), 'http://h/a/');
  assert.equal(normalizeUrl('http://h/?p=7&replytocom=3', undefined, { dropParams: ['replytocom'] }), 'http://h/?p=7');
  assert.equal(normalizeUrl('http://h/?p=7'), 'http://h/?p=7');
});

test('slugify follows the site slug rules', () => {
  assert.equal(slugify('Vad händer den här veckan? (Vecka 43)'), 'vad-hander-den-har-veckan-vecka-43');
  assert.equal(slugify('Raska fötter sprungit…'), 'raska-fotter-sprungit');
  assert.equal(slugify('En nationell innovationsstrategi – ja tack!'), 'en-nationell-innovationsstrategi-–-ja-tack');
  assert.equal(encodeSlug(slugify('En nationell innovationsstrategi – ja tack!')), 'en-nationell-innovationsstrategi-%E2%80%93-ja-tack');
  assert.equal(slugify('”Let’s be responsive out there!” Vad händer vecka 44?'), 'lets-be-responsive-out-there-vad-hander-vecka-44');
});

test('slugOf percent-decodes the last segment', () => {
  assert.equal(slugOf('http://h/innovation/om/en-%E2%80%93-ja/'), 'en-–-ja');
  assert.equal(slugOf('http://h/'), '');
});
