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
  const out: number[] = [];
  const raw = Buffer.from(s, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b === 0x25 && i + 2 < raw.length + 0 && /^[0-9A-Fa-f]{2}$/.test(raw.subarray(i + 1, i + 3).toString('latin1'))) {
      out.push(parseInt(raw.subarray(i + 1, i + 3).toString('latin1'), 16));
      i += 2;
    } else out.push(b);
  }
  return Buffer.from(out);
}

/**
 * The path as nginx (`merge_slashes on`) and Apache (`MergeSlashes On`, 2.4.39+) see it: runs of `/` merged,
 * then percent-decoded to bytes.
 */
export function serverPathBytes(path: string): Buffer {
  return decodeToBytes(path.replace(/\/{2,}/g, '/'));
}

/** Every row: sources × hosts × {http, https} × escape spellings, sorted by `from`. */
export function expandRows(sources: readonly PlannedSource[], hosts: readonly string[]): RedirectRow[] {
  const rows: RedirectRow[] = [];
  for (const s of sources) {
    for (const spelling of escapeSpellings(s.key)) {
      for (const host of hosts) {
        for (const scheme of ['http', 'https']) {
          rows.push({ from: `${scheme}://${host}${spelling}`, to: s.to, status: s.status, kind: s.kind, source: s.source });
        }
      }
    }
  }
  return rows.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}
