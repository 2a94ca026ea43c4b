/**
 * The shared vocabulary of naring-archive. Scrapers and exporters both speak it; neither imports
 * the other. Field meanings follow ../shared/CONTRACT.md ("The post record").
 */

/** What an old URL is, as far as a WordPress site goes. Used by urls.json and the redirect rules. */
export type PageKind =
  | 'home'
  | 'post'
  | 'page'
  | 'category'
  | 'tag'
  | 'date'
  | 'author'
  | 'pagination'
  | 'feed'
  | 'shortlink'
  | 'attachment'
  | 'upload'
  | 'search'
  | 'other';

export const PAGE_KINDS: readonly PageKind[] = [
  'home', 'post', 'page', 'category', 'tag', 'date', 'author', 'pagination',
  'feed', 'shortlink', 'attachment', 'upload', 'search', 'other',
];

/** A category or tag as the site linked it. */
export interface TermRef {
  name: string;
  slug: string;
  url: string;
}

export interface AuthorRef {
  name: string;
  slug: string | null;
  url: string | null;
}

/** An image in a post body; caption and credit are split from "Namn. Foto: Källa". */
export interface ImageRef {
  url: string;
  alt: string;
  caption: string | null;
  credit: string | null;
}

export interface CommentRecord {
  /** The WordPress comment id as the page shows it (`comment-12` gives `"12"`). */
  id: string;
  author: string;
  published: string | null;
  text: string;
  /** The id of the comment this one answers, or null for a top-level comment. */
  parentId: string | null;
}

export type ExcerptSource = 'listing' | 'meta' | 'feed' | 'generated';

/**
 * Which WARC capture a record's body came from, so every exported file can be traced back: the capture's
 * WARC-Target-URI and WARC-Payload-Digest find the record in index.cdxj. Not the WARC-Record-ID: that is
 * unique per crawl by definition, and would make two snapshots of an unchanged site differ.
 */
export interface CaptureRef {
  url: string;
  payloadDigest: string;
}

/** One post (or static page) of the old site: the record that flows from extract to every export. */
export interface PostRecord {
  /** Canonical absolute permalink on the old site (normalised, see url.ts). */
  url: string;
  /** The sub-blog's path segment (`innovation`), or `""` for a single-blog site. */
  blog: string;
  /** The last path segment, percent-decoded. */
  slug: string;
  title: string;
  excerpt: string;
  excerptSource: ExcerptSource;
  categories: TermRef[];
  tags: TermRef[];
  /** The number the site displayed; 0 where it says or shows none; null where it never shows counts. */
  commentCount: number | null;
  /** ISO 8601 date (`2013-06-05`) or date-time with offset. */
  published: string | null;
  author: AuthorRef | null;
  contentMarkdown: string;
  images: ImageRef[];
  comments: CommentRecord[];
  /** Other old URLs that reach this post (other category paths, shortlinks, redirects). Sorted. */
  aliases: string[];
  /** For each field above, the rule or source that produced it (`listing:category-line`, `post:h1.entry-title`). */
  provenance: Record<string, string>;
  /** The capture of the post page the body came from; null if no post page was archived. */
  capture: CaptureRef | null;
}

/** categories.json / authors.json rows. */
export interface TermSummary {
  blog: string;
  name: string;
  slug: string;
  url: string;
  postCount: number;
}

/** urls.json rows: every in-scope old URL seen, the inventory that redirects are built from. */
export interface UrlEntry {
  url: string;
  kind: PageKind;
  /** HTTP status of the capture, or null when the URL was seen but never fetched. */
  status: number | null;
  /** The URL it redirected to, or the post/page it stands for; null otherwise. */
  target: string | null;
}

/** One archived HTTP response, as the archive reader hands it to extract (no network involved). */
export interface ArchivedResponse {
  url: string;
  status: number;
  /** Response headers, names lower-cased. */
  headers: Record<string, string>;
  /** The payload with any Content-Encoding removed (bytes as the server meant them). */
  body: Buffer;
  /** WARC-Date of the capture (ISO 8601). */
  date: string;
  recordId: string;
  payloadDigest: string;
}

/** A file an exporter wants written: a relative POSIX path inside the output folder, and its bytes. */
export interface OutputFile {
  path: string;
  contents: string | Buffer;
}

/** A page or URL that failed at some stage; outcomes are data, not exceptions. */
export interface PageFailure {
  url: string;
  stage: 'fetch' | 'classify' | 'extract' | 'merge' | 'export' | 'verify';
  reason: string;
}

/**
 * One row of a redirect map (redirects.csv / redirects.json): the old URL a browser may send, the absolute new
 * URL it must reach in one hop, the status, and what kind of old page it was. Shared so that the exporters
 * (which write maps) and verify-redirects (which checks a server against them) speak the same row.
 */
export interface RedirectRow {
  /** Absolute old URL as a client sends it (scheme, old host, path and query, percent-encoded). */
  from: string;
  /** Absolute, percent-encoded ASCII target. */
  to: string;
  status: number;
  kind: PageKind;
  /** Where the target came from: the editors' map, a rule of the rules file, or the fallback. */
  source?: 'map' | 'rule' | 'fallback';
}
