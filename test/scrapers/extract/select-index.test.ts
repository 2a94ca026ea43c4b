/**
 * The tree index (select-index.ts) only narrows a search; css-select's whole-tree walk is the truth.
 * On real pages (the corpora's saved sites and the theme fixtures) every reader-like selector must give the
 * same elements in the same order through `find` as through css-select's `selectAll`: from the document,
 * from each post item, from several items at once, after parts of the tree were cut out, and in a clone.
 * Breaks if the index missed an element, kept one cut out of the tree, searched outside the scope, or
 * returned the hits out of document order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { hasChildren } from 'domhandler';
import { selectAll } from 'css-select';
import { find } from '../../../src/scrapers/extract/select.ts';
import { selectorKeys } from '../../../src/scrapers/extract/select-index.ts';

const CORPORA = fileURLToPath(new URL('../../../../shared/corpora/', import.meta.url));
const THEMES = fileURLToPath(new URL('../../../fixtures/themes/', import.meta.url));

const SELECTORS = [
  'a[href]', 'h1, h2, h3', 'h2 a', '.entry-title a', 'a[rel~="bookmark"][href]', 'article, .hentry, div[id^="post-"]',
  '.entry-content, .post-content, .entry', 'p, div', 'li[id^="comment-"], ol.commentlist', '#comments, .comments-area',
  'time, .entry-date', 'link[rel="alternate"][href]', 'script, style', 'div > p:first-child', 'ul li + li', 'p ~ p',
  '.widget a, aside a', 'a:not([rel])', ':is(h1, h2) a', '*', '[class]', 'img[src], figure img', 'IMG', 'span.NoSuchClass',
];

/** Up to `n` HTML files under `dir`, spread over its folders. */
function htmlFiles(dir: string, n: number): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      if (out.length >= n) return;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.html')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function walkFind(scope: AnyNode[], selector: string): Element[] {
  const roots: AnyNode[] = [];
  for (const n of scope) if (hasChildren(n)) roots.push(...n.children);
  return roots.length === 0 ? [] : selectAll(selector, roots as Element[]);
}

function same($: cheerio.CheerioAPI, scope: AnyNode[], label: string): void {
  for (const s of SELECTORS) {
    const got = find($(scope), s).toArray();
    const want = walkFind(scope, s);
    assert.equal(got.length, want.length, `${label}: ${s}: ${got.length} elements, css-select finds ${want.length}`);
    got.forEach((el, i) => assert.equal(el, want[i], `${label}: ${s}: element ${i} differs`));
  }
}

function checkPage(file: string): void {
  const $ = cheerio.load(readFileSync(file));
  same($, [$.root()[0]!], `${file} (document)`);
  const items = walkFind([$.root()[0]!], 'article, .hentry, .post, .comment');
  for (const it of items.slice(0, 6)) same($, [it], `${file} (item)`);
  if (items.length >= 2) same($, [items[0]!, items[items.length - 1]!, items[0]!], `${file} (several items)`);
  // Cut parts out, as the readers do, then ask again: cut elements must not come back.
  const cut = walkFind([$.root()[0]!], '.entry-meta, #comments, .widget, script, h2, .sharedaddy');
  $(cut).remove();
  same($, [$.root()[0]!], `${file} (after cuts)`);
  for (const it of items.slice(0, 3)) same($, [it], `${file} (item after cuts)`);
  const body = walkFind([$.root()[0]!], 'body')[0];
  if (body) {
    const clone = $(body).clone();
    $(walkFind(clone.toArray(), 'p, a')).slice(0, 10).remove();
    same($, clone.toArray(), `${file} (clone)`);
  }
}

test('find through the tree index answers as css-select on real pages', () => {
  const files = [
    ...(existsSync(CORPORA) ? readdirSync(CORPORA).filter((c) => existsSync(join(CORPORA, c, 'site'))).flatMap((c) => htmlFiles(join(CORPORA, c, 'site'), 12)) : []),
    ...readdirSync(THEMES).filter((t) => existsSync(join(THEMES, t, 'site'))).flatMap((t) => htmlFiles(join(THEMES, t, 'site'), 8)),
  ];
  assert.ok(files.length >= 30, `only ${files.length} pages to compare`);
  for (const f of files) checkPage(f);
});

test('selectors with no tag, id or class in an alternative are walked, not indexed', () => {
  assert.equal(selectorKeys('*'), null);
  assert.equal(selectorKeys('h1, [rel="x"]'), null);
  assert.deepEqual(selectorKeys('div.a > p#B, ul li'), [{ kind: 'id', value: 'b' }, { kind: 'tag', value: 'li' }]);
  assert.equal(selectorKeys('a[[['), null);
});
