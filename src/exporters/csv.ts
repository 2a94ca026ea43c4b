/**
 * `export csv`: one row per post for the editors who decide where each post goes. The empty `new_url`
 * column is theirs to fill; `export redirects` reads the file back (columns url → new_url) as their map.
 *
 * Format: RFC 4180 (comma, fields quoted when they hold `"` `,` CR or LF, quotes doubled, CRLF between
 * records as the RFC says and Excel expects), UTF-8 with a BOM so Excel shows å ä ö right.
 */
import type { OutputFile, PostRecord } from '../types.ts';
import { byUrl } from './site-index.ts';

export const CSV_COLUMNS = ['url', 'title', 'date', 'author', 'categories', 'comment_count', 'excerpt', 'new_url'] as const;
/** How several categories share one cell: the separator the old site's listings used. */
export const CATEGORY_SEPARATOR = ' | ';
const BOM = '\uFEFF';

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a leading tab/CR that some
 * programs strip first) gets a leading `'`, the OWASP advice against CSV injection.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180 §2.6–2.7: quote a field holding a comma, quote, CR or LF; double its quotes. */
export function quoteCsvField(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function row(cells: readonly string[]): string {
  return cells.map(quoteCsvField).join(',');
}

/** The cells of one post, in CSV_COLUMNS order, neutralised against formula injection. */
export function csvCells(r: PostRecord): string[] {
  return [
    r.url,
    r.title,
    r.published ?? '',
    r.author?.name ?? '',
    r.categories.map((c) => c.name).join(CATEGORY_SEPARATOR),
    r.commentCount === null ? '' : String(r.commentCount),
    r.excerpt,
    '',
  ].map(neutraliseFormula);
}

/** The CSV text: BOM, header, one CRLF-terminated row per post sorted by URL. */
export function toCsvText(posts: readonly PostRecord[]): string {
  const lines = [row(CSV_COLUMNS), ...byUrl(posts).map((p) => row(csvCells(p)))];
  return `${BOM}${lines.map((l) => `${l}\r\n`).join('')}`;
}

/** The one file of `export csv`; `path` is the name relative to the output folder. */
export function toCsv(posts: readonly PostRecord[], path = 'posts.csv'): OutputFile {
  return { path, contents: toCsvText(posts) };
}
