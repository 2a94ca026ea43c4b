/**
 * One archived response → what it adds to the site (PageResult), and applying that to the collector.
 * Reading is pure (no collector): the result is plain data, deep-copied once before it is kept.
 */
import { load, type CheerioAPI } from 'cheerio';
import type { ArchivedResponse, PageKind } from '../../types.ts';
import { siteUrl } from '../../url.ts';
import { decodeBody } from '../charset.ts';
import { classifyPage, classifyUrl } from '../classify.ts';
import type { Profile } from '../profile.ts';
import { extractListing } from './listing.ts';
import { extractPost } from './post.ts';
import { toMarkdown } from './content.ts';
import { readFeed, looksLikeFeed } from './feed.ts';
import { surveyPage, type PageFacts } from './survey.ts';
import type { SitePlan } from './site-plan.ts';
import { absUrl, bodyClasses, linkHref } from './text.ts';
import type { SiteCollector } from './collect.ts';
import { MAX_DEPTH, capDepth } from './depth-guard.ts';
import { forgetPage } from './select.ts';
import type { FeedItem, ListingPage, PostPage } from './types.ts';
import type { SiteContext } from './post.ts';
import { TemplateProbe, sameAnswers, type TemplateAnswers } from './template-probe.ts';

/** A feed's `content:encoded` as Markdown, by the same rules as a page's body. */
function feedBodyMarkdown(html: string, url: string): string {
  const $ = parseHtml(`<div id="feed-content">${html}</div>`);
  return toMarkdown($, $('#feed-content'), url);
}

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
  /** Why the page was read as its kind (site-plan.ts), for the report. */
  evidence?: string[];
}

/** What the first pass keeps of one response: page facts, or a feed's evidence. */
export type SurveyResult =
  | { type: 'page'; facts: PageFacts; classKind: PageKind }
  | { type: 'feed'; itemLinks: string[]; commentFeedOf: string | null }
  | null;

interface Decoded { type: 'redirect' | 'other' | 'feed' | 'html'; text: string }

function decodeResponse(r: ArchivedResponse): Decoded {
  const type = r.headers['content-type'] ?? '';
  if (r.status >= 300 && r.status < 400) return { type: 'redirect', text: '' };
  const isHtml = /html/i.test(type) || (!type && /^\s*</.test(r.body.subarray(0, 64).toString('latin1')));
  const isXml = /xml/i.test(type);
  if (r.status !== 200 || (!isHtml && !isXml)) return { type: 'other', text: '' };
  const text = decodeBody(r.body, type);
  // Mirrors save feeds as `feed/index.html`, served as text/html: the document says what it is.
  return { type: isXml || looksLikeFeed(text) ? 'feed' : 'html', text };
}

const LISTING_KINDS: ReadonlySet<PageKind> = new Set(['home', 'category', 'tag', 'date', 'author', 'pagination']);

function parseHtml(text: string): CheerioAPI {
  // htmlparser2 backend: 3–4x faster than parse5 on these pages (BRIEF.md); WordPress markup needs no
  // spec-exact error recovery to find its classes and links.
  forgetPage();
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

/** A redirect, a non-page or a feed: read without a parse tree or the site plan. */
function readOther(r: ArchivedResponse, url: string, d: Decoded): { result: PageResult; feed?: ReturnType<typeof readFeed> } {
  const base = { url, status: r.status, location: null, roots: [] as string[] };
  if (d.type === 'redirect') {
    return { result: { ...base, kind: classifyUrl(url), location: r.headers.location ? siteUrl(r.headers.location, url) : null } };
  }
  if (d.type !== 'feed') return { result: { ...base, kind: classifyPage(url, null, r) } };
  const feed = readFeed(d.text, url);
  const type = r.headers['content-type'] ?? '';
  // Other XML (sitemaps, RSD) is listed by its URL's shape and read no further.
  if (!feed) return { result: { ...base, kind: classifyUrl(url), feed: { items: null, add: /rss|atom/i.test(type) } } };
  const c = feed.channel;
  const items = c.commentsOf
    ? [{ url: c.commentsOf, guid: null, title: c.commentsTitle, excerpt: null, categories: [], published: null, author: null, commentCount: c.itemCount, content: null, fromCommentFeed: true, comments: c.comments }]
    : feed.items.map((i) => ({ ...i, content: null, contentMarkdown: i.content ? feedBodyMarkdown(i.content, i.url) : null }));
  return { result: { ...base, kind: 'feed', feed: { items, add: true } }, feed };
}

/** Reads a parsed HTML page as `kind` (decided by the site plan, or by its classes without one). */
function readHtml($: CheerioAPI, depth: number, r: ArchivedResponse, url: string, kind: PageKind, profile?: Profile, site: SiteContext = {}, evidence?: string[]): PageResult {
  const out: PageResult = { url, status: r.status, location: null, kind, roots: blogRootHints($, url), evidence };
  if (depth > 0) out.flattened = depth;
  const classes = bodyClasses($);
  if (kind === 'home' && !classes.has('paged')) out.roots.push(homeRoot(url));
  const capture = { url: r.url, payloadDigest: r.payloadDigest };
  if (isSingular(kind, classes)) {
    out.post = extractPost($, url, capture, profile, { ...site, kind });
  } else if (LISTING_KINDS.has(kind)) {
    out.listing = { page: extractListing($, url, profile), kind, front: classes.has('home') || classes.has('blog') || kind === 'home' };
  } else if (kind === 'other') {
    out.problem = classes.size === 0
      ? `page not understood: no WordPress body classes, no evidence that it is a post or page, and no known URL shape (evidence: ${(evidence ?? ['none']).join(', ')}; give --profile post.url or check the page)`
      : `page not understood: body classes "${[...classes].join(' ')}" name no known page kind`;
  }
  return out;
}

function homeRoot(url: string): string {
  return url.replace(/\?.*$/, '');
}

function isSingular(kind: PageKind, classes: ReadonlySet<string>): boolean {
  return kind === 'post' || kind === 'page' || (kind === 'home' && classes.has('page'));
}

/** Reads one response whose URL (normalised: `url`) was not seen before in the archive. */
export function readPage(r: ArchivedResponse, url: string, profile?: Profile, plan?: SitePlan): PageResult {
  const d = decodeResponse(r);
  if (d.type !== 'html') return readOther(r, url, d).result;
  const $ = parseHtml(d.text);
  const depth = capDepth($);
  const decided = plan?.kindOf(url);
  return readHtml($, depth, r, url, decided?.kind ?? classifyPage(url, $, r), profile, { template: plan?.template, permalink: plan?.permalinkOf(url) }, decided?.evidence);
}

/**
 * The first pass over one response, from its one parse: the survey's facts (survey.ts) and the reading,
 * kept until the plan confirms it (`finishEarly`). Redirects, feeds and other responses never wait on the
 * plan. A listing or other page is read as the kind its classes give and kept if the plan decides the
 * same. A page that may be a post or static page is read as one against `template`, the template learned
 * from the pages surveyed so far (template-probe.ts), and kept if the plan decides a singular kind and its
 * final template answers the reading's questions alike; otherwise the second pass reads it again.
 */
export function surveyResponse(r: ArchivedResponse, url: string, profile?: Profile, template: ReadonlySet<number> = new Set()): { survey: SurveyResult; early: EarlyResult } {
  const d = decodeResponse(r);
  if (d.type !== 'html') {
    const { result, feed } = readOther(r, url, d);
    const survey: SurveyResult = feed ? { type: 'feed', itemLinks: feed.channel.commentsOf ? [] : feed.items.map((i) => i.url), commentFeedOf: feed.channel.commentsOf } : null;
    return { survey, early: { result, ifKind: null } };
  }
  const $ = parseHtml(d.text);
  const depth = capDepth($);
  const classKind = classifyPage(url, $, r);
  const facts = surveyPage($, url);
  const survey: SurveyResult = { type: 'page', facts, classKind };
  const classes = bodyClasses($);
  if (!mayBeSingular(classKind, classes, facts)) return { survey, early: { result: readHtml($, depth, r, url, classKind, profile), ifKind: classKind } };
  // The plan's permalink of a page is its own comment feed's (site-plan.ts): known from this page alone.
  const permalink = facts.permalinkHint && facts.permalinkHint !== url ? facts.permalinkHint : null;
  const probe = new TemplateProbe(template);
  // Read as a post: the plan's kind changes only `isPage`, the home root and the evidence (`finishSingular`).
  const result = readHtml($, depth, r, url, 'post', profile, { template: probe, permalink: permalink ?? undefined });
  return { survey, early: { result, ifKind: null, singular: { answers: probe.answers(), permalink, pageClass: classes.has('page'), paged: classes.has('paged') } } };
}

/** Pages the plan may decide are posts or static pages: the ones read against the template. */
function mayBeSingular(classKind: PageKind, classes: ReadonlySet<string>, f: PageFacts): boolean {
  if (isSingular(classKind, classes)) return true;
  if (classKind !== 'other') return false;
  return !(f.listedCount >= 2 && f.singular.length === 0) && (f.singular.length > 0 || f.hasHeading);
}

/** A first-pass reading: kept as it is, or (`ifKind`) only if the plan decides the page is of that kind. */
export interface EarlyResult {
  result: PageResult;
  ifKind: PageKind | null;
  /** A reading as a post or page, kept if the plan agrees (`finishSingular`). */
  singular?: SingularReading;
}

/** What a first-pass reading as a post assumed of the plan. */
export interface SingularReading {
  answers: TemplateAnswers;
  permalink: string | null;
  /** The body classes `page` and `paged`: a static front page is read as a post, and lists no home root when paged. */
  pageClass: boolean;
  paged: boolean;
}

/** The first pass's reading finished with the plan's decision, or null when the page must be read again. */
export function finishEarly(e: EarlyResult, plan: SitePlan): PageResult | null {
  if (e.singular) return finishSingular(e.result, e.singular, plan);
  if (e.ifKind === null) return e.result;
  const decided = plan.kindOf(e.result.url);
  if (decided?.kind !== e.ifKind) return null;
  return { ...e.result, evidence: decided.evidence };
}

function finishSingular(result: PageResult, s: SingularReading, plan: SitePlan): PageResult | null {
  const decided = plan.kindOf(result.url);
  const kind = decided?.kind;
  if (!decided || !result.post || !(kind === 'post' || kind === 'page' || (kind === 'home' && s.pageClass))) return null;
  if ((plan.permalinkOf(result.url) ?? null) !== s.permalink || !sameAnswers(s.answers, plan.template)) return null;
  const roots = kind === 'home' && !s.paged ? [...result.roots, homeRoot(result.url)] : result.roots;
  return { ...result, kind: decided.kind, roots, evidence: decided.evidence, post: { ...result.post, isPage: kind === 'page' || result.post.isPage } };
}

/** Adds one page's result to the collector, in the order a single pass over the archive would. */
export function applyPage(c: SiteCollector, p: PageResult): void {
  c.addFetched(p.url, p.kind, p.status, p.location);
  if (p.evidence) c.addEvidence(p.url, p.kind, p.evidence);
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
