/**
 * The URL plan: the new address of every post, page, category index and blog index, computed once. With
 * redirect rules it is read off the redirect plan itself (the same map rows, rules and fallback), so the
 * Markdown a generator builds and the map a server answers with cannot disagree; without rules the new
 * site keeps the old paths. Redirect targets that no post or index stands at become "landing" pages
 * (tag and month archives, the fallback page), so every redirect lands on a page the built site has.
 */
import type { PageKind, PostRecord, UrlEntry } from '../types.ts';
import { normalizeUrl } from '../url.ts';
import { planRedirects, type RedirectPlan } from './redirects/plan.ts';
import type { RedirectRules } from './redirects/rules.ts';
import { byUrl, linkKey, type ExportInput } from './site-index.ts';

/** A redirect target that is no post, page or index: the built site needs a page there too. */
export interface Landing {
  url: string;
  /** What the old URLs sent here were (tag, date, home, …), most frequent first. */
  kinds: PageKind[];
  title: string;
  /** Posts it lists (a tag's or a month's), newest first; empty for a general page. */
  posts: string[];
}

export interface UrlPlan {
  /** The new site's origin (the rules' target); null when the plan keeps the old site's paths. */
  origin: string | null;
  /** New absolute URL (or, without rules, root-relative path) of each post and page, by record URL. */
  records: Map<string, string>;
  /** By `blog\0slug`. */
  categories: Map<string, string>;
  blogs: Map<string, string>;
  /** Any old URL's linkKey → its new URL: every spelling of records, and every row of the redirect plan. */
  byOld: Map<string, string>;
  landings: Landing[];
  /** The redirect plan it was read from (null without rules). */
  redirects: RedirectPlan | null;
  /** Conflicts (two posts at one URL) and the redirect plan's own problems; non-empty means do not export. */
  problems: string[];
}

export function categoryId(blog: string, slug: string): string {
  return `${blog}\u0000${slug}`;
}

function pathOf(url: string): string {
  const n = normalizeUrl(url);
  if (!n) return url;
  const u = new URL(n);
  return `${u.pathname}${u.search}`;
}

function originOf(url: string): string | null {
  try { return new URL(url).origin; } catch { return null; }
}

/** The old home page of a blog (`/innovation/`), on the host its records were on. */
export function blogHomeUrl(records: readonly PostRecord[], blog: string): string | null {
  const first = records.find((r) => r.blog === blog);
  const origin = first ? originOf(first.url) : null;
  return origin ? `${origin}/${blog ? `${encodeURIComponent(blog)}/` : ''}` : null;
}

/** The plan that keeps every old path: what a generator should build when no rules say otherwise. */
function keepOldPaths(input: ExportInput): UrlPlan {
  const plan: UrlPlan = { origin: null, records: new Map(), categories: new Map(), blogs: new Map(), byOld: new Map(), landings: [], redirects: null, problems: [] };
  const set = (old: string | null | undefined, to: string): void => {
    const k = old ? linkKey(old) : null;
    if (k !== null && !plan.byOld.has(k)) plan.byOld.set(k, to);
  };
  const records = byUrl([...input.posts, ...input.pages]);
  for (const r of records) { plan.records.set(r.url, pathOf(r.url)); set(r.url, pathOf(r.url)); }
  for (const r of records) for (const a of r.aliases) set(a, pathOf(r.url));
  for (const r of input.posts) for (const c of r.categories) {
    const id = categoryId(r.blog, c.slug || c.name);
    if (c.url && !plan.categories.has(id)) { plan.categories.set(id, pathOf(c.url)); set(c.url, pathOf(c.url)); }
  }
  for (const blog of new Set(records.map((r) => r.blog))) {
    const home = blogHomeUrl(records, blog);
    if (home) { plan.blogs.set(blog, pathOf(home)); set(home, pathOf(home)); }
  }
  return plan;
}

/**
 * The URLs the plan must place even when the crawl's inventory lacks them: every record, category and
 * blog home. They are added to what the redirect plan covers, so the map redirects them too.
 */
function withPlacedUrls(input: ExportInput): UrlEntry[] {
  const urls = [...input.urls];
  const seen = new Set(urls.map((u) => normalizeUrl(u.url)));
  const add = (url: string | null | undefined, kind: PageKind): void => {
    const n = url ? normalizeUrl(url) : null;
    if (n && !seen.has(n)) { seen.add(n); urls.push({ url: n, kind, status: 200, target: null }); }
  };
  for (const r of input.posts) { add(r.url, 'post'); for (const c of r.categories) add(c.url, 'category'); }
  for (const r of input.pages) add(r.url, 'page');
  const records = [...input.posts, ...input.pages];
  for (const blog of new Set(records.map((r) => r.blog))) add(blogHomeUrl(records, blog), 'home');
  return urls;
}

/** The plan for an export: read off the redirect plan when rules are given, else the old paths kept. */
export function planUrls(input: ExportInput, rules: RedirectRules | null): UrlPlan {
  if (!rules) return keepOldPaths(input);
  const redirects = planRedirects({ posts: input.posts, pages: input.pages, urls: withPlacedUrls(input) }, rules);
  const plan: UrlPlan = { origin: new URL(rules.target).origin, records: new Map(), categories: new Map(), blogs: new Map(), byOld: new Map(), landings: [], redirects, problems: redirects.problems.map((p) => `${p.type}: ${p.message}`) };
  const byKey = new Map<string, { to: string; kind: PageKind; source: string }>();
  for (const s of redirects.sources) if (s.variant === 'url') byKey.set(s.key, { to: s.to, kind: s.kind, source: s.source });
  for (const s of redirects.sources) for (const host of redirects.sourceHosts) {
    const k = linkKey(`http://${host}${s.key}`);
    if (k !== null && !plan.byOld.has(k)) plan.byOld.set(k, s.to);
  }
  const targetOf = (url: string | null | undefined): { to: string; kind: PageKind; source: string } | undefined => {
    const n = url ? normalizeUrl(url) : null;
    return n ? byKey.get(pathOf(n)) : undefined;
  };

  // Who stands at each new URL: two posts (or a post and an index) at one URL would overwrite each other.
  const occupant = new Map<string, string>();
  const claim = (to: string, who: string): boolean => {
    const prev = occupant.get(to);
    if (prev === undefined) { occupant.set(to, who); return true; }
    plan.problems.push(`conflict: ${who} and ${prev} would both be built at ${to}; give one of them its own target (a rule with {slug}, or an editors' map row)`);
    return false;
  };
  for (const r of byUrl([...input.posts, ...input.pages])) {
    const t = targetOf(r.url);
    if (!t) continue;
    plan.records.set(r.url, t.to);
    claim(t.to, r.url);
  }
  // Indexes take their target only when a rule or map row chose it; the fallback is shared by many URLs.
  const records = [...input.posts, ...input.pages];
  for (const r of byUrl(input.posts)) for (const c of r.categories) {
    const id = categoryId(r.blog, c.slug || c.name);
    const t = targetOf(c.url);
    if (plan.categories.has(id) || !t || t.source === 'fallback' || occupant.has(t.to)) continue;
    plan.categories.set(id, t.to);
    occupant.set(t.to, c.url);
  }
  for (const blog of [...new Set(records.map((r) => r.blog))].sort()) {
    const home = blogHomeUrl(records, blog);
    const t = targetOf(home);
    if (!t || t.source === 'fallback' || occupant.has(t.to)) continue;
    plan.blogs.set(blog, t.to);
    occupant.set(t.to, home!);
  }
  plan.landings = landingsOf(input, plan, redirects, new Set(occupant.keys()));
  return plan;
}

/** Every target on the new origin that no record or index occupies, with the posts it should list. */
function landingsOf(input: ExportInput, plan: UrlPlan, redirects: RedirectPlan, occupied: ReadonlySet<string>): Landing[] {
  const found = new Map<string, { kinds: Map<PageKind, number>; title: string | null; posts: Set<PostRecord> }>();
  for (const s of redirects.sources) {
    if (occupied.has(s.to) || originOf(s.to) !== plan.origin) continue;
    const l = found.get(s.to) ?? { kinds: new Map(), title: null, posts: new Set() };
    l.kinds.set(s.kind, (l.kinds.get(s.kind) ?? 0) + 1);
    found.set(s.to, l);
    // A month archive (/<blog>/2013/06/) lists that month's posts of that blog.
    const m = s.kind === 'date' ? /^\/(?:([^/]+)\/)?(\d{4})\/(\d{2})\/?$/.exec(s.path) : null;
    if (m) {
      const blog = m[1] ? decodeURIComponent(m[1]) : '';
      for (const r of input.posts) if (r.blog === blog && r.published?.startsWith(`${m[2]}-${m[3]}`)) l.posts.add(r);
      l.title ??= `${blog ? `${blog}: ` : ''}${m[2]}-${m[3]}`;
    }
  }
  // A tag page lists the posts with that tag.
  for (const r of input.posts) for (const t of r.tags) {
    const k = t.url ? linkKey(t.url) : null;
    const to = k ? plan.byOld.get(k) : undefined;
    const l = to ? found.get(to) : undefined;
    if (l) { l.posts.add(r); l.title ??= t.name; }
  }
  return [...found].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([url, l]) => ({
    url,
    kinds: [...l.kinds].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k),
    title: l.title ?? 'Archive',
    posts: [...l.posts].sort((a, b) => ((b.published ?? '') < (a.published ?? '') ? -1 : (b.published ?? '') > (a.published ?? '') ? 1 : a.url < b.url ? -1 : 1)).map((r) => r.url),
  }));
}

/** How a page on the built site links to a planned URL: by path on the plan's own origin, else absolute. */
export function hrefOn(plan: UrlPlan, to: string): string {
  if (plan.origin === null || originOf(to) !== plan.origin) return to;
  return to.slice(plan.origin.length) || '/';
}

/** The path a generator builds a page at (`url:` / `permalink:`): decoded, since both write files by it. */
export function buildPath(plan: UrlPlan, to: string): string {
  const href = hrefOn(plan, to);
  const path = /^[a-z]+:/i.test(href) ? new URL(href).pathname : href.split(/[?#]/)[0]!;
  try { return decodeURIComponent(path); } catch { return path; }
}
