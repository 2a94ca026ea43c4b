/**
 * YAML front matter, written by the `yaml` library and never by string concatenation, so that titles
 * with quotes, colons, `#`, leading `-`/`*`, ” ’ or line breaks come back exactly as they went in.
 */
import { parse, stringify } from 'yaml';
import type { PostRecord } from '../types.ts';
import { safeStem } from './file-names.ts';
import { threadComments } from './markdown-comments.ts';

function safeDecode(p: string): string {
  try { return decodeURIComponent(p); } catch { return p; }
}

export type Layout = 'flat' | 'hugo' | 'jekyll';
export const LAYOUTS: readonly Layout[] = ['flat', 'hugo', 'jekyll'];

/** The front matter of one exported post or page, in the order it is written. */
export interface FrontMatter {
  title: string;
  date?: string;
  slug: string;
  blog: string;
  author: string | null;
  categories: string[];
  tags: string[];
  excerpt: string;
  comment_count: number | null;
  original_url: string;
  /** flat, jekyll: the other old URLs (absolute). hugo: every old path (Hugo writes a redirect page for each). */
  aliases: string[];
  /** jekyll only: old paths for the jekyll-redirect-from plugin. */
  redirect_from?: string[];
  /** jekyll only: `post` or `page`. */
  layout?: string;
  /** jekyll only: false, so `{{` or `{%` in a body from the old site stays text instead of running as Liquid. */
  render_with_liquid?: boolean;
  /** The WARC capture the body came from, so the file can be traced to what was archived. */
  source?: { warc_target_uri: string; payload_digest: string };
  /** hugo: the path the page is built at (from the URL plan), so Hugo's own slug cleaning never applies. */
  url?: string;
  /** jekyll: the same, for Jekyll's `permalink`. */
  permalink?: string;
  /** hugo, jekyll: links the page template shows. */
  blog_page?: string;
  category_pages?: { name: string; url: string }[];
  /** hugo, jekyll: the comments in thread order, each with its depth; the templates render them with their ids. */
  comments?: FrontMatterComment[];
}

export interface FrontMatterComment {
  id: string;
  author: string;
  /** The comment's date as the record has it (ISO 8601), for `<time datetime>`. */
  date: string | null;
  /** The same for readers: `2013-06-05 10:20` (the local time as written, no seconds or offset). */
  date_text: string | null;
  parent: string | null;
  depth: number;
  text: string;
}

/** What a generator layout adds to the record's own fields (see markdown.ts). */
export interface GeneratorFields {
  url?: string;
  permalink?: string;
  blog_page?: string;
  category_pages?: { name: string; url: string }[];
  /** Paths the site builds pages at: an alias there would overwrite a page. */
  taken?: ReadonlySet<string>;
  /** Put the comments into the front matter, for the generator's template. */
  withComments?: boolean;
}

/**
 * The old paths (path + query) of a record: its URL and every alias, unique and sorted. Hugo and
 * jekyll-redirect-from serve a redirect page at each path; query-string URLs (`?p=7`) cannot be
 * served that way and are left to the server's redirect map.
 */
export function oldPaths(record: PostRecord): string[] {
  const paths = new Set<string>();
  for (const u of [record.url, ...record.aliases]) {
    try {
      const url = new URL(u);
      if (url.search === '') paths.add(url.pathname);
    } catch {
      // An alias that is not a URL cannot become a path; the record keeps it in original_url/aliases.
    }
  }
  return [...paths].sort();
}

/**
 * Longest alias a generator can write. Hugo and Jekyll write each alias as folders and an index.html under
 * the site's output folder: one segment over NAME_MAX (255 bytes on ext4, APFS, NTFS) stops the whole build
 * ("file name too long"), and the full path must stay well under PATH_MAX (4096) after the site's own folder.
 * Segments are measured decoded and encoded alike (generators differ in which they write), with room for
 * `.html` where a generator writes ugly URLs.
 */
export const MAX_ALIAS_SEGMENT_BYTES = 240;
export const MAX_ALIAS_BYTES = 1024;

/** Whether a generator can write `path` (an old path of oldPaths) as a redirect page on any file system. */
export function aliasFits(path: string): boolean {
  const spellings = [path, safeDecode(path)];
  return spellings.every((p) => Buffer.byteLength(p) <= MAX_ALIAS_BYTES && p.split('/').every((seg) => Buffer.byteLength(seg) <= MAX_ALIAS_SEGMENT_BYTES));
}

/** Old paths too long to be a generator's alias: left out of the front matter, served by the redirect map. */
export function overlongAliases(record: PostRecord): string[] {
  return oldPaths(record).filter((p) => !aliasFits(p));
}

/** Builds the front matter of a record for a layout; `kind` is 'post' or 'page'. */
export function buildFrontMatter(record: PostRecord, layout: Layout, kind: 'post' | 'page', gen: GeneratorFields = {}): FrontMatter {
  const fm: FrontMatter = {
    title: record.title,
    ...(record.published ? { date: record.published } : {}),
    // Hugo and Jekyll build the page's URL (and output path) from `slug`: a hostile one (`../../x`) must not
    // decide where the page is written, so it is made one safe path segment, as the file names are.
    slug: record.slug ? safeStem(record.slug, 'untitled') : record.slug,
    blog: record.blog,
    author: record.author ? record.author.name : null,
    categories: record.categories.map((c) => c.name),
    tags: record.tags.map((t) => t.name),
    excerpt: record.excerpt,
    comment_count: record.commentCount,
    original_url: record.url,
    aliases: layout === 'hugo' ? oldPaths(record).filter((p) => aliasFits(p) && !gen.taken?.has(safeDecode(p))) : [...record.aliases],
  };
  if (layout === 'jekyll') {
    fm.redirect_from = oldPaths(record).filter(aliasFits);
    fm.layout = kind;
    fm.render_with_liquid = false;
  }
  if (record.capture) fm.source = { warc_target_uri: record.capture.url, payload_digest: record.capture.payloadDigest };
  if (gen.url !== undefined) fm.url = gen.url;
  if (gen.permalink !== undefined) fm.permalink = gen.permalink;
  if (gen.blog_page !== undefined) fm.blog_page = gen.blog_page;
  if (gen.category_pages) fm.category_pages = gen.category_pages;
  if (gen.withComments) fm.comments = threadComments(record.comments);
  return fm;
}

/**
 * `---\n<yaml>---\n`. Every string is double-quoted: that spelling means the same in YAML 1.1 (Jekyll's
 * Psych, older Hugo) and 1.2, where a plain `yes`, `0o10` or `2013-06-05` would not. U+2028/2029/0085
 * are escaped because YAML 1.1 reads them as line breaks.
 */
export function renderFrontMatter(fm: FrontMatter | Record<string, unknown>): string {
  const text = stringify(fm, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' })
    .replace(/\u2028/g, '\\L')
    .replace(/\u2029/g, '\\P')
    .replace(/\u0085/g, '\\N');
  return `---\n${text}---\n`;
}

/** Splits a Markdown file into its parsed front matter and its body; null front matter when there is none. */
export function splitFrontMatter(text: string): { data: Record<string, unknown> | null; body: string } {
  if (!text.startsWith('---\n')) return { data: null, body: text };
  const end = text.indexOf('\n---\n', 3);
  if (end < 0) return { data: null, body: text };
  const data = parse(text.slice(4, end + 1)) as Record<string, unknown> | null;
  return { data: data ?? {}, body: text.slice(end + 5) };
}
