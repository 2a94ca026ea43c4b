/**
 * Reads what `diff` and `report` compare from a finished snapshot folder: posts and pages, the URL
 * inventory, redirect rows, and the URLs whose fetch failed. Reads data, never re-derives it.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readRecordFile, type RecordFile } from '../record-file.ts';
import { UsageError } from '../errors.ts';
import type { PostRecord, UrlEntry } from '../types.ts';
import { readJsonIfExists, readTextIfExists, snapshotPaths } from './layout.ts';
import { parseCsv } from '../exporters/redirects/csv.ts';

/** One row of redirects/redirects.csv (`from,to,status,kind`). */
export interface RedirectRow {
  from: string;
  to: string;
  status: number;
  kind: string;
}

/** A URL whose last fetch attempt did not succeed: an HTTP error status or a network error. */
export interface FailedUrl {
  url: string;
  /** HTTP status, or null when no response came (timeout, refused, too large…). */
  status: number | null;
  reason: string;
}

export interface SnapshotData {
  dir: string;
  posts: PostRecord[];
  pages: PostRecord[];
  urls: UrlEntry[];
  /** null when the snapshot was taken without --rules (no redirect maps at all). */
  redirects: RedirectRow[] | null;
  failures: FailedUrl[];
  /** Closes posts.json and pages.json, whose records read their large fields from the file (record-file.ts). */
  close(): void;
}

function asArray(path: string, value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new UsageError(`${path}: expected a JSON array of ${what}; rerun \`naring-archive snapshot\``);
  return value;
}

/**
 * posts.json or pages.json, read a record at a time. Only url and title are required: diff and report read
 * snapshots an older version wrote, whose records may lack a field added since.
 */
async function readRecords(path: string, required: boolean, dir: string): Promise<{ records: PostRecord[]; file: RecordFile | null }> {
  if (!existsSync(path)) {
    if (required) throw new UsageError(`${dir}: has no ${relative(dir, path)}, so it is not a finished snapshot; run \`naring-archive snapshot\` again`);
    return { records: [], file: null };
  }
  const check = (r: unknown, i: number): Record<string, unknown> => {
    const p = r as Partial<PostRecord> | null;
    if (!p || typeof p !== 'object' || typeof p.url !== 'string' || typeof p.title !== 'string') {
      throw new UsageError(`${path}: record ${i} is not a post record (needs url and title); rerun \`naring-archive snapshot\``);
    }
    return p as Record<string, unknown>;
  };
  return readRecordFile<PostRecord>(path, check, 'rerun `naring-archive snapshot` to write it again');
}

function toRedirectRow(path: string, r: unknown, i: number): RedirectRow {
  const o = r as Record<string, unknown> | null;
  if (!o || typeof o.from !== 'string' || typeof o.to !== 'string') {
    throw new UsageError(`${path}: row ${i + 1} has no from/to; rerun \`naring-archive snapshot\` with --rules`);
  }
  const status = typeof o.status === 'number' ? o.status : Number(o.status ?? 301);
  return { from: o.from, to: o.to, status: Number.isFinite(status) ? status : 301, kind: typeof o.kind === 'string' ? o.kind : '' };
}

/** redirects.json when present (an array, or `{ rows: [...] }`), else redirects.csv; null when neither. */
export async function loadRedirectRows(redirectsDir: string): Promise<RedirectRow[] | null> {
  const jsonPath = join(redirectsDir, 'redirects.json');
  const json = await readJsonIfExists(jsonPath);
  if (json !== undefined) {
    const rows = Array.isArray(json) ? json : (json as { rows?: unknown; redirects?: unknown } | null)?.rows ?? (json as { redirects?: unknown } | null)?.redirects;
    return asArray(jsonPath, rows, 'redirect rows').map((r, i) => toRedirectRow(jsonPath, r, i));
  }
  const csvPath = join(redirectsDir, 'redirects.csv');
  const csv = await readTextIfExists(csvPath);
  if (csv === undefined) return null;
  let table: string[][];
  try {
    table = parseCsv(csv);
  } catch (err) {
    throw new UsageError(`${csvPath}: ${(err as Error).message}; rerun \`naring-archive snapshot\` with --rules to write it again`);
  }
  const header = table[0] ?? [];
  const col = (name: string) => header.indexOf(name);
  if (col('from') < 0 || col('to') < 0) throw new UsageError(`${csvPath}: the header must be from,to,status,kind; rerun \`naring-archive snapshot\` with --rules`);
  return table.slice(1).filter((row) => row.some((c) => c !== '')).map((row, i) => toRedirectRow(csvPath, {
    from: row[col('from')], to: row[col('to')], status: col('status') >= 0 ? row[col('status')] : 301, kind: col('kind') >= 0 ? row[col('kind')] : '',
  }, i));
}

interface LogLine { url?: unknown; status?: unknown; error?: unknown; skipped?: unknown }

/**
 * Failed URLs from crawl/crawl-log.jsonl: the LAST attempt of each URL decides (a retry that succeeded is
 * no failure). A 304 answer to a conditional request (`--since`) is success. Falls back to
 * crawl-summary.json's failed list when there is no log.
 */
export async function loadFailures(crawlDir: string): Promise<FailedUrl[]> {
  const logPath = join(crawlDir, 'crawl-log.jsonl');
  const log = await readTextIfExists(logPath);
  const last = new Map<string, FailedUrl | null>();
  if (log !== undefined) {
    log.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let o: LogLine;
      try {
        o = JSON.parse(line) as LogLine;
      } catch {
        throw new UsageError(`${logPath}: line ${i + 1} is not JSON; the crawl log is damaged, take the snapshot again`);
      }
      // Lines for URLs seen but not fetched (out of scope, robots.txt, traps) are no attempts.
      if (typeof o.url !== 'string' || o.skipped !== undefined || !('status' in o || 'error' in o)) return;
      const status = typeof o.status === 'number' && o.status > 0 ? o.status : null;
      const error = typeof o.error === 'string' && o.error ? o.error : null;
      const failed = error !== null || status === null || status >= 400;
      last.set(o.url, failed ? { url: o.url, status, reason: error ?? (status === null ? 'no response' : `HTTP ${status}`) } : null);
    });
  } else {
    const summaryPath = join(crawlDir, 'crawl-summary.json');
    const summary = (await readJsonIfExists(summaryPath)) as { failed?: unknown } | undefined;
    const failed = Array.isArray(summary?.failed) ? summary.failed : [];
    for (const f of failed as Array<Record<string, unknown>>) {
      if (typeof f?.url !== 'string') continue;
      const status = typeof f.status === 'number' ? f.status : null;
      last.set(f.url, { url: f.url, status, reason: typeof f.reason === 'string' ? f.reason : status ? `HTTP ${status}` : 'failed' });
    }
  }
  return [...last.values()].filter((f): f is FailedUrl => f !== null).sort((x, y) => cmp(x.url, y.url));
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Loads a snapshot folder; data/posts.json and data/urls.json are required, the rest may be absent. */
export async function loadSnapshot(dir: string): Promise<SnapshotData> {
  const p = snapshotPaths(dir);
  const posts = await readRecords(join(p.data, 'posts.json'), true, dir);
  let pages: typeof posts | null = null;
  try {
    const urlsPath = join(p.data, 'urls.json');
    const urlsJson = await readJsonIfExists(urlsPath);
    if (urlsJson === undefined) throw new UsageError(`${dir}: has no data/urls.json, so it is not a finished snapshot; run \`naring-archive snapshot\` again`);
    const urls = asArray(urlsPath, urlsJson, 'URL entries') as UrlEntry[];
    pages = await readRecords(join(p.data, 'pages.json'), false, dir);
    const files = [posts.file, pages.file];
    return {
      dir,
      posts: posts.records,
      pages: pages.records,
      urls,
      redirects: await loadRedirectRows(p.redirects),
      failures: await loadFailures(p.crawl),
      close: () => { for (const f of files) f?.close(); },
    };
  } catch (err) {
    posts.file?.close();
    pages?.file?.close();
    throw err;
  }
}
