/**
 * `export csv`: the editors' sheet, one row per post, then per static page and per category, for the
 * editors who decide where each goes. `new_url` is pre-filled from the URL plan when there are rules (what
 * the redirect map would send the row's old URL to); the editor overrides it, and `export redirects --map`
 * reads the sheet back (columns url → new_url) as their map, which wins over the rules.
 *
 * Format: RFC 4180 (fields quoted when they hold `"`, the delimiter, CR or LF, quotes doubled, CRLF between
 * records as the RFC says and Excel expects), UTF-8 with a BOM so Excel shows å ä ö right. The delimiter
 * is `,`, or `;` for locales (Swedish among them) whose Excel splits CSV on semicolons.
 */
import type { OutputFile, PostRecord, TermRef } from '../types.ts';
import { normalizeUrl } from '../url.ts';
import { byUrl, linkKey } from './site-index.ts';
import type { UrlPlan } from './url-plan.ts';
import { streamedText } from './write.ts';

export const CSV_COLUMNS = ['url', 'title', 'date', 'author', 'categories', 'comment_count', 'excerpt', 'new_url', 'kind'] as const;
/** How several categories share one cell: the separator the old site's listings used. */
export const CATEGORY_SEPARATOR = ' | ';
export const CSV_DELIMITERS = [',', ';'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];
const BOM = '\uFEFF';

export interface CsvOptions {
  delimiter?: CsvDelimiter;
  /** Static pages get rows too (kind `page`). */
  pages?: readonly PostRecord[];
  /** Category pages get rows too (kind `category`), from the posts' categories. */
  categories?: boolean;
  /** Pre-fills `new_url`. */
  plan?: UrlPlan | null;
}

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a leading tab/CR that some
 * programs strip first) gets a leading `'`, the OWASP advice against CSV injection.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180 §2.6–2.7: quote a field holding the delimiter, a quote, CR or LF; double its quotes. */
export function quoteCsvField(cell: string, delimiter: CsvDelimiter = ','): string {
  return cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function newUrlOf(plan: UrlPlan | null | undefined, url: string, planned: string | undefined): string {
  if (!plan || plan.origin === null) return '';
  const k = linkKey(url);
  return planned ?? (k ? plan.byOld.get(k) : undefined) ?? '';
}

/** The cells of one post or page, in CSV_COLUMNS order, neutralised against formula injection. */
export function csvCells(r: PostRecord, kind: 'post' | 'page' = 'post', plan: UrlPlan | null = null): string[] {
  return [
    r.url,
    r.title,
    r.published ?? '',
    r.author?.name ?? '',
    r.categories.map((c) => c.name).join(CATEGORY_SEPARATOR),
    r.commentCount === null ? '' : String(r.commentCount),
    r.excerpt,
    newUrlOf(plan, r.url, plan?.records.get(r.url)),
    kind,
  ].map(neutraliseFormula);
}

/** Each category once (by its URL), with the number of posts listing it, sorted by URL. */
function categoryRows(posts: readonly PostRecord[], plan: UrlPlan | null): string[][] {
  const seen = new Map<string, { ref: TermRef; posts: number }>();
  for (const p of posts) for (const c of p.categories) {
    const url = normalizeUrl(c.url);
    if (!url) continue;
    const e = seen.get(url) ?? { ref: c, posts: 0 };
    e.posts++;
    seen.set(url, e);
  }
  return [...seen].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([url, e]) => [url, e.ref.name, '', '', '', String(e.posts), '', newUrlOf(plan, url, undefined), 'category'].map(neutraliseFormula));
}

/** The CSV text a row at a time: BOM, header, one CRLF-terminated row per post (then pages, categories), each block sorted by URL. */
function* csvChunks(posts: readonly PostRecord[], options: CsvOptions): Generator<string> {
  const d = options.delimiter ?? ',';
  const plan = options.plan ?? null;
  const line = (cells: string[]): string => `${cells.map((c) => quoteCsvField(c, d)).join(d)}\r\n`;
  yield `${BOM}${line([...CSV_COLUMNS])}`;
  for (const p of byUrl(posts)) yield line(csvCells(p, 'post', plan));
  for (const p of byUrl(options.pages ?? [])) yield line(csvCells(p, 'page', plan));
  if (options.categories) for (const cells of categoryRows(posts, plan)) yield line(cells);
}

/** The CSV text: BOM, header, one CRLF-terminated row per post (then pages, categories), each block sorted by URL. */
export function toCsvText(posts: readonly PostRecord[], options: CsvOptions = {}): string {
  return [...csvChunks(posts, options)].join('');
}

/** The one file of `export csv`, written a row at a time; `path` is the name relative to the output folder. */
export function toCsv(posts: readonly PostRecord[], path = 'posts.csv', options: CsvOptions = {}): OutputFile {
  return streamedText(path, () => csvChunks(posts, options));
}
