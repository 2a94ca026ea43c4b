/**
 * One archived response → what it adds to the site (PageResult), and applying that to the collector.
 * Reading is pure (no collector): the result is plain data, deep-copied once before it is kept.
 */
import { load, type CheerioAPI } from 'cheerio';
import type { ArchivedResponse, PageKind } from '../../types.ts';
import { normalizeUrl } from '../../url.ts';
import { decodeBody } from '../charset.ts';
import { classifyPage, classifyUrl } from '../classify.ts';
import type { Profile } from '../profile.ts';
import { extractListing } from './listing.ts';
import { extractPost } from './post.ts';
import { extractFeed, looksLikeFeed } from './feed.ts';
import { absUrl, bodyClasses, linkHref } from './text.ts';
import type { SiteCollector } from './collect.ts';
import { MAX_DEPTH, capDepth } from './depth-guard.ts';
import type { FeedItem, ListingPage, PostPage } from './types.ts';

/** Everything one response contributes, as plain data. */
export interface PageResult {
  url: string;
  kind: PageKind;
  status: number;
  location: string | null;
  roots: string[];
  post?: PostPage;
  listing?: { page: ListingPage; kind: PageKind; front: boolean };
  feed?: { items: FeedItem[] | null; add: boolean };
  problem?: string;
  /** How deep the page was nested when it was flattened to MAX_DEPTH (depth-guard.ts). */
  flattened?: number;
}

const LISTING_KINDS: ReadonlySet<PageKind> = new Set(['home', 'category', 'tag', 'date', 'author', 'pagination']);

function parseHtml(text: string): CheerioAPI {
  // htmlparser2 backend: 3–4x faster than parse5 on these pages (BRIEF.md); WordPress markup needs no
  // spec-exact error recovery to find its classes and links.
  return load(text, { xml: { xmlMode: false, decodeEntities: true } });
}

/** Blog roots a page reveals: the REST API link and the shortlink's base both end at the blog's home. */
function blogRootHints($: CheerioAPI, url: string): string[] {
  const out: string[] = [];
  const api = absUrl(linkHref($, 'https://api.w.org/'), url);
  if (api) out.push(api.replace(/wp-json\/?$/, ''));
  const rsd = absUrl(linkHref($, 'EditURI'), url);
  if (rsd) out.push(rsd.replace(/xmlrpc\.php.*$/, ''));
  const short = absUrl(linkHref($, 'shortlink'), url);
  if (short && /[?&](p|page_id)=\d+/.test(short)) out.push(short.replace(/\?.*$/, ''));
  return out;
}

/** Reads one response whose URL (normalised: `url`) was not seen before in the archive. */
export function readPage(r: ArchivedResponse, url: string, profile?: Profile): PageResult {
  const type = r.headers['content-type'] ?? '';
  const base = { url, status: r.status, location: null, roots: [] as string[] };
  if (r.status >= 300 && r.status < 400) {
    return { ...base, kind: classifyUrl(url), location: r.headers.location ? normalizeUrl(r.headers.location, url) : null };
  }
  const isHtml = /html/i.test(type) || (!type && /^\s*</.test(r.body.subarray(0, 64).toString('latin1')));
  const isXml = /xml/i.test(type);
  if (r.status !== 200 || (!isHtml && !isXml)) return { ...base, kind: classifyPage(url, null, r) };
  const text = decodeBody(r.body, type);
  if (isXml || looksLikeFeed(text)) {
    const items = extractFeed(text, url);
    // Other XML (sitemaps, RSD) is listed by its URL's shape and read no further.
    return { ...base, kind: items ? 'feed' : classifyUrl(url), feed: { items, add: Boolean(items) || /rss|atom/i.test(type) } };
  }
  const $ = parseHtml(text);
  const depth = capDepth($);
  const kind = classifyPage(url, $, r);
  const out: PageResult = { ...base, kind, roots: blogRootHints($, url) };
  if (depth > 0) out.flattened = depth;
  const classes = bodyClasses($);
  if (kind === 'home' && !classes.has('paged')) out.roots.push(url.replace(/\?.*$/, ''));
  const capture = { url: r.url, payloadDigest: r.payloadDigest };
  if (kind === 'post' || kind === 'page' || (kind === 'home' && classes.has('page'))) {
    out.post = extractPost($, url, capture, profile);
  } else if (LISTING_KINDS.has(kind)) {
    out.listing = { page: extractListing($, url, profile), kind, front: classes.has('home') || classes.has('blog') || kind === 'home' };
  } else if (kind === 'other') {
    out.problem = classes.size === 0
      ? 'page not understood: no WordPress body classes and no known URL shape (give --profile or check the page)'
      : `page not understood: body classes "${[...classes].join(' ')}" name no known page kind`;
  }
  return out;
}

/** Adds one page's result to the collector, in the order a single pass over the archive would. */
export function applyPage(c: SiteCollector, p: PageResult): void {
  c.addFetched(p.url, p.kind, p.status, p.location);
  if (p.feed) {
    if (p.feed.add) c.addFeed(p.url, p.feed.items);
    return;
  }
  for (const root of p.roots) c.addBlogRoot(root);
  if (p.flattened) c.problem(p.url, 'warning', 'extract', `page nested ${p.flattened} elements deep: flattened below depth ${MAX_DEPTH} to be read (its text is kept; its layout below that depth is not)`);
  if (p.post) c.addPostPage(p.post);
  else if (p.listing) c.addListing(p.listing.page, p.listing.kind, p.listing.front);
  else if (p.problem) c.problem(p.url, 'error', 'classify', p.problem);
}
