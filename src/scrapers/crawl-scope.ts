/**
 * Which URLs the crawl may fetch: scope prefixes, include/exclude patterns, the query parameters that only
 * multiply one page, and the trap guards (endless calendars, runaway pagination, repeating or very long paths).
 * Every decision comes with a reason, so the crawl log can say why a URL was not fetched.
 */
import { decodeSafe, normalizeUrl, DROPPED_PARAMS } from '../url.ts';

export { DROPPED_PARAMS };

export interface ScopeOptions {
  startUrls: readonly string[];
  /** URL prefixes that replace the default scope (the start URLs' origin and folder). */
  scopes: readonly string[];
  includes: readonly RegExp[];
  excludes: readonly RegExp[];
  /** Highest `/page/N/` or `?paged=N` followed. */
  maxPagination: number;
  /** Date archives outside these years are calendar traps. */
  minYear: number;
  maxYear: number;
}

/** Normalises a link and strips the parameters that only multiply pages; `dropped` names what went. */
export function cleanUrl(href: string, base?: string): { url: string | null; dropped: string[] } {
  const url = normalizeUrl(href, base);
  if (!url) return { url: null, dropped: [] };
  const q = url.indexOf('?');
  if (q < 0) return { url, dropped: [] };
  const dropped: string[] = [];
  const kept = url.slice(q + 1).split('&').filter((kv) => {
    const name = decodeSafe(kv.split('=')[0] ?? '').toLowerCase();
    if (DROPPED_PARAMS.includes(name) || name.startsWith('utm_')) {
      dropped.push(name.startsWith('utm_') ? 'utm_*' : name);
      return false;
    }
    return true;
  });
  return { url: kept.length ? `${url.slice(0, q)}?${kept.join('&')}` : url.slice(0, q), dropped };
}

/** The default scope of a start URL: its origin and folder (`http://h/blog/post` gives `http://h/blog/`). */
export function defaultScope(startUrl: string): string {
  const u = new URL(startUrl);
  const folder = u.pathname.slice(0, u.pathname.lastIndexOf('/') + 1) || '/';
  return `${u.protocol}//${u.host}${folder}`;
}

/** Why a URL is a trap, or null. Guards are cheap string checks: they run on every link of every page. */
export function trapReason(url: string, o: Pick<ScopeOptions, 'maxPagination' | 'minYear' | 'maxYear'>): string | null {
  if (url.length > 2000) return 'trap:long-url';
  const u = new URL(url);
  const segs = u.pathname.split('/').filter(Boolean);
  if (segs.length > 30) return 'trap:deep-path';
  const counts = new Map<string, number>();
  for (const s of segs) {
    const n = (counts.get(s) ?? 0) + 1;
    // WordPress never repeats a segment three times; relative-link loops (a/b/a/b/a/…) do.
    if (n >= 3) return 'trap:repeated-segment';
    counts.set(s, n);
  }
  for (let i = 0; i + 3 < segs.length; i++) {
    if (segs[i] === segs[i + 2] && segs[i + 1] === segs[i + 3]) return 'trap:repeated-segment';
  }
  const page = /\/page\/(\d+)\/?$/.exec(u.pathname)?.[1] ?? u.searchParams.get('paged') ?? null;
  if (page !== null && Number(page) > o.maxPagination) return 'trap:pagination';
  // Calendar widgets link month after month, forever, in both directions.
  const m = u.searchParams.get('m');
  if (m !== null) {
    if (!/^\d{4}(\d{2}){0,2}$/.test(m)) return 'trap:calendar';
    const y = Number(m.slice(0, 4));
    if (y < o.minYear || y > o.maxYear) return 'trap:calendar';
  }
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (/^\d{4}$/.test(s) && (i + 1 >= segs.length || /^\d{1,2}$/.test(segs[i + 1]!))) {
      const y = Number(s);
      if (y < o.minYear || y > o.maxYear) return 'trap:calendar';
      const mm = segs[i + 1];
      if (mm !== undefined && (Number(mm) < 1 || Number(mm) > 12)) return 'trap:calendar';
      break;
    }
  }
  return null;
}

/**
 * WordPress's own query variables that carry an ID or a page number. With a whole-number value they are one
 * per post, page, category, author or listing page, so a site has as many as it has content: they do not make
 * a query variant. Any other parameter (a search term, a filter, a sort order, a date) does.
 */
const ID_PARAMS = new Set(['p', 'page_id', 'attachment_id', 'cat', 'author', 'paged', 'page', 'cpage', 'm', 'w', 'year', 'monthnum', 'day']);

/**
 * The query variant a link adds to its path (for --max-query-variants): the query without WordPress's
 * whole-number ID parameters, so `?tag=x&paged=2` and `?tag=x` are one variant and `?p=12` is none. Null
 * when nothing is left.
 */
export function queryVariant(url: string): { path: string; variant: string } | null {
  const q = url.indexOf('?');
  if (q < 0) return null;
  const kept = url.slice(q + 1).split('&').filter((kv) => {
    const eq = kv.indexOf('=');
    return !(eq > 0 && ID_PARAMS.has(decodeSafe(kv.slice(0, eq)).toLowerCase()) && /^\d+$/.test(kv.slice(eq + 1)));
  });
  return kept.length === 0 ? null : { path: url.slice(0, q), variant: kept.join('&') };
}

export interface Scope {
  /** null when the URL may be fetched, else the reason (`out-of-scope`, `excluded`, `trap:…`). */
  check(url: string): string | null;
  readonly prefixes: readonly string[];
}

export function createScope(o: ScopeOptions): Scope {
  const prefixes = (o.scopes.length ? o.scopes : o.startUrls.map(defaultScope)).map((p) => normalizeUrl(p) ?? p);
  return {
    prefixes,
    check(url) {
      if (o.excludes.some((r) => r.test(url))) return 'excluded';
      const inPrefix = prefixes.some((p) => url.startsWith(p));
      if (!inPrefix && !o.includes.some((r) => r.test(url))) return 'out-of-scope';
      return trapReason(url, o);
    },
  };
}
