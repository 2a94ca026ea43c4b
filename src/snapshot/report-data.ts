/**
 * Gathers what the migration report shows from a finished snapshot folder and counts it. The HTML is
 * made elsewhere (exporters/report-html.ts) from this plain data, so the page maker stays pure.
 */
import { join } from 'node:path';
import type { PostRecord, UrlEntry } from '../types.ts';
import { normalizeUrl } from '../url.ts';
import type { BlogRow, KindRow, ReportData } from '../exporters/report-html.ts';
import { cmp, loadSnapshot, type RedirectRow } from './load.ts';
import { MANIFEST_NAME, readJsonIfExists, snapshotPaths } from './layout.ts';

function dateOf(p: PostRecord): string | null {
  return p.published ? p.published.slice(0, 10) : null;
}

function blogRows(posts: PostRecord[], pages: PostRecord[]): BlogRow[] {
  const rows = new Map<string, BlogRow>();
  const row = (blog: string) => {
    let r = rows.get(blog);
    if (!r) rows.set(blog, (r = { blog, posts: 0, pages: 0, first: null, last: null, comments: null }));
    return r;
  };
  for (const p of posts) {
    const r = row(p.blog ?? '');
    r.posts++;
    const d = dateOf(p);
    if (d && (r.first === null || d < r.first)) r.first = d;
    if (d && (r.last === null || d > r.last)) r.last = d;
    if (typeof p.commentCount === 'number') r.comments = (r.comments ?? 0) + p.commentCount;
  }
  for (const p of pages) row(p.blog ?? '').pages++;
  return [...rows.values()].sort((a, b) => cmp(a.blog, b.blog));
}

function kindRows(urls: UrlEntry[], failed: Set<string>, redirected: Set<string> | null): KindRow[] {
  const rows = new Map<string, KindRow>();
  for (const u of urls) {
    let r = rows.get(u.kind);
    if (!r) rows.set(u.kind, (r = { kind: u.kind, urls: 0, failed: 0, redirected: 0 }));
    r.urls++;
    if (failed.has(u.url) || (u.status !== null && u.status >= 400)) r.failed++;
    if (redirected?.has(u.url)) r.redirected++;
  }
  return [...rows.values()].sort((a, b) => b.urls - a.urls || cmp(a.kind, b.kind));
}

/** Rows hold every host, scheme and escape spelling of an old URL; any one that normalises to it covers it. */
function coveredSet(rows: RedirectRow[]): Set<string> {
  const out = new Set<string>();
  for (const r of rows) {
    out.add(r.from);
    const n = normalizeUrl(r.from);
    if (n) out.add(n);
  }
  return out;
}

function redirectSummary(urls: UrlEntry[], rows: RedirectRow[]): NonNullable<ReportData['redirects']> {
  const from = coveredSet(rows);
  const uncovered = urls.map((u) => u.url).filter((u) => !from.has(u)).sort(cmp);
  const count = <K>(keys: K[]) => {
    const m = new Map<K, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m.entries()];
  };
  return {
    covered: urls.length - uncovered.length,
    uncovered,
    byStatus: count(rows.map((r) => r.status)).sort((a, b) => a[0] - b[0]),
    // The targets that take the most rows show where the fallback and the topical pages catch old URLs.
    topTargets: count(rows.map((r) => r.to)).sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).slice(0, 10),
  };
}

export async function loadReportData(dir: string): Promise<ReportData> {
  const snap = await loadSnapshot(dir);
  const p = snapshotPaths(dir);
  const manifest = (await readJsonIfExists(join(dir, MANIFEST_NAME))) as { files?: unknown[] } | undefined;
  const failed = new Set(snap.failures.map((f) => f.url));
  const hosts = [...new Set(snap.urls.map((u) => { try { return new URL(u.url).host; } catch { return ''; } }).filter(Boolean))].sort(cmp);
  return {
    hosts,
    totals: {
      posts: snap.posts.length,
      pages: snap.pages.length,
      urls: snap.urls.length,
      redirectRows: snap.redirects ? snap.redirects.length : null,
      failed: snap.failures.length,
      files: Array.isArray(manifest?.files) ? manifest.files.length : null,
    },
    blogs: blogRows(snap.posts, snap.pages),
    kinds: kindRows(snap.urls, failed, snap.redirects ? coveredSet(snap.redirects) : null),
    redirects: snap.redirects ? redirectSummary(snap.urls, snap.redirects) : null,
    failures: snap.failures,
    extractReport: (await readJsonIfExists(join(p.data, 'extract-report.json'))) ?? null,
  };
}
