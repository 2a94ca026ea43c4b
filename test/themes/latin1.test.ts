/**
 * The Danish Twenty Ten site is what a WordPress blog with blog_charset ISO-8859-1 served: Latin-1 bytes
 * on disk, no charset in the HTTP header, the charset named only by a `<meta http-equiv>` tag, and
 * characters beyond Latin-1 written as numeric entities.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { fileFor, fileForTarget, loadSites, walk } from './helpers.ts';

const site = loadSites().find((s) => s.name === 'twentyten-da-latin1')!;

test('the Latin-1 site names no charset for its HTML in the server config', () => {
  assert.ok(site, 'twentyten-da-latin1 exists');
  assert.equal(site.server.htmlCharset, null);
});

test('every HTML page is Latin-1 bytes with a meta http-equiv charset in its first 1024 bytes', () => {
  const pages = walk(site.siteDir).filter((f) => f.endsWith('.html'));
  assert.ok(pages.length > 40);
  for (const rel of pages) {
    const bytes = readFileSync(join(site.siteDir, rel));
    assert.match(bytes.subarray(0, 1024).toString('latin1'), /<meta http-equiv="Content-Type" content="text\/html; charset=ISO-8859-1" \/>/, rel);
    // The site title "Cykelnørden" is on every page: ø must be the single byte 0xF8, which is not UTF-8.
    assert.ok(bytes.includes(Buffer.from('Cykeln\xf8rden', 'latin1')), `${rel}: ø as the Latin-1 byte F8`);
    assert.ok(!bytes.includes(Buffer.from('ø', 'utf8')), `${rel}: no UTF-8 ø`);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), `${rel} must not be valid UTF-8`);
  }
});

test('æ, ø and å are single Latin-1 bytes; € and typographic dashes are numeric entities', () => {
  const post = site.truth.posts.find((p) => p.title.includes('€'))!;
  assert.ok(post, 'a post title with €');
  const bytes = readFileSync(fileForTarget(site, new URL(post.url).search.replace(/^/, '/'))!);
  const raw = bytes.toString('latin1');
  assert.ok(raw.includes('&#8364;') && raw.includes('&#8211;'), '€ and – written as entities');
  assert.ok(raw.includes('g\xf8re'), 'ø as one byte');
  const $ = cheerio.load(new TextDecoder('latin1').decode(bytes));
  assert.equal($('h1.entry-title').text(), post.title);
  const home = readFileSync(fileFor(site, '/')!).toString('latin1');
  for (const ch of ['\xe6', '\xf8', '\xe5']) assert.ok(home.includes(ch), `front page holds byte ${ch.charCodeAt(0).toString(16)}`);
});

test('the feed stays UTF-8, as the replica serves feeds', () => {
  const feed = readFileSync(join(site.siteDir, 'feed', 'index.xml'));
  assert.match(feed.subarray(0, 60).toString('utf8'), /encoding="UTF-8"/);
  assert.ok(new TextDecoder('utf-8', { fatal: true }).decode(feed).includes('Cykelnørden'));
});
