/**
 * The extract pipeline: archived responses → classify → page readers → merge → the files of `extract --out`.
 * It streams: each response is decoded, parsed, read into small partial records and its parse tree dropped
 * before the next is read, so memory holds the records and never all pages' HTML (see docs/extract.md).
 */
import { load, type CheerioAPI } from 'cheerio';
import type { ArchivedResponse, OutputFile, PageKind, PostRecord, TermSummary, UrlEntry } from '../types.ts';
import { normalizeUrl } from '../url.ts';
import { toJsonText } from '../exporters/write.ts';
import { readArchive } from './archive.ts';
import { listWarcFiles } from './archive-reader.ts';
import { decodeBody } from './charset.ts';
import { classifyPage, classifyUrl } from './classify.ts';
import { extractListing } from './extract/listing.ts';
import { extractPost } from './extract/post.ts';
import { extractFeed, looksLikeFeed } from './extract/feed.ts';
import { absUrl, bodyClasses, linkHref } from './extract/text.ts';
import type { Profile } from './profile.ts';
import { SiteCollector, type ExtractReport } from './extract/collect.ts';
import { UsageError } from '../errors.ts';
import { existsSync, statSync } from 'node:fs';

export type { ExtractReport, ReportProblem } from './extract/collect.ts';
export type { Disagreement } from './merge.ts';

export interface ExtractOptions {
  profile?: Profile;
  /** Called after each response, for progress display. */
  onResponse?: (done: number) => void;
}

export interface ExtractResult {
  posts: PostRecord[];
  pages: PostRecord[];
  categories: TermSummary[];
  authors: TermSummary[];
  urls: UrlEntry[];
  report: ExtractReport;
}

const LISTING_KINDS: ReadonlySet<PageKind> = new Set(['home', 'category', 'tag', 'date', 'author', 'pagination']);

function parseHtml(text: string): CheerioAPI {
  // htmlparser2 backend: 3–4x faster than parse5 on these pages (BRIEF.md); WordPress markup needs no
  // spec-exact error recovery to find its classes and links.
  return load(text, { xml: { xmlMode: false, decodeEntities: true } });
}

/**
 * A deep copy with fresh strings. Strings cut from a parsed page (attribute values, text) can be V8
 * "sliced strings" that keep the whole page's source alive; a kept record must not hold its page.
 */
function detach<T>(value: T): T {
  return structuredClone(value);
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

/** Reads one response into the collector. Exported for tests that feed single pages. */
export function readResponse(c: SiteCollector, r: ArchivedResponse, options: ExtractOptions): void {
  const url = normalizeUrl(r.url);
  if (!url || c.hasFetched(url)) return;
  const type = r.headers['content-type'] ?? '';
  if (r.status >= 300 && r.status < 400) {
    const target = r.headers.location ? normalizeUrl(r.headers.location, url) : null;
    c.addFetched(url, classifyUrl(url), r.status, target);
    return;
  }
  const isHtml = /html/i.test(type) || (!type && /^\s*</.test(r.body.subarray(0, 64).toString('latin1')));
  const isXml = /xml/i.test(type);
  if (r.status !== 200 || (!isHtml && !isXml)) {
    c.addFetched(url, classifyPage(url, null, r), r.status, null);
    return;
  }
  const text = decodeBody(r.body, type);
  if (isXml || looksLikeFeed(text)) {
    const items = extractFeed(text, url);
    // Other XML (sitemaps, RSD) is listed by its URL's shape and read no further.
    c.addFetched(url, items ? 'feed' : classifyUrl(url), r.status, null);
    if (items || /rss|atom/i.test(type)) c.addFeed(url, detach(items));
    return;
  }
  const $ = parseHtml(text);
  const kind = classifyPage(url, $, r);
  c.addFetched(url, kind, r.status, null);
  for (const root of blogRootHints($, url)) c.addBlogRoot(root);
  const classes = bodyClasses($);
  if (kind === 'home' && !classes.has('paged')) c.addBlogRoot(url.replace(/\?.*$/, ''));
  const capture = { url: r.url, payloadDigest: r.payloadDigest };
  if (kind === 'post' || kind === 'page' || (kind === 'home' && classes.has('page'))) {
    c.addPostPage(detach(extractPost($, url, capture, options.profile)));
  } else if (LISTING_KINDS.has(kind)) {
    c.addListing(detach(extractListing($, url, options.profile)), kind, classes.has('home') || classes.has('blog') || kind === 'home');
  } else if (kind === 'other') {
    c.problem(url, 'error', 'classify', classes.size === 0
      ? 'page not understood: no WordPress body classes and no known URL shape (give --profile or check the page)'
      : `page not understood: body classes "${[...classes].join(' ')}" name no known page kind`);
  }
}

/** Extracts a site from any stream of archived responses (the crawl archive, or pages built in a test). */
export async function extractSite(responses: AsyncIterable<ArchivedResponse> | Iterable<ArchivedResponse>, options: ExtractOptions = {}): Promise<ExtractResult> {
  const c = new SiteCollector();
  let n = 0;
  for await (const r of responses) {
    readResponse(c, r, options);
    options.onResponse?.(++n);
  }
  return c.finish();
}

/** Checks that `crawlDir` is a crawl folder (has archive/*.warc[.gz]); throws a UsageError naming the fix. */
export function checkCrawlDir(crawlDir: string): void {
  if (!existsSync(crawlDir) || !statSync(crawlDir).isDirectory()) {
    throw new UsageError(`${crawlDir}: no such folder; give the folder that \`naring-archive crawl --out\` wrote`);
  }
  if (listWarcFiles(crawlDir).length === 0) {
    throw new UsageError(`${crawlDir}: not a crawl folder (no archive/*.warc.gz inside); give the folder that \`naring-archive crawl --out\` wrote`);
  }
}

/** Extracts a crawl folder written by `naring-archive crawl`. */
export async function extractArchive(crawlDir: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  checkCrawlDir(crawlDir);
  return extractSite(readArchive(crawlDir), options);
}

/** The files of `extract --out`, in a fixed order, each as deterministic JSON. */
export function extractResultFiles(result: ExtractResult): OutputFile[] {
  return [
    { path: 'posts.json', contents: toJsonText(result.posts) },
    { path: 'pages.json', contents: toJsonText(result.pages) },
    { path: 'categories.json', contents: toJsonText(result.categories) },
    { path: 'authors.json', contents: toJsonText(result.authors) },
    { path: 'urls.json', contents: toJsonText(result.urls) },
    { path: 'extract-report.json', contents: toJsonText(result.report) },
  ];
}
