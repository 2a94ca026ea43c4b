/**
 * The spellings of one old URL that clients send, and the rows that cover them: every source host, http and
 * https, and escapes in upper case (browsers, RFC 3986) and lower case (WordPress wrote `%e2%80%93`).
 */
import type { RedirectRow } from '../../types.ts';
import type { PlannedSource } from './plan.ts';

/** The text with every percent-escape's hex in lower case. */
export function lowerEscapes(s: string): string {
  return s.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
}

/** The distinct escape spellings of a path + query: normalised (upper case) first, then lower case if different. */
export function escapeSpellings(key: string): string[] {
  const lower = lowerEscapes(key);
  return lower === key ? [key] : [key, lower];
}

/**
 * Percent-decodes to the bytes a server sees after decoding (nginx `$uri`, Apache `REQUEST_URI`, Caddy `{path}`).
 * Malformed escapes stay as written.
 */
export function decodeToBytes(s: string): Buffer {
  if (!s.includes('%')) return Buffer.from(s, 'utf8');
  const parts: Buffer[] = [];
  let last = 0;
  const re = /(?:%[0-9A-Fa-f]{2})+/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    parts.push(Buffer.from(s.slice(last, m.index), 'utf8'), Buffer.from(m[0].replace(/%/g, ''), 'hex'));
    last = m.index + m[0].length;
  }
  parts.push(Buffer.from(s.slice(last), 'utf8'));
  return Buffer.concat(parts);
}

/**
 * The path as nginx (`merge_slashes on`) and Apache (`MergeSlashes On`, 2.4.39+) see it: runs of `/` merged,
 * then percent-decoded to bytes.
 */
export function serverPathBytes(path: string): Buffer {
  return decodeToBytes(path.replace(/\/{2,}/g, '/'));
}

/**
 * Every row: sources × hosts × {http, https} × escape spellings, sorted by `from`. Built group by group
 * (scheme, then host) over the spellings sorted once, which gives the same order as sorting the rows.
 */
export function expandRows(sources: readonly PlannedSource[], hosts: readonly string[]): RedirectRow[] {
  const spellings: { key: string; s: PlannedSource }[] = [];
  for (const s of sources) for (const key of escapeSpellings(s.key)) spellings.push({ key, s });
  spellings.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // "http://" sorts before "https://" (":" < "s"); hosts compare with the "/" that follows them.
  const origins = ['http', 'https'].flatMap((scheme) => [...hosts].sort((a, b) => (`${a}/` < `${b}/` ? -1 : 1)).map((h) => `${scheme}://${h}`));
  const rows: RedirectRow[] = [];
  for (const origin of origins) {
    for (const { key, s } of spellings) rows.push({ from: origin + key, to: s.to, status: s.status, kind: s.kind, source: s.source });
  }
  return rows;
}
