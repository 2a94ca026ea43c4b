/**
 * Probes past the inventory: URLs WordPress would have answered that no crawl listed, derived from the plan
 * (for every post its /feed/, /amp/, /comment-page-2/, an attachment page and an upper-case spelling; for every
 * listing /page/99/ and /feed/atom/; for each sub-blog an unknown path, a day archive and an unknown ?p=; the
 * site's /feed/rss2/, /wp-login.php), each with the target the plan gives it (`expectedTarget`, the reference
 * the servers must agree with). `export redirects --probes FILE` writes them as a redirects.csv that
 * `verify-redirects` checks like any other.
 */
import type { RedirectRow } from '../../types.ts';
import { decodeSafe } from '../../url.ts';
import { catchAllTarget } from './catch-all.ts';
import type { RedirectPlan } from './plan.ts';

/** Where a request (path + optional query, percent-encoded) goes by the plan: its rows, then its catch-alls. */
export function expectedTarget(plan: RedirectPlan, path: string, query = ''): string | null {
  const byKey = new Map(plan.sources.map((s) => [s.key.toLowerCase(), s.to]));
  const exact = byKey.get(`${path}${query ? `?${query}` : ''}`.toLowerCase()) ?? byKey.get(path.toLowerCase());
  if (exact) return exact;
  if (!plan.catchAll) return null;
  const lower = new Map(plan.sources.filter((s) => !s.query).map((s) => [decodeSafe(s.path).toLowerCase(), s.to]));
  return catchAllTarget(plan.catchAll, path, (p) => lower.get(decodeSafe(p).toLowerCase()) ?? null);
}

/** The probe rows on the first source host over http, sorted, with the plan's expected target. */
export function probeRows(plan: RedirectPlan): RedirectRow[] {
  const host = plan.sourceHosts[0];
  if (!host) return [];
  const paths = new Set<string>(['/feed/', '/feed/atom/', '/feed/rss2/', '/page/99/', '/wp-login.php', '/2012/05/14/', '/naring-archive-probe/unknown/']);
  for (const s of plan.sources) {
    if (s.query || s.variant !== 'url' || !s.path.endsWith('/')) continue;
    if (s.kind === 'post' || s.kind === 'page') {
      for (const suffix of ['feed/', 'feed', 'amp/', 'comment-page-2/', 'naring-archive-attachment/']) paths.add(`${s.path}${suffix}`);
      if (/^[a-z0-9/_.-]+$/.test(s.path)) paths.add(s.path.toUpperCase());
    } else if (['category', 'tag', 'author', 'date', 'home'].includes(s.kind)) {
      paths.add(`${s.path}page/99/`);
      paths.add(`${s.path}feed/atom/`);
    }
  }
  const blogs = new Set(plan.catchAll?.prefixes.filter((p) => p.from === 'blog').map((p) => p.prefix) ?? []);
  for (const b of blogs) for (const p of [`${b}/naring-archive-probe/unknown/`, `${b}/2012/05/14/`, `${b}/feed/rdf/`]) paths.add(p);
  const rows: RedirectRow[] = [];
  const have = new Set(plan.sources.map((s) => s.key));
  const add = (path: string, query: string): void => {
    const key = `${path}${query ? `?${query}` : ''}`;
    if (have.has(key)) return;
    have.add(key);
    const to = expectedTarget(plan, path, query);
    if (to) rows.push({ from: `http://${host}${key}`, to, status: 301, kind: 'other', source: 'rule' });
  };
  for (const p of paths) add(p, '');
  for (const b of blogs) add(b, 'p=999999');
  // ?p= shortlinks without the slash WordPress also answered.
  for (const s of plan.sources) if (s.query && s.variant === 'slash') rows.push({ from: `http://${host}${s.key}`, to: s.to, status: 301, kind: s.kind, source: s.source });
  return rows.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}
