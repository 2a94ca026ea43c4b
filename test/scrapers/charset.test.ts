import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBody, sniffCharset } from '../../src/scrapers/charset.ts';
import { crawlSite } from '../../src/scrapers/crawl.ts';
import { readArchive } from '../../src/scrapers/archive.ts';
import { startSite, testOptions } from './crawl-site.ts';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

test('an ISO-8859-1 page with only a <meta charset> decodes å ä ö', () => {
  const body = latin1('<html><head><meta charset="iso-8859-1"><title>Näringsliv</title></head><body>Hållbar tillväxt för små företag</body></html>');
  assert.match(decodeBody(body, 'text/html'), /Hållbar tillväxt för små/);
  assert.equal(sniffCharset(body, 'text/html').source, 'meta');
});

test('http-equiv Content-Type in the prescan is read too', () => {
  const body = latin1('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>Göteborg</p>');
  assert.match(decodeBody(body, undefined), /Göteborg/);
});

test('the HTTP header wins over <meta> when both are plausible', () => {
  const body = Buffer.from('<meta charset="utf-8"><p>Ö</p>', 'utf8');
  assert.equal(sniffCharset(body, 'text/html; charset=utf-8').source, 'header');
  const l = latin1('<meta charset="utf-8"><p>\u00d6</p>');
  assert.equal(sniffCharset(l, 'text/html; charset=windows-1252').encoding, 'windows-1252');
});

test('a Latin-1 header on a UTF-8 body, and a UTF-8 header on a Latin-1 body, are both repaired', () => {
  const utf8Body = Buffer.from('<p>Skåne – älg</p>', 'utf8');
  assert.equal(decodeBody(utf8Body, 'text/html; charset=ISO-8859-1'), '<p>Skåne – älg</p>');
  const latinBody = latin1('<p>Skåne älg</p>');
  assert.equal(decodeBody(latinBody, 'text/html; charset=UTF-8'), '<p>Skåne älg</p>');
});

test('a BOM beats everything; no declaration falls back to UTF-8 when valid, else windows-1252', () => {
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>å</p>')]);
  assert.equal(sniffCharset(bom, 'text/html; charset=windows-1252').source, 'bom');
  assert.equal(decodeBody(bom, 'text/html; charset=windows-1252'), '<p>å</p>');
  assert.equal(sniffCharset(Buffer.from('<p>å</p>'), undefined).encoding, 'UTF-8');
  assert.equal(decodeBody(Buffer.from([0x3c, 0x70, 0x3e, 0x93, 0x61, 0x94]), undefined), '<p>“a”');
});

test('the crawler reads links in a Latin-1 page as Latin-1 (non-ASCII URLs survive)', async () => {
  const site = await startSite({
    '/robots.txt': '',
    '/': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(latin1('<html><head><meta charset="iso-8859-1"></head><body><a href="/sök/">Sök</a></body></html>'));
    },
    '/s%C3%B6k/': 'found',
  });
  const dir = mkdtempSync(join(tmpdir(), 'naring-charset-'));
  try {
    await crawlSite(testOptions(site, dir));
    const urls: string[] = [];
    for await (const r of readArchive(dir)) urls.push(r.url);
    assert.ok(urls.includes('http://blog.test/s%C3%B6k/'), urls.join(' '));
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
