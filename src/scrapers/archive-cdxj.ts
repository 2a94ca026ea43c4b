/**
 * index.cdxj: one line per capture, `SURT-key timestamp {json}`, sorted, as pywb writes and reads it. The
 * offset and length locate the response record's gzip member, so a reader can fetch one capture directly.
 */

/** One line of index.cdxj, also kept in the crawl journal so the index can be rebuilt on resume. */
export interface CdxEntry {
  url: string;
  /** 14-digit UTC timestamp of the capture. */
  timestamp: string;
  mime: string;
  status: number;
  digest: string;
  length: number;
  offset: number;
  filename: string;
  recordId: string;
  /** Present for 304 answers stored as revisits: the capture they point back to. */
  revisitOf?: string;
}

/** Sort-friendly URL key (SURT) as pywb writes it: `se,naringsbloggen)/innovation/?p=7`. */
export function surtKey(url: string): string {
  const u = new URL(url);
  let host = u.hostname.toLowerCase();
  if (host.startsWith('www.')) host = host.slice(4);
  const isDefault = u.port === '';
  const hostKey = host.split('.').reverse().join(',') + (isDefault ? '' : `:${u.port}`);
  const query = u.search ? `?${u.search.slice(1).split('&').sort().join('&')}` : '';
  return `${hostKey})${u.pathname}${query}`.toLowerCase();
}

export function cdxTimestamp(iso: string): string {
  return iso.replace(/[-:TZ]/g, '').slice(0, 14);
}

/** One line of index.cdxj (no line break). */
export function cdxjLine(e: CdxEntry): string {
  const json = { url: e.url, mime: e.mime, status: String(e.status), digest: e.digest, length: String(e.length), offset: String(e.offset), filename: e.filename };
  return `${surtKey(e.url)} ${e.timestamp} ${JSON.stringify(json)}`;
}

/** The text of index.cdxj: one line per capture, sorted by SURT key, then timestamp, then the rest. */
export function formatCdxj(entries: Iterable<CdxEntry>): string {
  const lines = [...entries].map(cdxjLine).sort();
  return lines.length ? `${lines.join('\n')}\n` : '';
}
