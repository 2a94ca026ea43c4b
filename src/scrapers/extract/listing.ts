/**
 * A listing page (front page, category, tag, date and author archives, and their /page/N/) → one
 * ListingItem per post shown: permalink, title, excerpt as displayed (` […]` kept), categories, comment
 * count. Items are the `article`/`.hentry`/`div#post-N` elements of the main column (never widgets).
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Profile } from '../profile.ts';
import type { ListingItem, ListingPage } from './types.ts';
import { type Found, absUrl, cleanText, firstMatch, idFromClass, visibleText } from './text.ts';
import { readCategories, readTags, readAuthor, termsFromSelection } from './terms.ts';
import { readPublished, parseDateText, parseIsoDate } from './dates.ts';
import { parseCommentCount, readCommentCount, showsCommentAffordance } from './comment-count.ts';
import { find, inside } from './select.ts';

const ITEMS = ['article', '.hentry', 'div[id^="post-"]', '.post', '.type-post'];
const OUTSIDE = '.widget, #secondary, .sidebar, aside, #comments, header#masthead, .site-header, footer.site-footer, #colophon, nav';
const TITLE_LINK = ['.entry-title a', 'h2 a[rel="bookmark"]', 'a[rel="bookmark"]', '.post-title a', 'h2 a', 'h1 a', 'h3 a'];
const EXCERPT = ['.entry-summary', '.excerpt', '.post-excerpt', '.entry-content', '.post-content', '.entry', '.post-entry'];
/** "Continue reading", "Läs mer", "Weiterlesen", "Les mer", "Læs mere": links, not excerpt text. */
const READ_MORE = /^(continue reading|read more|läs mer|läs hela|fortsätt läsa|weiterlesen|mehr lesen|les mer|les videre|læs mere|fortsæt med at læse)\b/i;

/** The post items of a listing with the title each was recognised by (reused: finding it again cost as much). */
function listingItems($: CheerioAPI, sel: string | null, titleSel: string | null): { item: Cheerio<Element>; title: Found<Cheerio<Element>> | null }[] {
  const selectors = sel ? [sel] : ITEMS;
  const titles = titleSel ? [titleSel] : TITLE_LINK;
  for (const s of selectors) {
    const all = find($.root(), s).toArray().filter((el) => !inside(el, OUTSIDE));
    // Keep outermost matches only: an `.hentry` inside an `article` is the same post. (Parent pointers,
    // not `$(el).parents()`: wrapping every ancestor of every item cost more than reading the items.)
    const set = new Set<AnyNode>(all);
    const outer = all.filter((el) => {
      for (let p = el.parent; p; p = p.parent) if (set.has(p)) return false;
      return true;
    });
    const hits = outer.map((el) => ({ item: $(el), title: firstMatch($, $(el), titles) }));
    const withLinks = hits.filter((h) => h.title !== null);
    if (withLinks.length > 0) return withLinks;
  }
  return [];
}

/** The excerpt as displayed: the summary's paragraphs, without "Continue reading" links and theme meta. */
function readExcerpt($: CheerioAPI, item: Cheerio<Element>, sel: string | undefined): Found<string> | null {
  const hit = sel ? (find(item, sel).length > 0 ? { value: find(item, sel).first(), rule: `profile:${sel}` } : null) : firstMatch($, item, EXCERPT);
  let scope: Cheerio<AnyNode>;
  let rule: string;
  if (hit) {
    scope = hit.value.clone();
    rule = `listing:${hit.rule}`;
  } else {
    // No summary wrapper: the item's own paragraphs that are not its title or meta lines.
    scope = item.clone();
    find(scope, 'h1, h2, h3, h4, .entry-meta, .entry-footer, .entry-utility, .postmetadata, .post-meta, .meta, .byline, .posted-on, footer, header, .cat-links, .tags-links, .tag-links, .comments-link, time').remove();
    find(scope, 'p, div, span').filter((_, p) => find($(p), 'a[rel~="category"], a[rel~="tag"], a[href*="#comments"], a[href*="#respond"]').length > 0).remove();
    rule = 'listing:item-paragraphs';
  }
  find(scope, '.more-link, .screen-reader-text, script, style, .sharedaddy, .share, figure, .wp-caption, .gallery').remove();
  find(scope, 'a').filter((_, a) => READ_MORE.test(cleanText($(a).text()))).remove();
  const paras = find(scope, 'p').toArray().map((p) => cleanText($(p).text())).filter(Boolean);
  const text = paras.length > 0 ? paras.join('\n\n') : cleanText(scope.text());
  return text ? { value: text, rule } : null;
}

/** Reads one listing page. */
export function extractListing($: CheerioAPI, url: string, profile?: Profile): ListingPage {
  const l = profile?.listing ?? {};
  const problems: string[] = [];
  const items: ListingItem[] = [];
  const found = listingItems($, l.item ?? null, l.title ?? null);
  if (l.item && found.length === 0) problems.push(`profile selector listing.item ${JSON.stringify(l.item)} matched nothing on ${url}`);
  for (const { item, title: titleHit } of found) {
    const titleEl = l.title ? find(item, l.title).first() : titleHit?.value;
    if (l.title && (!titleEl || titleEl.length === 0)) problems.push(`profile selector listing.title ${JSON.stringify(l.title)} matched nothing on ${url}`);
    const link = titleEl?.is('a') ? titleEl : titleEl?.find('a').first() ?? titleEl?.closest('a');
    const permalink = absUrl(link?.attr('href'), url);
    if (!titleEl || !permalink) continue;
    const title = visibleText(titleEl);
    const catScope = l.categories ? find(item, l.categories) : item;
    const countScope = l.commentCount ? find(item, l.commentCount) : null;
    let commentCount: Found<number> | null = null;
    if (countScope && countScope.length > 0) {
      const hit = parseCommentCount(visibleText(countScope.first()));
      if (hit) commentCount = { value: hit.value, rule: `profile:${l.commentCount}` };
    }
    commentCount ??= readCommentCount($, item);
    let published = readPublished($, item);
    if (l.date) {
      const d = find(item, l.date).first();
      const v = d.length > 0 ? parseIsoDate(d.attr('datetime') ?? '') ?? parseDateText(d.text()) : null;
      if (v) published = { value: v, rule: `profile:${l.date}` };
    }
    const id = idFromClass([item.attr('id') ?? ''], 'post-') ?? idFromClass((item.attr('class') ?? '').split(/\s+/), 'post-');
    items.push({
      url: permalink,
      postId: id,
      title: title ? { value: title, rule: l.title ? `profile:${l.title}` : 'listing:title-link' } : null,
      excerpt: readExcerpt($, item, l.excerpt),
      categories: l.categories ? termsFromSelection($, catScope, url, `listing:profile:${l.categories}`) : prefixFound(readCategories($, item, url), 'listing:'),
      tags: prefixFound(readTags($, item, url), 'listing:'),
      commentCount: prefixFound(commentCount, 'listing:'),
      showsCommentArea: showsCommentAffordance(item) || commentCount !== null,
      published: prefixFound(published, 'listing:'),
      author: prefixFound(readAuthor($, item, url), 'listing:'),
    });
  }
  return { url, items, problems };
}

function prefixFound<T>(f: Found<T> | null, p: string): Found<T> | null {
  return f ? { value: f.value, rule: f.rule.startsWith(p) ? f.rule : `${p}${f.rule}` } : null;
}
