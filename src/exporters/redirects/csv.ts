/**
 * The CSV side of redirects: a small RFC 4180 reader for the editors' mapping (`from,to` or the `url,…,new_url`
 * sheet of `export csv`) and for redirects.csv, and the writer of redirects.csv (`from,to,status,kind`).
 */
import type { OutputFile, PageKind, RedirectRow } from '../../types.ts';
import { PAGE_KINDS } from '../../types.ts';

/**
 * Parses CSV text into rows of cells (RFC 4180: quoted cells may hold commas, quotes as `""`, and line breaks;
 * CRLF or LF line ends; a UTF-8 BOM is dropped). Throws an Error naming the line of an unclosed quote.
 */
export function parseCsv(text: string, delimiter: ',' | ';' = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') { quoted = true; quoteLine = line; continue; }
    if (ch === delimiter) { row.push(cell); cell = ''; continue; }
    if (ch === '\r' && text[i + 1] === '\n') continue;
    if (ch === '\n' || ch === '\r') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      line++;
      continue;
    }
    cell += ch;
  }
  if (quoted) throw new Error(`line ${quoteLine}: a quoted cell is never closed`);
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

/**
 * The delimiter of a sheet, from its header line: `;` when the header has semicolons and no commas (Excel
 * in a locale such as Swedish saves CSV that way, and `export csv --delimiter ';'` writes it), else `,`.
 */
export function sniffDelimiter(text: string): ',' | ';' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

/** Quotes a cell when it holds a comma, a quote or a line break (RFC 4180 §2.6–2.7). */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** redirects.csv: header `from,to,status,kind`, one row per old URL a client may send, sorted by `from`, LF. */
export function toRedirectsCsv(rows: readonly RedirectRow[], path = 'redirects.csv'): OutputFile[] {
  const lines = ['from,to,status,kind'];
  for (const r of rows) lines.push([r.from, r.to, String(r.status), r.kind].map(csvCell).join(','));
  return [{ path, contents: `${lines.join('\n')}\n` }];
}

/**
 * Reads redirect rows back from redirects.csv or redirects.json text (what verify-redirects checks).
 * Throws an Error whose message names the row at fault; the caller adds the file name.
 */
export function parseRedirectRows(text: string, format: 'csv' | 'json'): RedirectRow[] {
  const out: RedirectRow[] = [];
  const check = (from: unknown, to: unknown, status: unknown, kind: unknown, where: string): void => {
    if (typeof from !== 'string' || !/^https?:\/\//i.test(from)) throw new Error(`${where}: "from" must be an absolute http(s) URL, got ${JSON.stringify(from)}`);
    if (typeof to !== 'string' || !/^https?:\/\//i.test(to)) throw new Error(`${where}: "to" must be an absolute http(s) URL, got ${JSON.stringify(to)}`);
    const st = typeof status === 'string' ? Number(status) : status;
    if (typeof st !== 'number' || !Number.isInteger(st) || st < 300 || st > 399) throw new Error(`${where}: "status" must be a 3xx status such as 301, got ${JSON.stringify(status)}`);
    const k = (kind === undefined || kind === '' ? 'other' : kind) as PageKind;
    if (!PAGE_KINDS.includes(k)) throw new Error(`${where}: "kind" must be one of ${PAGE_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
    out.push({ from, to, status: st, kind: k });
  };
  if (format === 'json') {
    let value: unknown;
    try {
      // An editor on Windows may save the file with a UTF-8 BOM, which the CSV reader drops too.
      value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (err) {
      throw new Error(`not valid JSON (${(err as Error).message})`);
    }
    const rows = Array.isArray(value) ? value : (value as { rows?: unknown } | null)?.rows;
    if (!Array.isArray(rows)) throw new Error('expected an array of {from, to, status, kind} rows');
    rows.forEach((r, i) => {
      const o = (r ?? {}) as Record<string, unknown>;
      check(o.from, o.to, o.status ?? 301, o.kind, `row ${i + 1}`);
    });
    return out;
  }
  const table = parseCsv(text);
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string): number => header.indexOf(name);
  if (col('from') < 0 || col('to') < 0) throw new Error('line 1: expected the header from,to,status,kind');
  table.slice(1).forEach((cells, i) => {
    if (cells.length === 1 && cells[0] === '') return;
    const get = (name: string): string | undefined => (col(name) >= 0 ? cells[col(name)] : undefined);
    check(get('from'), get('to'), get('status') || '301', get('kind'), `line ${i + 2}`);
  });
  return out;
}
