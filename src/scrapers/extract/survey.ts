/**
 * The first pass over a site: small facts per page that only mean something once every page is seen
 * (site-plan.ts weighs them). Which URLs the page names as posts (title links of repeated items,
 * rel=bookmark), what it says of itself (a comment form, OpenGraph/JSON-LD article types, its own
 * comment feed, canonical and shortlink), and fingerprints of its text blocks, so that what repeats
 * across the site's template can be told from a post's own text. Pure: ($, url) → PageFacts.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { absUrl, bodyClasses, linkHref, metaContent } from './text.ts';
import { find } from './select.ts';
import { blockHashes } from './blocks.ts';

export interface PageFacts {
  url: string;
  classes: string[];
  canonical: string | null;
  shortlink: string | null;
  /** Signs that the page shows one post or page (not a listing). */
  singular: string[];
  /** `X` for the page's own comment feed `X/feed/`: WordPress builds it from the permalink. */
  permalinkHint: string | null;
  /** URLs the page names as posts: rel=bookmark targets and title links of repeated items. */
  postLinks: string[];
  /** How many distinct posts the page lists (title links of repeated items): a listing's sign. */
  listedCount: number;
  /** The page has a heading (h1/h2) a static page's title could be. */
  hasHeading: boolean;
  /**
   * Block fingerprints (blocks.ts), as 32-bit numbers in one typed array: they cross to the main thread
   * as one buffer, where a hundred numbers above 2³⁰ were a hundred heap numbers per page.
   */
  blocks: Uint32Array;
}

const ARTICLE_TYPES = /^(BlogPosting|Article|NewsArticle|SocialMediaPosting)$/;

/** A feed link of the page that is a post's own comment feed (`/2016/02/25/slug/feed/`). */
function commentFeedPermalink($: CheerioAPI, url: string): string | null {
  const origin = new URL(url).origin;
  for (const el of find($.root(), 'link[rel="alternate"][href]').toArray()) {
    const type = el.attribs.type ?? '';
    if (!/rss|atom/i.test(type)) continue;
    const href = absUrl(el.attribs.href, url);
    if (!href || !href.startsWith(origin)) continue;
    const m = /^(https?:\/\/[^/]+)((?:\/[^/?]+)+)\/feed\/(?:rss2?\/|atom\/)?$/.exec(href);
    if (!m) continue;
    const path = m[2]!;
    // Category, tag, author and the site-wide comments feed are listings' feeds, not a post's.
    if (/\/(category|tag|author|comments|search|type)\//.test(`${path}/`) || /^\/comments$/.test(path)) continue;
    if (/[^/]\/(page\/\d+)$/.test(path)) continue;
    // A blog's own feed (`/innovation/feed/`) sits above the page: a post's comment feed never does.
    const x = `${m[1]}${path}/`;
    if (url.startsWith(x.replace(/\/$/, '')) && url !== x) continue;
    return x;
  }
  return null;
}

function jsonLdTypes($: CheerioAPI): string[] {
  const out: string[] = [];
  for (const el of find($.root(), 'script[type="application/ld+json"]').toArray()) {
    const text = $(el).text();
    for (const m of text.matchAll(/"@type"\s*:\s*(?:"([^"]+)"|\[([^\]]*)\])/g)) {
      if (m[1]) out.push(m[1]);
      if (m[2]) for (const t of m[2].matchAll(/"([^"]+)"/g)) out.push(t[1]!);
    }
  }
  return out;
}

/** Title links of the page's repeated items: a heading's only link, to the site's own host. */
function titleLinks($: CheerioAPI, url: string): { bookmarks: string[]; headingLinks: string[] } {
  const host = new URL(url).host;
  const bookmarks: string[] = [];
  for (const el of find($.root(), 'a[rel~="bookmark"][href]').toArray()) {
    const u = absUrl(el.attribs.href, url);
    if (u && new URL(u).host === host) bookmarks.push(u);
  }
  const headingLinks: string[] = [];
  for (const h of find($.root(), 'h1, h2, h3').toArray()) {
    const links = find($(h), 'a[href]').toArray();
    if (links.length !== 1) continue;
    const u = absUrl((links[0] as Element).attribs.href, url);
    if (u && new URL(u).host === host && new URL(u).pathname !== '/') headingLinks.push(u);
  }
  return { bookmarks, headingLinks };
}

export function surveyPage($: CheerioAPI, url: string): PageFacts {
  const singular: string[] = [];
  const classes = [...bodyClasses($)];
  if (find($.root(), 'form#commentform, form.comment-form, #respond form, input[name="comment_post_ID"]').length > 0) singular.push('comment-form');
  if (find($.root(), 'ol.commentlist, ol#commentlist, ol.comment-list, li.comment[id^="comment-"], li[id^="comment-"]').length > 0) singular.push('comment-list');
  if ((metaContent($, 'og:type') ?? '') === 'article') singular.push('og:type=article');
  if (jsonLdTypes($).some((t) => ARTICLE_TYPES.test(t))) singular.push('json-ld:article');
  const permalinkHint = commentFeedPermalink($, url);
  if (permalinkHint) singular.push('own-comment-feed');
  const shortlink = absUrl(linkHref($, 'shortlink'), url);
  if (shortlink && /[?&]p=\d+/.test(shortlink)) singular.push('shortlink');
  const { bookmarks, headingLinks } = titleLinks($, url);
  const distinctHeadings = new Set(headingLinks).size;
  return {
    url,
    classes,
    canonical: absUrl(linkHref($, 'canonical'), url),
    shortlink,
    singular,
    permalinkHint,
    // Heading links name posts only where they repeat (a listing); a single heading link is often the
    // site title or the post's own title.
    postLinks: [...new Set([...bookmarks, ...(distinctHeadings >= 2 ? headingLinks : [])])].sort(),
    listedCount: distinctHeadings,
    hasHeading: find($.root(), 'h1, h2').length > 0,
    blocks: Uint32Array.from(blockHashes($)),
  };
}

export type { AnyNode };
