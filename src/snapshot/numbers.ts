/**
 * The counts of a finished snapshot, read from its folder: what `snapshot` and `demo` print at the end and
 * what report.html shows on its cards. Both call readSnapshotNumbers on the folder as written, so the
 * command line and the page cannot disagree (they once did: 2 vs 1 URLs answering 4xx, 282 vs 283 files).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError, cannotRead } from '../errors.ts';
import { countArrayElements, JsonShapeError } from '../json-array.ts';
import type { ReportNumbers } from '../exporters/report/types.ts';
import type { UrlEntry } from '../types.ts';
import { normalizeUrl } from '../url.ts';
import { MANIFEST_NAME, readJsonIfExists, snapshotPaths } from './layout.ts';
import { loadRedirectRows } from './load.ts';

/** One row of redirects/redirects.json as the report needs it (`source` is in the JSON, not in the CSV). */
export interface SourcedRow {
  from: string;
  to: string;
  status: number;
  kind: string;
  source: string;
}

/** crawl-summary.json, only the parts the report reads; every field may be missing in an older folder. */
export interface CrawlSummaryFile {
  startUrls?: string[];
  startedAt?: string;
  finishedAt?: string;
  archived?: number;
  failed?: Array<{ url: string; reason: string; status?: number }>;
  clientErrors?: Array<{ url: string; status: number }>;
  /** Where the crawl folder came from (issue #11): `{type: 'wayback' | 'mirror' | 'crawl', …}`; absent means a live crawl. */
  source?: unknown;
}

export interface SnapshotParts {
  summary: CrawlSummaryFile | null;
  posts: number;
  pages: number;
  urls: UrlEntry[];
  rows: SourcedRow[] | null;
  /** Paths listed in manifest.json; null without one. */
  manifestPaths: string[] | null;
}

/** The row source of each old URL: a row whose `from` normalises to the URL covers it. */
export function sourceByUrl(rows: readonly SourcedRow[]): Map<string, SourcedRow> {
  const out = new Map<string, SourcedRow>();
  for (const r of rows) {
    if (!out.has(r.from)) out.set(r.from, r);
    const n = normalizeUrl(r.from);
    if (n && !out.has(n)) out.set(n, r);
  }
  return out;
}

export function countSnapshot(p: SnapshotParts): ReportNumbers {
  let coverage: ReportNumbers['coverage'] = null;
  if (p.rows) {
    const by = sourceByUrl(p.rows);
    coverage = { map: 0, rule: 0, fallback: 0, none: 0 };
    for (const u of p.urls) {
      const s = by.get(u.url)?.source;
      if (s === 'map' || s === 'rule' || s === 'fallback') coverage[s]++;
      else if (by.has(u.url)) coverage.rule++;
      else coverage.none++;
    }
  }
  const s = p.summary;
  return {
    archived: typeof s?.archived === 'number' ? s.archived : 0,
    failed: Array.isArray(s?.failed) ? s.failed.length : 0,
    clientErrors: Array.isArray(s?.clientErrors) ? s.clientErrors.length : 0,
    posts: p.posts,
    pages: p.pages,
    urls: p.urls.length,
    markdownFiles: p.manifestPaths ? p.manifestPaths.filter((f) => f.startsWith('markdown/')).length : 0,
    redirectRows: p.rows ? p.rows.length : null,
    coverage,
    // manifest.json lists every file but itself; the snapshot summary counts it too.
    files: p.manifestPaths ? p.manifestPaths.length + 1 : null,
  };
}

/** redirects.json rows with their source; null when the snapshot has none. */
export async function readSourcedRows(redirectsDir: string): Promise<SourcedRow[] | null> {
  const json = await readJsonIfExists(join(redirectsDir, 'redirects.json'));
  if (!Array.isArray(json)) return null;
  return json.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object' && typeof (r as { from?: unknown }).from === 'string')
    .map((r) => ({
      from: String(r.from),
      to: String(r.to ?? ''),
      status: Number(r.status ?? 301),
      kind: typeof r.kind === 'string' ? r.kind : '',
      source: typeof r.source === 'string' ? r.source : '',
    }));
}

/** `urls`: data/urls.json when the caller has read it already (the report has), so it is not parsed twice. */
export async function readSnapshotParts(dir: string, urls?: UrlEntry[]): Promise<SnapshotParts> {
  const p = snapshotPaths(dir);
  const arr = async (path: string) => {
    const v = await readJsonIfExists(path);
    return Array.isArray(v) ? v : [];
  };
  const count = async (path: string): Promise<number> => {
    if (!existsSync(path)) return 0;
    try {
      return await countArrayElements(path);
    } catch (err) {
      if (!(err instanceof JsonShapeError)) throw cannotRead(path, err);
      throw new UsageError(`${path}: not a JSON array (${err.message}); rerun \`naring-archive snapshot\` to write it again`);
    }
  };
  const manifest = (await readJsonIfExists(join(dir, MANIFEST_NAME))) as { files?: Array<{ path?: unknown }> } | undefined;
  const summary = (await readJsonIfExists(join(p.crawl, 'crawl-summary.json'))) as CrawlSummaryFile | undefined;
  return {
    summary: summary && typeof summary === 'object' ? summary : null,
    // Counted, not parsed: posts.json of a large blog is hundreds of megabytes of records.
    posts: await count(join(p.data, 'posts.json')),
    pages: await count(join(p.data, 'pages.json')),
    urls: urls ?? ((await arr(join(p.data, 'urls.json'))) as UrlEntry[]),
    rows: (await readSourcedRows(p.redirects))
      // An older folder with only redirects.csv: it does not say where a target came from; such rows count as rules.
      ?? (await loadRedirectRows(p.redirects))?.map((r) => ({ ...r, source: 'rule' })) ?? null,
    manifestPaths: Array.isArray(manifest?.files) ? manifest.files.map((f) => String(f.path ?? '')) : null,
  };
}

export async function readSnapshotNumbers(dir: string): Promise<ReportNumbers> {
  return countSnapshot(await readSnapshotParts(dir));
}
