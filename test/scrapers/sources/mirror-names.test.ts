import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backupOf, httrackSourceUrl, sniffContentType, urlOfMirrorFile } from '../../../src/scrapers/sources/mirror-names.ts';

const BASE = 'http://www.naringsbloggen.se/';
const url = (p: string, base = BASE) => {
  const r = urlOfMirrorFile(p, base);
  return r.url;
};

test('folder URLs: index.html, index.htm and a feed\'s index.xml stand for the folder', () => {
  assert.equal(url('index.html'), 'http://www.naringsbloggen.se/');
  assert.equal(url('innovation/eu/index.html'), 'http://www.naringsbloggen.se/innovation/eu/');
  assert.equal(url('innovation/feed/index.xml'), 'http://www.naringsbloggen.se/innovation/feed/');
  assert.equal(url('a/INDEX.HTM'), 'http://www.naringsbloggen.se/a/');
});

test('wget keeps the query in the name; --adjust-extension\'s .html and .css after it are not the URL\'s', () => {
  assert.equal(url('index.html?p=12.html'), 'http://www.naringsbloggen.se/?p=12');
  assert.equal(url('innovation/index.html?p=92.html'), 'http://www.naringsbloggen.se/innovation/?p=92');
  assert.equal(url('innovation/index.html%3Fp=92.html'), 'http://www.naringsbloggen.se/innovation/?p=92');
  assert.equal(url('innovation/index.html%3fp=92.html'), 'http://www.naringsbloggen.se/innovation/?p=92');
  assert.equal(url('wp-content/style.css?ver=4.9.css'), 'http://www.naringsbloggen.se/wp-content/style.css?ver=4.9');
  assert.equal(url('xmlrpc.php?rsd'), 'http://www.naringsbloggen.se/xmlrpc.php?rsd');
  assert.equal(url('a/index.html?replytocom=5.html'), 'http://www.naringsbloggen.se/a/', 'the crawl drops replytocom too');
});

test('percent escapes in folder names and the decoded characters give one URL', () => {
  const escaped = url('2008/03/02/wardrive-runde-i-t%c3%b8nsberg/index.html');
  const decoded = url('2008/03/02/wardrive-runde-i-tønsberg/index.html');
  assert.equal(escaped, 'http://www.naringsbloggen.se/2008/03/02/wardrive-runde-i-t%C3%B8nsberg/');
  assert.equal(decoded, escaped);
  assert.equal(url('a b/c#d.html'), 'http://www.naringsbloggen.se/a%20b/c%23d.html');
});

test('.orig backups stand for the file they back up; tool files map to nothing, with a reason', () => {
  assert.equal(backupOf('a/index.html.orig'), 'a/index.html');
  assert.equal(backupOf('a/index.html'), null);
  assert.equal(url('innovation/page/3/index.html.orig'), 'http://www.naringsbloggen.se/innovation/page/3/');
  assert.equal(url('innovation/index.html?p=92.orig'), 'http://www.naringsbloggen.se/innovation/?p=92');
  for (const p of ['hts-cache/new.zip', 'hts-log.txt', 'sub/.DS_Store', 'backblue.gif']) {
    const r = urlOfMirrorFile(p, BASE);
    assert.equal(r.url, null, p);
    assert.match('reason' in r ? r.reason : '', /mirroring tool/);
  }
});

test('a base URL with a folder: files are under it', () => {
  assert.equal(url('index.html', 'http://example.se/blog'), 'http://example.se/blog/');
  assert.equal(url('2010/07/x/index.html', 'https://example.se/blog/'), 'https://example.se/blog/2010/07/x/');
});

test('HTTrack\'s "Mirrored from" line names the URL a renamed file was served at', () => {
  const head = '<html><!-- Mirrored from www.naringsbloggen.se/innovation/?p=7 by HTTrack Website Copier/3.x [XR&CO\'2014], Mon, 15 Jan 2018 --><head>';
  assert.equal(httrackSourceUrl(head), 'http://www.naringsbloggen.se/innovation/?p=7');
  assert.equal(httrackSourceUrl(head, 'https:'), 'https://www.naringsbloggen.se/innovation/?p=7');
  assert.equal(httrackSourceUrl('<html><head>'), null);
});

test('content types from the bytes where the name lies: a feed saved as index.html is RSS', () => {
  const rss = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>');
  assert.equal(sniffContentType('innovation/feed/index.html', rss), 'application/rss+xml');
  assert.equal(sniffContentType('feed/atom/index.html', Buffer.from('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">')), 'application/atom+xml');
  assert.equal(sniffContentType('sitemap.xml', Buffer.from('<?xml version="1.0"?><urlset>')), 'application/xml');
  assert.equal(sniffContentType('noext', Buffer.from('\uFEFF<!DOCTYPE html><html>')), 'text/html');
  assert.equal(sniffContentType('x.css', Buffer.from('body { color: red }')), 'text/css');
  assert.equal(sniffContentType('img/a.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])), 'image/png');
});
