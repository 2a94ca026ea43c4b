/**
 * Categories, tags and the author of an article, read by WordPress's own conventions: `rel="category tag"`
 * (the_category()), `rel="tag"` (the_tags()), `rel="author"` (the_author_posts_link()), the `.cat-links` /
 * `.tags-links` / `.byline` wrappers of the Twenty themes, and links to `/category/`, `/tag/`, `/author/`.
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { AuthorRef, TermRef } from '../../types.ts';
import { slugOf } from '../../url.ts';
import { type Found, absUrl, cleanText, visibleText } from './text.ts';
import { find, inside, linkUnder, linksIn, matches } from './select.ts';

/** Sidebars and comment areas are never the article's own terms. */
const OUTSIDE = '.widget, #secondary, .sidebar, aside, #comments, .comments-area, nav, .navigation, .post-navigation, .nav-links';

function termLinks($: CheerioAPI, links: Cheerio<Element> | Element[], pageUrl: string): TermRef[] {
  const out: TermRef[] = [];
  const seen = new Set<string>();
  for (const el of Array.isArray(links) ? links : links.toArray()) {
    const a = $(el);
    if (inside(a, OUTSIDE)) continue;
    const url = absUrl(a.attr('href'), pageUrl);
    const name = visibleText(a);
    if (!url || !name || seen.has(url)) continue;
    seen.add(url);
    out.push({ name, slug: slugOf(url), url });
  }
  return out;
}

const CATEGORY_RULES: readonly [(el: Element) => boolean, string][] = [
  [(el) => matches(el, 'a[rel~="category"]'), 'rel=category'],
  // `.cat-links a, .entry-categories a, …`: asked of the link's ancestors once (see linkUnder).
  [(el) => linkUnder(el, '.cat-links, .entry-categories, .post-categories, .categories, .category-links'), 'cat-links'],
  [(el) => matches(el, 'a[href*="/category/"]'), 'href:/category/'],
];

/** The article's categories in the order it lists them, and the rule that found them. */
export function readCategories($: CheerioAPI, scope: Cheerio<AnyNode>, pageUrl: string): Found<TermRef[]> | null {
  const links = linksIn(scope);
  for (const [sel, rule] of CATEGORY_RULES) {
    const terms = termLinks($, links.filter(sel), pageUrl).filter((t) => !isTagUrl(t.url));
    if (terms.length > 0) return { value: terms, rule };
  }
  return null;
}

function isTagUrl(url: string): boolean {
  return /\/tag\//.test(new URL(url).pathname);
}

/** The article's tags: `rel="tag"` links that are not also categories, `.tags-links`, links to `/tag/`. */
export function readTags($: CheerioAPI, scope: Cheerio<AnyNode>, pageUrl: string): Found<TermRef[]> | null {
  const links = linksIn(scope);
  const rels = links.filter((el) => matches(el, 'a[rel~="tag"]') && !/\bcategory\b/.test(el.attribs.rel ?? ''));
  const rules: readonly [Element[], string][] = [
    [rels, 'rel=tag'],
    [links.filter((el) => linkUnder(el, '.tags-links, .tag-links, .post-tags, .entry-tags, .tags')), 'tags-links'],
    [links.filter((el) => (el.attribs.href ?? '').includes('/tag/')), 'href:/tag/'],
  ];
  for (const [links, rule] of rules) {
    const terms = termLinks($, links, pageUrl);
    if (terms.length > 0) return { value: terms, rule };
  }
  return null;
}

/** The article's author: `rel="author"`, hCard `.author .fn`/`.vcard`, a link to `/author/`, a byline. */
export function readAuthor($: CheerioAPI, scope: Cheerio<AnyNode>, pageUrl: string): Found<AuthorRef> | null {
  const linkRules: readonly [(el: Element) => boolean, string][] = [
    [(el) => matches(el, 'a[rel~="author"]'), 'rel=author'],
    // `.author a.url, .vcard a, .byline a, .entry-author a`, with the ancestors asked once (see linkUnder).
    [(el) => (/(^|\s)url(\s|$)/.test(el.attribs.class ?? '') && linkUnder(el, '.author')) || linkUnder(el, '.vcard, .byline, .entry-author'), 'byline-link'],
    [(el) => matches(el, 'a[href*="/author/"]'), 'href:/author/'],
  ];
  const links = linksIn(scope);
  for (const [sel, rule] of linkRules) {
    for (const el of links.filter(sel)) {
      const a = $(el);
      if (inside(a, OUTSIDE)) continue;
      const name = visibleText(a);
      const url = absUrl(a.attr('href'), pageUrl);
      if (!name) continue;
      const slug = url && /\/author\/[^/]+/.test(new URL(url).pathname) ? slugOf(url) : null;
      return { value: { name, slug, url: slug ? url : null }, rule };
    }
  }
  for (const el of find(scope, '.author .fn, .vcard .fn, .byline, .entry-author, .post-author, [itemprop="author"], .author').toArray()) {
    if (inside($(el), OUTSIDE)) continue;
    // The element's own words first: themes nest the category line inside the author's span.
    const own = ownWords(el) || visibleText($(el));
    const name = cleanText(own.replace(BY, '').split(/\s[·|•–—]\s?|\s?[·|•]\s/)[0] ?? '');
    if (name && name.length <= 60) return { value: { name, slug: null, url: null }, rule: 'byline-text' };
  }
  return readPlainByline($, scope);
}

/** "by", in the languages WordPress is translated to most, as a byline starts. */
const BY = /^(by|posted by|written by|av|skrevet av|skrevet af|publicerad av|publicerat av|skriven av|von|geschrieben von|af|door|geschreven door|par|écrit par|por|escrito por|publicado por|di|scritto da|da|kirjoittanut|julkaissut|przez|napisal|napsal|autor:|author:|författare:|forfatter:)\s+/i;

function ownWords(el: Element): string {
  return cleanText(el.children.filter((c) => c.type === 'text').map((c) => (c as unknown as { data: string }).data).join(' '));
}

/**
 * A byline in plain text, with no class or link to find it by ("25.02.2016 by henrik", "av Lars"): a
 * short line of the article's meta that ends in "by NAME". Only lines outside the body's paragraphs.
 */
function readPlainByline($: CheerioAPI, scope: Cheerio<AnyNode>): Found<AuthorRef> | null {
  const WORD = String.raw`(?:by|av|von|af|door|par|por|di|da|kirjoittanut|przez)`;
  const re = new RegExp(String.raw`(?:^|[\s\d.,:;|·])${WORD}\s+([\p{L}][\p{L}\p{N}._' -]{0,38}?)\s*(?:[|·•,]|$)`, 'iu');
  for (const el of find(scope, 'p, small, span, div, li').toArray()) {
    if (inside($(el), OUTSIDE)) continue;
    const text = visibleText($(el));
    if (!text || text.length > 80) continue;
    if (find($(el), 'p, div').length > 0) continue;
    const m = re.exec(text);
    if (m && /\d/.test(text)) return { value: { name: cleanText(m[1]!), slug: null, url: null }, rule: 'byline-plain-text' };
  }
  return null;
}

/** Terms from a profile's selector: the matched links, or the links inside the matched elements. */
export function termsFromSelection($: CheerioAPI, matched: Cheerio<AnyNode>, pageUrl: string, rule: string): Found<TermRef[]> | null {
  const links = matched.toArray().flatMap((el) => ($(el).is('a') ? [el as Element] : find($(el), 'a[href]').toArray()));
  const terms = termLinks($, matched._make<Element>(links), pageUrl);
  return terms.length > 0 ? { value: terms, rule } : null;
}
