/**
 * Every internal link of every theme site resolves in the folder format the replica server serves:
 * to a file, to a page folder, or through a redirect of `_server.json` to one; and every page can be
 * reached from the front page, so a crawl starting at `/` sees the whole site.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { decodeHtml, fileFor, fileForTarget, loadSites, walk, type ThemeSite } from './helpers.ts';

/** The path of the file a same-site URL ends at, following at most one redirect; null when it is dead. */
function resolve(site: ThemeSite, url: URL): string | null {
  const key = `${url.pathname}${url.search}`;
  const target = site.server.redirects[key];
  if (target === undefined) return fileForTarget(site, key);
  const to = new URL(target, site.server.siteUrl);
  return fileForTarget(site, `${to.pathname}${to.search}`);
}

const parsed = new Map<string, string[]>();

function linksOf(site: ThemeSite, file: string): string[] {
  let links = parsed.get(file);
  if (!links) parsed.set(file, (links = readLinks(file)));
  return links;
}

function readLinks(file: string): string[] {
  const bytes = readFileSync(file);
  if (file.endsWith('.xml')) {
    const $ = cheerio.load(bytes.toString('utf8'), { xml: true });
    return [...$('item > link, channel > link').map((_, el) => $(el).text()).get(), ...$('atom\\:link').map((_, el) => $(el).attr('href') ?? '').get()];
  }
  const $ = cheerio.load(decodeHtml(bytes));
  return $('a[href], link[href], img[src], script[src]').map((_, el) => $(el).attr('href') ?? $(el).attr('src') ?? '').get();
}

for (const site of loadSites()) {
  const host = new URL(site.server.siteUrl).host;
  const pageFiles = walk(site.siteDir).filter((f) => f.endsWith('.html') || f.endsWith('.xml')).map((f) => join(site.siteDir, f));

  test(`${site.name}: every internal link resolves`, () => {
    const dead: string[] = [];
    let checked = 0;
    for (const file of pageFiles) {
      for (const href of linksOf(site, file)) {
        const url = new URL(href, site.server.siteUrl);
        if (url.host !== host) continue;
        checked++;
        if (!resolve(site, url)) dead.push(`${href} (on ${file.slice(site.siteDir.length)})`);
      }
    }
    assert.deepEqual(dead, []);
    assert.ok(checked > 1000, `${site.name}: only ${checked} internal links checked`);
  });

  test(`${site.name}: every redirect of _server.json lands on a page`, () => {
    const plain = site.truth.posts.every((p) => new URL(p.url).search.startsWith('?p='));
    // Pretty permalinks answer the `?p=ID` shortlinks with a redirect; plain ones ARE `?p=ID`.
    assert.equal(Object.keys(site.server.redirects).filter((k) => k.startsWith('/?p=')).length, plain ? 0 : site.truth.posts.length);
    assert.ok(Object.keys(site.server.redirects).length > 0, 'some old URL redirects');
    for (const [from, to] of Object.entries(site.server.redirects)) {
      const u = new URL(to, site.server.siteUrl);
      assert.ok(fileForTarget(site, `${u.pathname}${u.search}`), `${from} → ${to}`);
      assert.equal(site.server.redirects[to], undefined, `${from} → ${to} is not a chain`);
    }
    assert.ok(fileFor(site, '/') && readFileSync(join(site.siteDir, site.server.notFound)).length > 0, '404 page exists');
  });

  test(`${site.name}: every page and the feed can be reached from the front page`, () => {
    const seen = new Set<string>();
    const queue = [fileFor(site, '/')!];
    while (queue.length) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      if (!file.endsWith('.html') && !file.endsWith('.xml')) continue;
      for (const href of linksOf(site, file)) {
        const url = new URL(href, site.server.siteUrl);
        if (url.host !== host) continue;
        const target = resolve(site, url);
        if (target && !seen.has(target)) queue.push(target);
      }
    }
    const unreached = pageFiles.filter((f) => !seen.has(f) && !f.endsWith(site.server.notFound));
    assert.deepEqual(unreached.map((f) => f.slice(site.siteDir.length)), []);
  });
}
