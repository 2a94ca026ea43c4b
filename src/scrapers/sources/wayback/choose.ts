/**
 * Which capture of a URL stands for the site as it last stood: a pure decision over the URL's CDX rows and
 * what fetching its redirects has taught (which captures redirect off the site).
 *
 * - The latest 200 capture wins. A `warc/revisit` row repeats an earlier capture with the same digest and
 *   counts as that capture (fetched at the original's timestamp, which the archive holds whole).
 * - A captured 3xx is the site's own answer when its Location stays on the site (`/?p=7` → the permalink):
 *   it is kept, as the crawl keeps redirects. Its Location is only in the raw capture, so an unfetched 3xx is
 *   a `probe`: fetch it, then decide again with what it said.
 * - A 3xx off the site (after the closure, every URL redirects to the new home) is not the old site: the
 *   capture before it is taken.
 * - 4xx are kept only when nothing better exists (a page that was deleted is a 404 in a crawl too); 5xx
 *   and unresolvable revisits are never content.
 */
import type { CdxRow } from './cdx.ts';

export interface Chosen {
  kind: 'capture';
  /** The timestamp to fetch (a revisit's original). */
  timestamp: string;
  row: CdxRow;
  status: number;
  reason: string;
}

export type Choice = Chosen | { kind: 'none'; reason: string };

const isRevisit = (r: CdxRow) => r.mimetype === 'warc/revisit' || r.statuscode === '-' || r.statuscode === '';

/** `offsite`: timestamp → where it leads, for captures fetched and found to be another site (3xx off it, or a page whose canonical URL is elsewhere). */
export function chooseCapture(rows: readonly CdxRow[], offsite: ReadonlyMap<string, string>): Choice {
  const sorted = [...rows].sort((a, b) => (a.timestamp < b.timestamp ? 1 : a.timestamp > b.timestamp ? -1 : 0));
  const passed: string[] = [];
  let fallback: Chosen | null = null;
  for (const row of sorted) {
    let original: CdxRow | undefined = row;
    if (isRevisit(row)) original = sorted.find((o) => !isRevisit(o) && o.digest === row.digest && o.timestamp <= row.timestamp);
    if (!original) {
      passed.push(`${row.timestamp} revisit of nothing in the range`);
      continue;
    }
    const status = Number(original.statuscode);
    const via = original === row ? '' : ` (revisit ${row.timestamp} of ${original.timestamp})`;
    const skipped = passed.length ? `; passed over ${passed.join(', ')}` : '';
    const off = offsite.get(original.timestamp);
    if (off !== undefined) {
      passed.push(`${row.timestamp} ${status} off the site (${off})`);
      continue;
    }
    if (status === 200) return { kind: 'capture', timestamp: original.timestamp, row: original, status, reason: `latest 200 capture${via}${skipped}` };
    if (status >= 300 && status < 400) {
      return { kind: 'capture', timestamp: original.timestamp, row: original, status, reason: `latest capture is a ${status} on the site${via}${skipped}` };
    }
    if (status >= 400 && status < 500) {
      fallback ??= { kind: 'capture', timestamp: original.timestamp, row: original, status, reason: `only ${status} captures on the site; the latest kept${via}` };
      passed.push(`${row.timestamp} ${status}`);
      continue;
    }
    passed.push(`${row.timestamp} ${original.statuscode || 'no status'}`);
  }
  if (fallback) return fallback;
  return { kind: 'none', reason: sorted.length ? `no usable capture: ${passed.join(', ')}` : 'no capture in the range' };
}
