/**
 * The CDX server API as the Wayback Machine documents it (wayback-cdx-server README): `output=json` is an
 * array of arrays whose first row names the fields; with `showResumeKey=true` and a `limit`, a page that is
 * not the last ends with an empty row and then a one-element row holding the key to send as `resumeKey`.
 * Original URLs come back as they were captured (`:80`, http/https, with and without `www.`): mapOriginal
 * brings them to the spelling of the prefix asked for, with the crawl's own normalisation.
 */
import { cleanUrl } from '../../crawl-scope.ts';

export const CDX_FIELDS = ['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest', 'length'] as const;

export interface CdxRow {
  urlkey: string;
  timestamp: string;
  original: string;
  mimetype: string;
  /** `200`, `301`…, or `-` for revisit rows. */
  statuscode: string;
  digest: string;
  length: string;
}

export interface CdxQuery {
  url: string;
  matchType: 'exact' | 'prefix';
  from: string | null;
  to: string | null;
  limit: number;
  resumeKey?: string | null;
  filters?: string[];
}

export function cdxQueryUrl(archiveBase: string, q: CdxQuery): string {
  const p = new URLSearchParams({ url: q.url, matchType: q.matchType, output: 'json', fl: CDX_FIELDS.join(',') });
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  for (const f of q.filters ?? []) p.append('filter', f);
  p.set('limit', String(q.limit));
  p.set('showResumeKey', 'true');
  if (q.resumeKey) p.set('resumeKey', q.resumeKey);
  return `${archiveBase}/cdx/search/cdx?${p.toString()}`;
}

/** One CDX JSON page: its rows (by field name, whatever order the server lists them in) and the resume key. */
export function parseCdxJson(text: string): { rows: CdxRow[]; resumeKey: string | null } {
  const trimmed = text.trim();
  if (trimmed === '') return { rows: [], resumeKey: null };
  const data = JSON.parse(trimmed) as unknown;
  if (!Array.isArray(data)) throw new Error('CDX answer is not a JSON array of rows');
  if (data.length === 0) return { rows: [], resumeKey: null };
  const names = data[0] as string[];
  const at = (n: string) => names.indexOf(n);
  const missing = ['timestamp', 'original', 'statuscode'].filter((n) => at(n) < 0);
  if (missing.length) throw new Error(`CDX answer lacks the fields ${missing.join(', ')} (first row: ${JSON.stringify(names)})`);
  const rows: CdxRow[] = [];
  let resumeKey: string | null = null;
  for (let i = 1; i < data.length; i++) {
    const r = data[i] as string[];
    if (r.length === 0) {
      // The empty row separates the rows from the resume key.
      const next = data[i + 1] as string[] | undefined;
      resumeKey = next?.[0] ?? null;
      break;
    }
    const get = (n: string) => (at(n) >= 0 ? String(r[at(n)] ?? '') : '');
    rows.push({ urlkey: get('urlkey'), timestamp: get('timestamp'), original: get('original'), mimetype: get('mimetype'), statuscode: get('statuscode'), digest: get('digest'), length: get('length') });
  }
  return { rows, resumeKey };
}

const bareHost = (h: string) => h.toLowerCase().replace(/^www\./, '');

/**
 * A captured original URL in the spelling of the prefix whose site it belongs to (scheme and host of the
 * prefix, `:80` gone, percent-escapes and dropped parameters as the crawl spells them); null when it is not
 * of any prefix's site.
 */
export function mapOriginal(original: string, prefixes: readonly string[]): string | null {
  let u: URL;
  try {
    u = new URL(/^[a-z]+:\/\//i.test(original) ? original : `http://${original}`);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const site = prefixes.map((p) => new URL(p)).find((p) => bareHost(p.hostname) === bareHost(u.hostname));
  if (!site) return null;
  // An archive keeps `http://host:80/` and `https://host:443/` as captured; they are one page.
  if ((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443') || u.port === '') {
    u.protocol = site.protocol;
    u.host = site.host;
  } else if (u.port !== site.port) {
    return null;
  }
  return cleanUrl(u.href).url;
}

/** `20180115` → the first second of that period; `to` bounds are padded to its last second. */
export function padTimestamp(ts: string, end: boolean): string {
  return ts.padEnd(14, end ? '9' : '0');
}
