/**
 * Each theme site's truth.json agrees with its pages: every post's title, categories, tags, author, date
 * and comment count appear where that theme shows them, on the post page and on the front-page listing.
 * The page side is read here from the markup itself, independently of the generator's code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheerioAPI } from 'cheerio';
import { normalizeUrl } from '../../src/url.ts';
import { loadPage, loadSites, squash, type ThemeSite, type TruthPost } from './helpers.ts';

const sites = loadSites();

/** The displayed comment count in each site's words, as a reader of that language would read it. */
const COUNT_WORDS: Record<string, [RegExp, (m: RegExpExecArray) => number][]> = {
  en: [[/^Leave a reply$/, () => 0], [/^1 Reply$/, () => 1], [/^(\d+) Replies$/, (m) => Number(m[1])]],
  de: [[/^Keine Kommentare zu /, () => 0], [/^Ein Kommentar$/, () => 1], [/^(\d+) Kommentare$/, (m) => Number(m[1])]],
  nb: [[/^(\d+) kommentar(er)?$/, (m) => Number(m[1])], [/^Kommentarer er stengt$/, () => 0]],
  da: [[/^Ingen kommentarer$/, () => 0], [/^1 kommentar$/, () => 1], [/^(\d+) kommentarer$/, (m) => Number(m[1])], [/^Kommentarer lukket$/, () => 0]],
};
/** The heading above a post's comments: "3 thoughts on", "Ein Gedanke zu", "5 svar til", "Et svar til". */
const ONE = /^(One|Ein|Ett|Et)\b/;

function readCount(lang: string, text: string): number {
  for (const [re, f] of COUNT_WORDS[lang]!) {
    const m = re.exec(text);
    if (m) return f(m);
  }
  throw new Error(`unreadable comment count ${JSON.stringify(text)} (${lang})`);
}

/** Every page of the front-page listing, in order, following its "older posts" / "next page" link. */
function homePages(site: ThemeSite): CheerioAPI[] {
  const pages = [loadPage(site, site.truth.site)];
  for (;;) {
    const $ = pages[pages.length - 1]!;
    const next = $('.pagination a.next, #nav-below .nav-previous a').attr('href');
    if (!next) return pages;
    pages.push(loadPage(site, new URL(next, site.truth.site).href));
  }
}

function postId($: CheerioAPI): string {
  const id = $('[id^="post-"]').filter((_, el) => /^post-\d+$/.test($(el).attr('id') ?? '')).first().attr('id');
  assert.ok(id, 'the post page has an element with id post-N');
  return id;
}

test('every site has 12–25 posts, sorted by normalised URL on its own host', () => {
  assert.ok(sites.length >= 4, `expected four theme sites, found ${sites.map((s) => s.name).join(', ')}`);
  for (const site of sites) {
    const urls = site.truth.posts.map((p) => p.url);
    assert.ok(urls.length >= 12 && urls.length <= 25, `${site.name}: ${urls.length} posts`);
    assert.deepEqual(urls, [...urls].sort(), `${site.name}: truth sorted by url`);
    assert.equal(new Set(urls).size, urls.length, `${site.name}: urls unique`);
    for (const u of urls) {
      assert.equal(normalizeUrl(u), u, `${site.name}: ${u} is normalised`);
      assert.ok(u.startsWith(site.truth.site), `${site.name}: ${u} on ${site.truth.site}`);
    }
    assert.equal(site.truth.site, `${site.server.siteUrl}/`);
  }
});

for (const site of sites) {
  const lang = site.truth.language;

  test(`${site.name}: each post page shows its truth (title, categories, tags, author, date, comments)`, () => {
    for (const p of site.truth.posts) {
      const $ = loadPage(site, p.url);
      const where = `${site.name} ${p.url}`;
      assert.equal(normalizeUrl($('link[rel="canonical"]').attr('href') ?? ''), p.url, `${where}: canonical`);
      assert.equal(squash($('h1.entry-title').text()), p.title, `${where}: title`);
      assert.deepEqual($('a[rel~="category"]').map((_, a) => squash($(a).text())).get(), p.categories, `${where}: categories`);
      assert.deepEqual($('a[rel="tag"]').map((_, a) => squash($(a).text())).get(), p.tags, `${where}: tags`);
      assert.equal(squash($('.author.vcard a').first().text()), p.author, `${where}: author`);
      checkDate($, p, lang, where);
      // Comments on the page: elements whose id is comment-N (article, li or div depending on the theme).
      const shown = $('[id]').filter((_, el) => /^comment-\d+$/.test($(el).attr('id') ?? '')).length;
      assert.equal(shown, p.commentCount, `${where}: comments on the page`);
      const heading = squash($('.comments-title, #comments-title').text());
      if (p.commentCount === 0) assert.equal(heading, '', `${where}: no comments heading`);
      else assert.equal(ONE.test(heading) ? 1 : Number(/^(\d+)/.exec(heading)?.[1]), p.commentCount, `${where}: heading ${heading}`);
      assert.ok(!$(`#${postId($)}`).text().includes('12 Comments'), `${where}: the HTML comment is not text`);
    }
  });

  test(`${site.name}: the front-page listing shows every post with its title, link and comment count`, () => {
    const seen = new Map<string, number>();
    for (const $ of homePages(site)) {
      $('[id^="post-"]').filter((_, el) => /^post-\d+$/.test($(el).attr('id') ?? '')).each((_, el) => {
        const a = $(el).find('.entry-title a');
        const url = normalizeUrl(a.attr('href') ?? '')!;
        const p = site.truth.posts.find((x) => x.url === url);
        assert.ok(p, `${site.name}: listing links ${url}, which truth lacks`);
        seen.set(url, (seen.get(url) ?? 0) + 1);
        assert.equal(squash(a.text()), p.title, `${site.name} listing: title of ${url}`);
        if (site.truth.theme !== 'twentyseventeen') {
          // Twenty Seventeen shows categories on the post page only.
          assert.deepEqual($(el).find('a[rel~="category"]').map((_, c) => squash($(c).text())).get(), p.categories, `${site.name} listing: categories of ${url}`);
        }
        const link = $(el).find('.comments-link');
        if (link.length > 0) assert.equal(readCount(lang, squash(link.text())), p.commentCount, `${site.name} listing: count of ${url}`);
        else {
          // Only a post with comments closed shows no count on the listing; its page has no reply form.
          const page = loadPage(site, url);
          assert.equal(page('#respond').length, 0, `${site.name}: ${url} shows no count but takes comments`);
        }
        if (p.excerpt) {
          const text = squash($(el).find('.entry-content').text());
          for (const para of p.excerpt.split('\n\n')) assert.ok(text.includes(squash(para)), `${site.name} listing: excerpt of ${url}`);
        }
      });
    }
    for (const p of site.truth.posts) assert.ok(seen.has(p.url), `${site.name}: ${p.url} missing from the front-page listing`);
  });
}

const DA_MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

function checkDate($: CheerioAPI, p: TruthPost, lang: string, where: string): void {
  const time = $('time.entry-date').first();
  if (time.length) {
    assert.equal((time.attr('datetime') ?? '').slice(0, 10), p.published, `${where}: datetime`);
    return;
  }
  // Twenty Ten prints the date as text only: "5. maj 2010".
  assert.equal(lang, 'da');
  const m = /^(\d+)\. (\S+) (\d{4})$/.exec(squash($('.entry-date').first().text()));
  assert.ok(m, `${where}: date text`);
  const iso = `${m[3]}-${String(DA_MONTHS.indexOf(m[2]!) + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  assert.equal(iso, p.published, `${where}: date`);
}
