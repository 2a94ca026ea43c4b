/**
 * Gathers what the migration report shows from a finished snapshot folder. The HTML is made elsewhere
 * (exporters/report/) from this plain data, so the page maker stays pure; the counts come from
 * numbers.ts, the same function the `snapshot` and `demo` summaries print from.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { INDEX_PAGE } from '../exporters/site-copy/paths.ts';
import type { DisagreementRow, KindRow, ProblemRow, Provenance, RedirectSection, ReportData } from '../exporters/report/types.ts';
import type { UrlEntry } from '../types.ts';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.ts';
import { cmp, loadSnapshot, type SnapshotData } from './load.ts';
import { readJsonIfExists, REPORT_NAME, SITE_DIR, snapshotPaths } from './layout.ts';
import { countSnapshot, readSnapshotParts, sourceByUrl, type CrawlSummaryFile, type SourcedRow } from './numbers.ts';
import { hrefFrom, markdownFilesByUrl, postRows, siteFilesByUrl } from './report-posts.ts';
import { blogRows, postsPerCategory, postsPerMonth, siteTree } from './report-tree.ts';
import { readVerifyFile } from './report-verify.ts';

export interface ReportOptions {
  /** The HTML file the links are made relative to (default: report.html in the snapshot folder). */
  reportFile?: string;
  /** The JSON `verify-redirects --json` printed, as the user named it. */
  verifyFile?: string;
}

const SOURCE_NAMES: Record<string, string> = { crawl: 'live crawl', live: 'live crawl', wayback: 'Wayback Machine', mirror: 'mirror folder' };

/**
 * crawl-summary.json `source` (written by `import`): a string (`wayback`) or `{type, archive|base|folder}`.
 * Absent means the folder was written by `crawl`, a live crawl.
 */
export function provenanceOf(s: CrawlSummaryFile | null, siteHref: string | null = null): Provenance {
  const src = s?.source;
  const type = typeof src === 'string' ? src : typeof (src as { type?: unknown } | null)?.type === 'string' ? String((src as { type: string }).type) : 'crawl';
  const o = (src && typeof src === 'object' ? src : {}) as Record<string, unknown>;
  const detail = [o.archiveBase, o.archive, o.base, o.folder, o.url].find((v) => typeof v === 'string') as string | undefined;
  return {
    startUrls: Array.isArray(s?.startUrls) ? s.startUrls.map(String) : [],
    source: SOURCE_NAMES[type] ?? type,
    sourceDetail: detail ?? null,
    startedAt: typeof s?.startedAt === 'string' ? s.startedAt : null,
    finishedAt: typeof s?.finishedAt === 'string' ? s.finishedAt : null,
    tool: `${PACKAGE_NAME} ${PACKAGE_VERSION}`,
    siteHref,
  };
}

function kindRows(urls: UrlEntry[], failed: Set<string>, covered: Map<string, SourcedRow> | null): KindRow[] {
  const rows = new Map<string, KindRow>();
  for (const u of urls) {
    let r = rows.get(u.kind);
    if (!r) rows.set(u.kind, (r = { kind: u.kind, urls: 0, failed: 0, redirected: 0 }));
    r.urls++;
    if (failed.has(u.url) || (u.status !== null && u.status >= 400)) r.failed++;
    if (covered?.has(u.url)) r.redirected++;
  }
  return [...rows.values()].sort((a, b) => b.urls - a.urls || cmp(a.kind, b.kind));
}

function redirectSection(urls: UrlEntry[], rows: SourcedRow[]): RedirectSection {
  const by = sourceByUrl(rows);
  const uncovered = urls.map((u) => u.url).filter((u) => !by.has(u)).sort(cmp);
  const count = <K>(keys: K[]) => {
    const m = new Map<K, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m.entries()];
  };
  const urlsBySource = new Map(count(urls.map((u) => by.get(u.url)?.source).filter((s): s is string => !!s)));
  const rowsBySource = new Map(count(rows.map((r) => r.source || 'rule')));
  const sources = ['map', 'rule', 'fallback', ...[...rowsBySource.keys()].filter((k) => !['map', 'rule', 'fallback'].includes(k)).sort(cmp)];
  return {
    covered: urls.length - uncovered.length,
    uncovered,
    bySource: sources.map((source) => ({ source, urls: urlsBySource.get(source) ?? 0, rows: rowsBySource.get(source) ?? 0 })),
    fallback: urls.flatMap((u) => {
      const r = by.get(u.url);
      return r?.source === 'fallback' ? [{ url: u.url, kind: u.kind, to: r.to }] : [];
    }).sort((a, b) => cmp(a.url, b.url)),
    byStatus: count(rows.map((r) => r.status)).sort((a, b) => a[0] - b[0]),
    // The targets that take the most rows show where the fallback and the topical pages catch old URLs.
    topTargets: count(rows.map((r) => r.to)).sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).slice(0, 10),
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

/** extract-report.json's problems and disagreements as table rows; any value the old site gave stays text. */
function extractRows(report: unknown): ReportData['extract'] {
  if (!report || typeof report !== 'object') return null;
  const r = report as { problems?: unknown; disagreements?: unknown };
  const problems: ProblemRow[] = (Array.isArray(r.problems) ? r.problems : []).map((p: Record<string, unknown>) => ({
    url: str(p?.url), severity: str(p?.severity), stage: str(p?.stage), reason: str(p?.reason),
  }));
  const disagreements: DisagreementRow[] = (Array.isArray(r.disagreements) ? r.disagreements : []).map((d: Record<string, unknown>) => ({
    url: str(d?.url),
    field: str(d?.field),
    values: (Array.isArray(d?.values) ? d.values : []).map((v: Record<string, unknown>) => ({ source: str(v?.source), value: str(v?.value) })),
  }));
  return { problems, disagreements };
}

export async function loadReportData(dir: string, opts: ReportOptions = {}): Promise<ReportData> {
  const snap = await loadSnapshot(dir);
  try {
    return await reportData(dir, snap, opts);
  } finally {
    snap.close();
  }
}

async function reportData(dir: string, snap: SnapshotData, opts: ReportOptions): Promise<ReportData> {
  const parts = await readSnapshotParts(dir, snap.urls);
  const p = snapshotPaths(dir);
  const rows = parts.rows;
  const by = rows ? sourceByUrl(rows) : null;
  const reportFile = opts.reportFile ?? join(dir, REPORT_NAME);
  const siteIndex = join(dir, SITE_DIR, ...INDEX_PAGE.split('/'));
  const posts = postRows(snap.posts, {
    reportFile,
    rows,
    markdown: await markdownFilesByUrl(p.markdown),
    site: await siteFilesByUrl(join(dir, SITE_DIR)),
  });
  const s = parts.summary;
  // The crawl summary's two lists are what the command line counts; the log only when there is no summary.
  const failures = s && Array.isArray(s.failed)
    ? [...s.failed.map((f) => ({ url: f.url, status: typeof f.status === 'number' ? f.status : null, reason: f.reason })),
      ...(s.clientErrors ?? []).map((c) => ({ url: c.url, status: c.status, reason: `HTTP ${c.status} (archived as the site answered)` }))].sort((a, b) => cmp(a.url, b.url))
    : snap.failures;
  const hosts = [...new Set(snap.urls.map((u) => { try { return new URL(u.url).host; } catch { return ''; } }).filter(Boolean))].sort(cmp);
  return {
    hosts,
    provenance: provenanceOf(s, existsSync(siteIndex) ? hrefFrom(dirname(reportFile), siteIndex) : null),
    numbers: countSnapshot(parts),
    posts,
    blogs: blogRows(posts, snap.pages),
    kinds: kindRows(snap.urls, new Set(failures.map((f) => f.url)), by),
    tree: siteTree(posts),
    months: postsPerMonth(posts),
    categories: postsPerCategory(posts),
    redirects: rows ? redirectSection(snap.urls, rows) : null,
    verify: opts.verifyFile ? await readVerifyFile(opts.verifyFile) : null,
    failures,
    extract: extractRows(await readJsonIfExists(join(p.data, 'extract-report.json'))),
  };
}
