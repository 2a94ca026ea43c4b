/**
 * Catch-alls: the URLs WordPress answered that no crawl lists (`/feed/atom/` of any listing, a post's own
 * `/feed/`, `/amp/`, `/comment-page-2/` and attachment pages, `/page/99/`, day archives, unknown paths under a
 * sub-blog, `wp-login.php`). Opt-in by `catchAll:` in the rules file. Exact rows always win; after them, in
 * this order: the exact rows again ignoring case · explicit `prefixes` (longest first) · a WordPress suffix after
 * a known URL → that URL's target · an unknown segment after a post or page (its attachment pages) → the post ·
 * the sub-blog's home target for anything else under it · `fallback` for the rest (`rest: true`).
 * Each format re-spells this in its own syntax (catch-all-formats.ts); `catchAllTarget` is the reference.
 */
import { UsageError } from '../../errors.ts';
import { decodeSafe, normalizeUrl } from '../../url.ts';
import type { PlannedSource, RedirectProblem } from './plan.ts';
import { canonicalTarget } from './targets.ts';

export interface CatchAllRules {
  suffixes: boolean;
  blogs: boolean;
  rest: boolean;
  prefixes: { prefix: string; to: string }[];
}

/** What WordPress adds after a post or listing URL: feeds, AMP, comment pages, pagination, trackback, embed. */
export const SUFFIX_RE = '(?:feed(?:/(?:atom|rss2?|rdf))?|amp|comment-page-[0-9]+|page/[0-9]+|trackback|embed)/?';
/** The regular expressions that find the known URL a request hangs off (group 1), in the order they are tried. */
// Segments are `[^/]*`, never `.`, which would not match a newline (%0A) in a decoded path.
export const BASE_PATTERNS: readonly { re: string; child: boolean }[] = [
  { re: `^(/(?:[^/]*/)*)${SUFFIX_RE}$`, child: false },
  // A day archive (…/2012/05/14/) falls back to its month.
  { re: '^(/(?:[^/]*/)*[0-9]{4}/[0-9]{2}/)[0-9]{2}/?$', child: false },
  // One more segment after a post or page: an attachment page (or anything WordPress would 404 there).
  { re: '^(/(?:[^/]*/)*)[^/]+/?$', child: true },
];

export interface CatchAllPlan {
  /** Known URLs (plain paths ending in `/`, percent-encoded) a suffix may follow; `child` for posts and pages. */
  bases: { path: string; to: string; child: boolean }[];
  suffixes: boolean;
  /** Path prefixes (percent-encoded, no trailing slash; `/innovation` takes `/innovation` and `/innovation/…`), longest first. */
  prefixes: { prefix: string; to: string; from: 'prefix' | 'blog' }[];
  rest: string | null;
}

const KEYS = ['suffixes', 'blogs', 'rest', 'prefixes'];

/** Reads `catchAll:` of the rules file: `true` (suffixes, blogs and rest) or a mapping of those fields. */
export function parseCatchAll(raw: unknown, file: string, hasFallback: boolean): CatchAllRules | null {
  if (raw === undefined || raw === null || raw === false) return null;
  const at = `${file}: catchAll`;
  if (raw === true) return { suffixes: true, blogs: true, rest: hasFallback, prefixes: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`${at}: expected true, or a mapping such as {suffixes: true, blogs: true, rest: true, prefixes: [{prefix: /wp-admin/, to: /}]}`);
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!KEYS.includes(k)) throw new UsageError(`${at}: unknown field "${k}"; catchAll has ${KEYS.join(', ')}`);
  const flag = (k: string, dflt: boolean): boolean => {
    if (r[k] === undefined) return dflt;
    if (typeof r[k] !== 'boolean') throw new UsageError(`${at}.${k}: expected true or false`);
    return r[k] as boolean;
  };
  const rest = flag('rest', hasFallback);
  if (rest && !hasFallback) throw new UsageError(`${at}.rest: needs a fallback: target to send the rest to; add fallback: or set rest: false`);
  const list = r.prefixes ?? [];
  if (!Array.isArray(list)) throw new UsageError(`${at}.prefixes: expected a list such as [{prefix: /wp-admin/, to: /}]`);
  const prefixes = list.map((p, i) => {
    const o = (p ?? {}) as Record<string, unknown>;
    if (typeof o.prefix !== 'string' || !o.prefix.startsWith('/') || typeof o.to !== 'string' || o.to.trim() === '' || /\{[a-z]+\}/.test(o.to)) {
      throw new UsageError(`${at}.prefixes[${i + 1}]: expected {prefix: /old/path/, to: /new/} (a path starting with /, and a fixed target without placeholders)`);
    }
    return { prefix: o.prefix, to: o.to.trim() };
  });
  return { suffixes: flag('suffixes', true), blogs: flag('blogs', true), rest, prefixes };
}

function encodedPrefix(prefix: string): string {
  // A backslash is a character of the path here, not the `/` URL parsing would make of it.
  const n = normalizeUrl(prefix.replace(/\\/g, '%5C'), 'http://placeholder.invalid/');
  const path = n ? new URL(n).pathname : prefix;
  return path.replace(/\/+$/, '') || '/';
}

/** The catch-all plan from the planned sources; problems (a target not allowed) go into `problems`. */
export function planCatchAll(sources: readonly PlannedSource[], rules: { catchAll: CatchAllRules; target: string; allowHosts: string[]; sourceHosts: string[]; fallback: string | null }, knownBlogs: ReadonlySet<string>, problems: RedirectProblem[]): CatchAllPlan {
  const c = rules.catchAll;
  const resolve = (raw: string, what: string): string | null => {
    const to = canonicalTarget(raw, rules.target);
    const host = to ? new URL(to).host : '';
    if (!to || !rules.allowHosts.includes(host) || rules.sourceHosts.includes(host)) {
      problems.push({ type: 'target', from: what, message: `catchAll: ${what}: target ${JSON.stringify(raw)} is not a URL on a host in allowHosts; fix it in the rules file` });
      return null;
    }
    return to;
  };
  const plainByPath = new Map(sources.filter((s) => !s.query && s.variant === 'url').map((s) => [s.path, s]));
  const bases = [...plainByPath.values()].filter((s) => s.path.endsWith('/')).map((s) => ({ path: s.path, to: s.to, child: s.kind === 'post' || s.kind === 'page' }));
  const prefixes: CatchAllPlan['prefixes'] = [];
  for (const p of c.prefixes) {
    const to = resolve(p.to, p.prefix);
    if (to) prefixes.push({ prefix: encodedPrefix(p.prefix), to, from: 'prefix' });
  }
  if (c.blogs) {
    for (const b of [...knownBlogs].filter(Boolean).sort()) {
      const home = plainByPath.get(`/${encodeURIComponent(b)}/`);
      if (home) prefixes.push({ prefix: `/${encodeURIComponent(b)}`, to: home.to, from: 'blog' });
    }
  }
  const rank = (p: CatchAllPlan['prefixes'][number]): number => (p.from === 'prefix' ? 0 : 1);
  prefixes.sort((a, b) => rank(a) - rank(b) || b.prefix.length - a.prefix.length || (a.prefix < b.prefix ? -1 : 1));
  const rest = c.rest && rules.fallback ? resolve(rules.fallback, 'rest') : null;
  return { bases: c.suffixes ? bases.sort((a, b) => (a.path < b.path ? -1 : 1)) : [], suffixes: c.suffixes, prefixes, rest };
}

/** `/innovation?p=73` as well as `/innovation/?p=73`: WordPress answered both. */
export function slashlessQueries(sources: readonly PlannedSource[]): PlannedSource[] {
  const have = new Set(sources.map((s) => s.key));
  const out: PlannedSource[] = [];
  for (const s of sources) {
    if (!s.query || s.path === '/' || !s.path.endsWith('/')) continue;
    const path = s.path.slice(0, -1);
    const key = `${path}?${s.query}`;
    if (have.has(key)) continue;
    have.add(key);
    out.push({ ...s, key, path, variant: 'slash' });
  }
  return out;
}

/** True when a decoded path falls under a prefix (case-insensitively, as the servers match it). */
export function underPrefix(decodedPath: string, prefix: string): boolean {
  const p = decodeSafe(prefix).toLowerCase();
  const d = decodedPath.toLowerCase();
  return p === '/' || d === p || d.startsWith(`${p}/`);
}

/**
 * The reference: where a path (percent-encoded, as sent) goes by the catch-alls, given the exact rows'
 * lookup (`exact(path)` for a plain path; null when none). Null when no catch-all takes it.
 */
export function catchAllTarget(plan: CatchAllPlan, path: string, exact: (path: string) => string | null): string | null {
  const decoded = decodeSafe(path);
  if (decoded === '/robots.txt') return null;
  const lower = exact(path.toLowerCase());
  if (lower) return lower;
  for (const p of plan.prefixes) if (p.from === 'prefix' && underPrefix(decoded, p.prefix)) return p.to;
  if (plan.suffixes) {
    const byPath = new Map(plan.bases.map((b) => [decodeSafe(b.path).toLowerCase(), b]));
    for (const { re, child } of BASE_PATTERNS) {
      const m = new RegExp(re, child ? '' : 'i').exec(decoded);
      if (!m) continue;
      const base = byPath.get(m[1]!.toLowerCase());
      if (base && (!child || base.child)) return base.to;
      break;
    }
  }
  for (const p of plan.prefixes) if (p.from === 'blog' && underPrefix(decoded, p.prefix)) return p.to;
  return plan.rest;
}

/** The catch-all line printed on stderr after the coverage line; null without catchAll. */
export function describeCatchAll(plan: CatchAllPlan | null | undefined): string | null {
  if (!plan) return null;
  const blogs = plan.prefixes.filter((p) => p.from === 'blog').length;
  return `catch-alls past the inventory: ${plan.suffixes ? `suffixes after ${plan.bases.length} known URLs` : 'no suffixes'}, ${plan.prefixes.length - blogs} prefix(es), ${blogs} sub-blog(s), the rest ${plan.rest ? `→ ${plan.rest}` : 'not caught'}`;
}
