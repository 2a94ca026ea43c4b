/**
 * fixtures/EXPECTED.json agrees with the pages the generator wrote (each field is on the post page and in
 * the listings, in the site's own words), and with the shared site facts it was built from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import type { PostRecord } from '../../src/types.ts';
import { normalizeUrl } from '../../src/url.ts';
import { diskFolder } from '../../src/replica/generate.ts';

const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;
const SITE_DIR = join(FIXTURES, 'site');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'EXPECTED.json'), 'utf8')) as PostRecord[];
const pages = JSON.parse(readFileSync(join(FIXTURES, 'EXPECTED-pages.json'), 'utf8')) as PostRecord[];
const facts = JSON.parse(readFileSync(join(FIXTURES, 'replica', 'site-facts.json'), 'utf8')) as {
  posts: { blog: string; title: string; path?: string; categories?: string[]; commentCountShown?: number; yearMonth?: string; date?: string; authorSlug?: string; primaryCategoryFromPath?: string }[];
};
const server = JSON.parse(readFileSync(join(SITE_DIR, '_server.json'), 'utf8')) as { rewrites: Record<string, string>; redirects: Record<string, string> };

const parsed = new Map<string, cheerio.CheerioAPI>();
/** A page of the committed site by its URL, parsed once (htmlparser2 backend: the tests stay fast). */
function load(url: string): cheerio.CheerioAPI {
  const file = join(SITE_DIR, diskFolder(url), 'index.html');
  let $ = parsed.get(file);
  if (!$) {
    $ = cheerio.load(readFileSync(file, 'utf8'), { xml: { xmlMode: false, decodeEntities: true } });
    parsed.set(file, $);
  }
  return $;
}
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const norm = (u: string | undefined): string | null => (u === undefined ? null : normalizeUrl(u));

/** Every listing item of every blog home page, by the normalised URL its title links to. */
function homeListingItems(): Map<string, { text: string; summary: string | null; html: string }> {
  const out = new Map<string, { text: string; summary: string | null; html: string }>();
  for (const blog of ['innovation', 'transport', 'transporter-och-infrastruktur', 'livsmedel']) {
    for (let n = 1; ; n++) {
      const file = join(SITE_DIR, blog, n === 1 ? '' : `page/${n}`, 'index.html');
      if (!existsSync(file)) break;
      const $ = cheerio.load(readFileSync(file, 'utf8'), { xml: { xmlMode: false, decodeEntities: true } });
      $('[id^="post-"]').each((_, el) => {
        const item = $(el);
        const href = item.find('.entry-title a').attr('href');
        const summary = item.find('.entry-summary');
        out.set(norm(href)!, { text: squash(item.text()), summary: summary.length ? squash(summary.text()) : null, html: $.html(item) });
      });
    }
  }
  return out;
}

test('EXPECTED.json is sorted by url, has every PostRecord field in contract order, and no empty title', () => {
  const urls = expected.map((p) => p.url);
  assert.deepEqual(urls, [...urls].sort());
  const keys = ['url', 'blog', 'slug', 'title', 'excerpt', 'excerptSource', 'categories', 'tags', 'commentCount', 'published', 'author', 'contentMarkdown', 'images', 'comments', 'aliases', 'provenance', 'capture'];
  for (const p of [...expected, ...pages]) {
    assert.deepEqual(Object.keys(p), keys, p.url);
    assert.ok(p.title.length > 0);
    assert.equal(p.url, normalizeUrl(p.url));
  }
  assert.ok(expected.filter((p) => p.blog === 'innovation').length >= 120);
});

test('every post of site-facts.json is in EXPECTED.json with its title, categories, count, month and path', () => {
  for (const f of facts.posts) {
    const matches = expected.filter((p) => p.blog === f.blog && p.title === f.title);
    assert.equal(matches.length, 1, `${f.blog}: ${f.title}`);
    const p = matches[0]!;
    if (f.categories) assert.deepEqual(p.categories.map((c) => c.name), f.categories, f.title);
    if (f.commentCountShown !== undefined) assert.equal(p.commentCount, f.blog === 'innovation' ? f.commentCountShown : null, f.title);
    if (f.yearMonth) assert.ok(p.published!.startsWith(f.yearMonth), `${f.title}: ${p.published} not in ${f.yearMonth}`);
    if (f.date) assert.ok(p.published!.startsWith(f.date), f.title);
    if (f.path) assert.equal(p.url, normalizeUrl(`http://www.naringsbloggen.se${f.path}`));
    if (f.authorSlug) assert.equal(p.author?.slug, f.authorSlug);
    if (f.primaryCategoryFromPath) assert.equal(new URL(p.url).pathname.split('/')[2], p.categories.find((c) => c.name === f.primaryCategoryFromPath!.replace(/ \(.*\)$/, ''))?.slug);
  }
});

test('each post page shows the record: title, canonical, categories, tags, date, author, images, comments', () => {
  for (const p of expected) {
    const $ = load(p.url);
    const article = $('.hentry').first();
    assert.equal(squash(article.find('.entry-title').first().text()), p.title, p.url);
    assert.equal(norm($('link[rel="canonical"]').attr('href')), p.url);
    assert.deepEqual(article.find('a[rel="category tag"]').map((_, a) => ({ name: $(a).text(), url: norm($(a).attr('href')) })).get(), p.categories.map((c) => ({ name: c.name, url: c.url })));
    for (const c of p.categories) assert.ok(article.hasClass(`category-${c.slug}`), `${p.url} lacks category-${c.slug}`);
    assert.deepEqual(article.find('a[rel="tag"]').map((_, a) => $(a).text()).get(), p.tags.map((t) => t.name));
    assert.equal(article.find('time.published').attr('datetime'), p.published);
    const author = article.find('a[rel="author"]');
    assert.equal(author.text(), p.author!.name);
    assert.equal(norm(author.attr('href')), p.author!.url);
    const imgs = article.find('.entry-content img').map((_, i) => ({ url: norm($(i).attr('src')), alt: $(i).attr('alt') })).get();
    assert.deepEqual(imgs, p.images.map((i) => ({ url: i.url, alt: i.alt })));
    for (const i of p.images) {
      const caption = squash(article.find('.wp-caption-text').text());
      assert.equal(caption, `${i.caption === null ? '' : `${i.caption}. `}${i.credit} Bildrättigheter`);
    }
    const ids = $('[id^="comment-"]').map((_, el) => $(el).attr('id')!.slice('comment-'.length)).get();
    assert.deepEqual(ids, p.comments.map((c) => c.id), p.url);
    for (const c of p.comments) {
      const el = $(`#comment-${c.id}`);
      assert.ok(squash(el.text()).includes(squash(c.text)), `comment ${c.id} text`);
      assert.ok(el.text().includes(c.author));
      assert.equal(el.find('time').attr('datetime'), c.published);
      const parentLi = el.closest('li').parent().closest('li');
      const parentId = parentLi.length ? (parentLi.attr('id') ?? '').replace(/^(li-)?comment-/, '') : null;
      assert.equal(parentId, c.parentId, `parent of comment ${c.id}`);
    }
    assert.equal($('body').text().includes('Bli den första som kommenterar!'), p.blog === 'innovation' && p.comments.length === 0, p.url);
    assert.match($('link[rel="shortlink"]').attr('href') ?? '', /\?p=\d+$/);
    assert.ok(p.aliases.includes(norm($('link[rel="shortlink"]').attr('href'))!));
  }
});

test('the body text and links of contentMarkdown are on the page', () => {
  for (const p of expected) {
    const $ = load(p.url);
    const content = $('.hentry .entry-content').first();
    const text = squash(content.text());
    for (const line of p.contentMarkdown.split('\n')) {
      if (line === '' || /^\| ---/.test(line) || /^!\[/.test(line)) continue;
      const plain = line.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/\*\*|_/g, '').replace(/^(## |- |\d+\. |> )/, '');
      for (const cell of plain.split('|').map(squash).filter(Boolean)) assert.ok(text.includes(cell), `${p.url}: "${cell}" not in the body`);
    }
    const links = [...p.contentMarkdown.matchAll(/(?<!!)\[[^\]]+\]\(([^)]+)\)/g)].map((m) => m[1]);
    const hrefs = content.find('a').map((_, a) => $(a).attr('href')).get();
    for (const l of links) assert.ok(hrefs.includes(l!), `${p.url}: link ${l} missing`);
  }
});

test('listings show each post with its excerpt and, on innovation only, its count in the site\'s words', () => {
  const items = homeListingItems();
  for (const p of expected) {
    const item = items.get(p.url);
    assert.ok(item, `${p.url} is not on its blog's home listing`);
    assert.equal(item.summary, p.excerpt === '' ? null : p.excerpt, p.url);
    assert.ok(item.text.includes(`Kategori ${p.categories.map((c) => c.name).join(' | ')}`), `${p.url}: category line`);
    const countText = p.commentCount === 1 ? '1 kommentar' : `${p.commentCount} kommentarer`;
    if (p.blog === 'innovation') {
      assert.equal(/\d+ kommentar/.test(item.text), p.commentCount! > 0, p.url);
      if (p.commentCount! > 0) assert.ok(item.text.includes(countText), `${p.url}: "${countText}"`);
    } else {
      assert.equal(p.commentCount, null);
      assert.ok(!/\d+ kommentar|#comments/.test(item.text + item.html), `${p.url}: a count in a theme that shows none`);
      assert.ok(item.text.indexOf('Share:') < item.text.indexOf('Kategori'), `${p.url}: Share line before Kategori`);
    }
  }
  const innovation = expected.filter((p) => p.blog === 'innovation');
  assert.ok(innovation.some((p) => p.excerpt.endsWith(' […]')) && innovation.some((p) => /[.!?]$/.test(p.excerpt)));
  assert.ok([...items.values()].some((i) => /entry-utility">.*comments-link/.test(i.html)), 'a count on the category line');
  assert.ok([...items.values()].some((i) => /<div class="comments-link">/.test(i.html)), 'a count on a line of its own');
});

test('alias paths serve the post\'s own page and are linked from their category listing', () => {
  for (const p of expected) {
    for (const alias of p.aliases.filter((a) => !a.includes('?p='))) {
      const key = new URL(alias).pathname;
      assert.equal(server.rewrites[key], `${diskFolder(p.url)}/index.html`, alias);
      const category = decodeURIComponent(key.split('/')[2]!);
      const linked = new Set<string | null>();
      const listing = `http://www.naringsbloggen.se/${p.blog}/category/${category}/`;
      for (let n = 1; n === 1 || existsSync(join(SITE_DIR, diskFolder(`${listing}page/${n}/`), 'index.html')); n++) {
        const $ = load(n === 1 ? listing : `${listing}page/${n}/`);
        $('.entry-title a').each((_, a) => { linked.add(norm($(a).attr('href'))); });
      }
      assert.ok(linked.has(alias), `${alias} not linked from its category listing`);
    }
  }
});

test('the site has the details site-facts names: guest posts, closure notice, four-plus categories, a table, an en dash slug', () => {
  const guests = expected.filter((p) => p.categories.some((c) => c.slug === 'gastbloggare'));
  assert.ok(guests.length > 0);
  for (const g of guests) assert.match(g.contentMarkdown, /^_Dagens gästbloggare är [^_]+_\n[\s\S]*_Inlägget är gästbloggarens egen uppfattning[^_]*_$/);
  assert.ok(expected.some((p) => p.categories.length >= 4));
  assert.ok(expected.some((p) => /\n\| --- \|/.test(p.contentMarkdown)));
  assert.ok(expected.some((p) => p.url.includes('%E2%80%93')));
  assert.ok(expected.some((p) => p.excerpt === ''));
  const uploads = expected.flatMap((p) => p.images.map((i) => i.url));
  assert.equal(new Set(uploads).size, uploads.length, 'no two posts share an upload (one would overwrite the other)');
  for (const p of [expected.find((x) => x.blog === 'innovation')!, expected.find((x) => x.blog === 'livsmedel')!]) {
    assert.match(load(p.url)('#upphor').text(), /Information: Näringsbloggen kommer att upphöra i januari 2018\./);
  }
  const toi = expected.find((x) => x.blog === 'transporter-och-infrastruktur')!;
  assert.equal(load(toi.url)('#upphor').length, 0, 'no closure notice on /transporter-och-infrastruktur/');
  assert.equal(cheerio.load(readFileSync(join(SITE_DIR, 'index.html'), 'utf8'))('#upphor').length, 0, 'none on the portal home');
  for (const page of pages) assert.equal(squash(load(page.url)('.entry-title').text()), page.title);
});
