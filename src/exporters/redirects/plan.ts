/**
 * planRedirects: every old URL of urls.json (plus the editors' extra rows) → one target, chosen by the editors'
 * map, then the rules (first match wins), then the fallback; then checked for chains, loops, duplicates,
 * disallowed hosts and unresolved placeholders. The formats only re-spell this plan in each server's syntax.
 */
import type { PageKind, PostRecord, RedirectRow, UrlEntry } from '../../types.ts';
import { normalizeUrl } from '../../url.ts';
import type { RedirectRules } from './rules.ts';
import { canonicalTarget, fillPlaceholders, placeholderValues, ruleMatches, type RuleSubject } from './targets.ts';
import { expandRows } from './variants.ts';
import { planCatchAll, slashlessQueries, type CatchAllPlan } from './catch-all.ts';

/** What the plan is built from: the data folder's posts, pages and URL inventory. */
export interface RedirectInput {
  posts: readonly PostRecord[];
  pages?: readonly PostRecord[];
  urls: readonly UrlEntry[];
}

/** One old path (+ query) and its target; formats expand it over hosts, schemes and spellings. */
export interface PlannedSource {
  /** Normalised, percent-encoded path plus `?query` (`/innovation/?p=7`). */
  key: string;
  path: string;
  query: string;
  to: string;
  status: number;
  kind: PageKind;
  source: 'map' | 'rule' | 'fallback';
  /** `slash` for the answer without the trailing slash that WordPress sent on to the slash form. */
  variant: 'url' | 'slash';
}

export type ProblemType = 'chain' | 'loop' | 'duplicate' | 'host' | 'placeholder' | 'uncovered' | 'target';

export interface RedirectProblem {
  type: ProblemType;
  /** The old path + query (or map row) at fault. */
  from: string;
  message: string;
}

export interface RedirectCoverage {
  /** Old URLs (paths + queries) in the inventory and the editors' map. */
  urls: number;
  map: number;
  rule: number;
  fallback: number;
  /** Rows after expanding hosts, schemes, trailing slashes and escape spellings. */
  rows: number;
}

export interface RedirectPlan {
  sourceHosts: string[];
  sources: PlannedSource[];
  rows: RedirectRow[];
  coverage: RedirectCoverage;
  /** Anything here means no map may be written (the command exits 2 and lists them). */
  problems: RedirectProblem[];
  /** Old URLs left out, with why (not on a source host, not http). */
  skipped: string[];
  /** The catch-alls for URLs no row lists, when the rules ask for them (catch-all.ts). */
  catchAll?: CatchAllPlan | null;
}

const KIND_RANK: Record<string, number> = { post: 0, page: 1, shortlink: 2 };

interface UrlKey { key: string; path: string; query: string; host: string }
const keyCache = new Map<string, UrlKey | null>();

/** Path + query (the key every format matches on) and host of a URL, after normalizeUrl. Memoised: plans repeat URLs. */
function keyOf(url: string): UrlKey | null {
  const hit = keyCache.get(url);
  if (hit !== undefined) return hit;
  const n = normalizeUrl(url);
  let k: UrlKey | null = null;
  if (n) {
    const start = n.indexOf('//') + 2;
    const slash = n.indexOf('/', start);
    const rest = n.slice(slash);
    const q = rest.indexOf('?');
    k = { key: rest, path: q < 0 ? rest : rest.slice(0, q), query: q < 0 ? '' : rest.slice(q + 1), host: n.slice(start, slash) };
  }
  if (keyCache.size > 500_000) keyCache.clear();
  keyCache.set(url, k);
  return k;
}

/** Builds the plan. Pure: reads nothing, writes nothing; problems are data. */
export function planRedirects(input: RedirectInput, rules: RedirectRules): RedirectPlan {
  const problems: RedirectProblem[] = [];
  const skipped: string[] = [];
  const hosts = new Set(rules.sourceHosts);

  // Every spelling of a post or page (canonical URL, other category paths, ?p= shortlinks) stands for it.
  const records = new Map<string, { record: PostRecord; kind: PageKind; canonical: string }>();
  const knownBlogs = new Set<string>();
  for (const [list, kind] of [[input.posts, 'post'], [input.pages ?? [], 'page']] as const) {
    for (const record of list) {
      knownBlogs.add(record.blog);
      const own = keyOf(record.url);
      if (!own) continue;
      for (const u of [record.url, ...record.aliases]) {
        const k = keyOf(u);
        if (k && !records.has(k.key)) records.set(k.key, { record, kind, canonical: own.key });
      }
    }
  }

  // The inventory, by path + query: one entry per old URL however many hosts it was seen on.
  const inventory = new Map<string, { path: string; query: string; kind: PageKind; target: string | null; status: number | null }>();
  const foreignHosts = new Set<string>();
  for (const e of input.urls) {
    const k = keyOf(e.url);
    if (!k) { skipped.push(`${e.url}: not an http(s) URL`); continue; }
    if (!hosts.has(k.host)) { skipped.push(`${e.url}: host ${k.host} is not in sourceHosts (add it there to cover it)`); foreignHosts.add(k.host); continue; }
    // Crawlers ask the old host itself for robots.txt; redirecting it would hand them the new site's rules.
    if (k.key === '/robots.txt') { skipped.push(`${e.url}: robots.txt stays the old host's own file (not redirected)`); continue; }
    const prev = inventory.get(k.key);
    const kind = records.get(k.key)?.kind === 'post' && e.kind === 'other' ? 'post' : e.kind;
    if (!prev || (KIND_RANK[kind] ?? 9) < (KIND_RANK[prev.kind] ?? 9)) {
      inventory.set(k.key, { path: k.path, query: k.query, kind, target: e.target ? keyOf(e.target)?.key ?? null : prev?.target ?? null, status: e.status });
    }
  }

  // The editors' map: rows for old URLs the crawl never saw are sources too.
  const map = new Map<string, { to: string; where: string }>();
  for (const row of rules.map) {
    if (row.host !== null && !hosts.has(row.host)) {
      problems.push({ type: 'host', from: row.key, message: `${row.where}: old host ${row.host} is not in sourceHosts; add it there or write the old path alone` });
      continue;
    }
    const prev = map.get(row.key);
    if (prev && prev.to !== row.to) {
      problems.push({ type: 'duplicate', from: row.key, message: `${row.where}: ${row.key} is mapped twice (also at ${prev.where}) to different targets; keep one row` });
      continue;
    }
    map.set(row.key, { to: row.to, where: row.where });
    if (!inventory.has(row.key)) {
      const q = row.key.indexOf('?');
      inventory.set(row.key, { path: q < 0 ? row.key : row.key.slice(0, q), query: q < 0 ? '' : row.key.slice(q + 1), kind: records.get(row.key)?.kind ?? 'other', target: null, status: null });
    }
  }

  // What an old URL stands for: itself, the post/page it is a spelling of, or where the old site sent it.
  const subjectOf = (key: string): { subject: RuleSubject; finalKey: string } => {
    let cur = key;
    const seen = new Set<string>();
    for (;;) {
      const rec = records.get(cur);
      if (rec) {
        const k = keyOf(rec.record.url)!;
        return { subject: { kind: rec.kind, path: k.path, query: k.query, record: rec.record }, finalKey: rec.canonical };
      }
      const e = inventory.get(cur)!;
      seen.add(cur);
      if (e.target && inventory.has(e.target) && !seen.has(e.target)) { cur = e.target; continue; }
      // An old URL that answered 4xx/5xx was no page of its kind (a dead link shaped like a post): rules see "other".
      const kind = e.status !== null && e.status >= 400 ? 'other' : e.kind;
      return { subject: { kind, path: e.path, query: e.query, record: null }, finalKey: cur };
    }
  };

  const sources: PlannedSource[] = [];
  const coverage: RedirectCoverage = { urls: 0, map: 0, rule: 0, fallback: 0, rows: 0 };
  for (const [key, entry] of [...inventory].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    coverage.urls++;
    const { subject, finalKey } = subjectOf(key);
    let raw: string | null = null;
    let source: PlannedSource['source'] = 'map';
    const mapped = map.get(key) ?? map.get(finalKey);
    if (mapped) raw = mapped.to;
    // Problems in an editors' row name the sheet and line, so the editor finds the row to mend.
    const at = mapped && raw !== null ? `${mapped.where}: ` : '';
    if (raw === null) {
      const values = placeholderValues(subject, knownBlogs);
      for (const rule of rules.rules) {
        if (!ruleMatches(rule, subject, values.blog)) continue;
        const filled = fillPlaceholders(rule.to, values);
        if ('missing' in filled) {
          problems.push({ type: 'placeholder', from: key, message: `${key}: rule ${rule.index} (${rule.to}) has no value for ${filled.missing.map((m) => `{${m}}`).join(' ')} here; add a rule before it for this URL, or an editors' map row` });
          raw = '';
        } else raw = filled.text;
        source = 'rule';
        break;
      }
    }
    if (raw === null && rules.fallback !== null) { raw = rules.fallback; source = 'fallback'; }
    if (raw === null) {
      problems.push({ type: 'uncovered', from: key, message: `${key}: no map row or rule covers this ${entry.kind} URL and there is no fallback; add a rule or fallback:` });
      continue;
    }
    if (raw === '') continue;
    const to = canonicalTarget(raw, rules.target);
    if (!to) {
      problems.push({ type: 'target', from: key, message: `${at}${key}: target ${JSON.stringify(raw)} is not a URL; fix the ${source === 'map' ? 'map row' : source}` });
      continue;
    }
    const toHost = new URL(to).host;
    if (!rules.allowHosts.includes(toHost)) {
      problems.push({ type: 'host', from: key, message: `${at}${key}: target ${to} is on ${toHost}, which is not in allowHosts; fix the ${source === 'map' ? 'map row' : source} or add the host to allowHosts` });
      continue;
    }
    coverage[source]++;
    sources.push({ key, path: entry.path, query: entry.query, to, status: 301, kind: entry.kind, source, variant: 'url' });
  }

  // Rules written for another site (or a typo in sourceHosts) would otherwise give empty maps and exit 0.
  if (inventory.size === 0 && foreignHosts.size > 0) {
    const seen = [...foreignHosts].sort();
    problems.push({ type: 'host', from: seen[0]!, message: `none of the ${input.urls.length} URLs in urls.json is on a host in sourceHosts (${rules.sourceHosts.join(', ')}); the data's hosts are ${seen.join(', ')}: list them in sourceHosts` });
  }

  // WordPress answered /old/path with a 301 to /old/path/: cover that spelling too, in one hop.
  const have = new Set(sources.map((s) => s.key));
  for (const s of [...sources]) {
    if (s.query || s.path === '/' || !s.path.endsWith('/')) continue;
    const bare = s.path.slice(0, -1);
    if (have.has(bare)) continue;
    have.add(bare);
    sources.push({ ...s, key: bare, path: bare, variant: 'slash' });
  }
  if (rules.catchAll) sources.push(...slashlessQueries(sources));
  sources.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  checkSources(sources, hosts, problems);
  const catchAll = rules.catchAll ? planCatchAll(sources, { ...rules, catchAll: rules.catchAll }, knownBlogs, problems) : null;
  const rows = expandRows(sources, rules.sourceHosts);
  coverage.rows = rows.length;
  return { sourceHosts: rules.sourceHosts, sources, rows, coverage, problems, skipped, catchAll };
}

/** Chains, loops and case-only duplicates (nginx and IIS match ASCII case-insensitively, so those collide). */
function checkSources(sources: readonly PlannedSource[], hosts: ReadonlySet<string>, problems: RedirectProblem[]): void {
  const byKey = new Map(sources.map((s) => [s.key, s]));
  for (const s of sources) {
    const t = keyOf(s.to);
    if (!t || !hosts.has(t.host)) continue;
    const next = byKey.get(t.key);
    if (!next) continue;
    let cur: PlannedSource | undefined = next;
    const seen = new Set([s.key]);
    let loop = false;
    while (cur) {
      if (seen.has(cur.key)) { loop = true; break; }
      seen.add(cur.key);
      const k = keyOf(cur.to);
      cur = k && hosts.has(k.host) ? byKey.get(k.key) : undefined;
    }
    problems.push(loop
      ? { type: 'loop', from: s.key, message: `${s.key} → ${s.to} leads back to an old URL that redirects again (a loop); point it at a new page` }
      : { type: 'chain', from: s.key, message: `${s.key} → ${s.to} is itself an old URL that redirects again (a chain); point it at the final target` });
  }
  const folded = new Map<string, PlannedSource>();
  for (const s of sources) {
    const f = s.key.toLowerCase();
    const prev = folded.get(f);
    if (prev && prev.to !== s.to) {
      problems.push({ type: 'duplicate', from: s.key, message: `${s.key} and ${prev.key} are one source for servers that ignore case but go to ${s.to} and ${prev.to}; give them one target in the map` });
    } else if (!prev) folded.set(f, s);
  }
}

/** The coverage line printed on stderr. */
export function describeCoverage(plan: RedirectPlan): string {
  const c = plan.coverage;
  return `${c.urls} old URLs: ${c.map} by map, ${c.rule} by rule, ${c.fallback} by fallback; ${c.rows} rows over ${plan.sourceHosts.length} host(s), http and https`;
}

export { type RedirectRow };
