/**
 * `verify-redirects --urls FILE`: a list of old URLs to test, one a line, each optionally followed by the
 * target it must reach (`http://old.example/feed/atom/ https://new.example/news/`). Blank lines and `#`
 * comments are skipped; a bare path takes `--host`. A URL without a target is right when it is one 301 to a
 * URL off its own host. A redirects.csv (the probes `export redirects --probes` writes) is read as rows.
 */
import type { RedirectRow } from '../../types.ts';
import { parseRedirectRows } from './csv.ts';

/** Marks a row whose target is not given: any one 301 off the old host is right. */
export const ANY_TARGET = '';

/** Parses the list; throws an Error naming the line at fault (the caller adds the file name). */
export function parseUrlList(text: string, host: string | undefined): RedirectRow[] {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/^\s*from\s*,\s*to\b/i.test(clean)) return parseRedirectRows(clean, 'csv');
  const rows: RedirectRow[] = [];
  clean.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const where = `line ${i + 1}`;
    const cells = line.split(/[\s,]+/);
    if (cells.length > 2) throw new Error(`${where}: expected an old URL and optionally its target, got ${cells.length} fields`);
    let from = cells[0]!;
    if (from.startsWith('/')) {
      if (!host) throw new Error(`${where}: ${from} is a path; give absolute URLs (http://old.example${from}) or --host NAME`);
      from = `http://${host}${from}`;
    }
    if (!/^https?:\/\/[^/?#\s]+/i.test(from)) throw new Error(`${where}: ${JSON.stringify(cells[0])} is not an absolute http(s) URL or a path starting with /`);
    const to = cells[1] ?? ANY_TARGET;
    if (to !== ANY_TARGET && !/^https?:\/\//i.test(to)) throw new Error(`${where}: the expected target ${JSON.stringify(to)} is not an absolute http(s) URL`);
    rows.push({ from, to, status: 301, kind: 'other' });
  });
  return rows;
}
