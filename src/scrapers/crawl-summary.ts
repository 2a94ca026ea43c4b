/**
 * crawl-summary.json and the closing summary text. The summary is the one file with wall-clock times; it is
 * rebuilt from the journal at the end of every run, so a resumed crawl reports the whole crawl.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CrawlSummary {
  startUrls: string[];
  scope: string[];
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  /** True when every in-scope URL found was archived (404s included) and nothing failed. */
  complete: boolean;
  interrupted: boolean;
  /** The bound that stopped the crawl with URLs still queued: `max-pages` or `max-archive-size`. */
  stoppedBy: string | null;
  archived: number;
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  /** URLs that failed after retries (network errors, 5xx, size caps), sorted by URL. */
  failed: { url: string; reason: string }[];
  /** Archived answers 400–499: the site really says so, but you may want to know. */
  clientErrors: { url: string; status: number }[];
  /** URLs seen but not fetched, counted by reason (out-of-scope, robots.txt, trap:…, max-depth, asset). */
  skipped: Record<string, number>;
  /** Distinct URLs each guard rewrote (dropped `replytocom`, session ids, utm_*). */
  guards: Record<string, number>;
  queuedNotFetched: number;
  files: { archive: string[]; index: string; log: string; journal: string };
}

function countInto(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

function sortedRecord(m: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const byUrl = <T extends { url: string }>(a: T, b: T) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

/**
 * What the summary counts, gathered from the journal's outcome per URL (crawl-finish.ts): each URL's last
 * done line goes to `done`, its last skip to `skip`; the failures and guards are kept as they are.
 */
export class SummaryTally {
  startUrls: string[] | null = null;
  archived = 0;
  readonly byStatus: Record<string, number> = {};
  readonly byKind: Record<string, number> = {};
  readonly clientErrors: { url: string; status: number }[] = [];
  readonly skipped: Record<string, number> = {};
  readonly failed = new Map<string, string>();
  readonly guards = new Map<string, number>();

  /** A URL's outcome: `status` null when nothing was archived (a guessed sitemap that is not there). */
  done(url: string, kind: string, status: number | null): void {
    if (status === null) return;
    this.archived++;
    countInto(this.byStatus, String(status));
    countInto(this.byKind, kind);
    if (status >= 400 && status < 500) this.clientErrors.push({ url, status });
  }

  skip(reason: string): void {
    countInto(this.skipped, reason);
  }
}

export function buildSummary(args: {
  tally: SummaryTally;
  scope: string[];
  startedAt: Date;
  interrupted: boolean;
  stoppedBy: string | null;
  queuedNotFetched: number;
  archiveFiles: string[];
}): CrawlSummary {
  const t = args.tally;
  const failed = [...t.failed.entries()].map(([url, reason]) => ({ url, reason })).sort(byUrl);
  const finishedAt = new Date();
  return {
    startUrls: t.startUrls ?? [],
    scope: args.scope,
    startedAt: args.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: Math.round((finishedAt.getTime() - args.startedAt.getTime()) / 100) / 10,
    complete: !args.interrupted && failed.length === 0 && args.queuedNotFetched === 0,
    interrupted: args.interrupted,
    stoppedBy: args.stoppedBy,
    archived: t.archived,
    byStatus: sortedRecord(t.byStatus),
    byKind: sortedRecord(t.byKind),
    failed,
    clientErrors: [...t.clientErrors].sort(byUrl),
    skipped: sortedRecord(t.skipped),
    guards: sortedRecord(Object.fromEntries(t.guards)),
    queuedNotFetched: args.queuedNotFetched,
    files: { archive: args.archiveFiles.map((f) => `archive/${f}`), index: 'index.cdxj', log: 'crawl-log.jsonl', journal: 'crawl-state.jsonl' },
  };
}

/**
 * The closing summary for stderr: pages by status, top failure reasons, where the files are. `what` names
 * the run (`Crawl`, `Import from the Wayback Machine at …`): the imports write the same folder and summary.
 */
export function formatSummary(s: CrawlSummary, outDir: string, what = 'Crawl'): string {
  const lines: string[] = [];
  const statuses = Object.entries(s.byStatus).map(([k, v]) => `${v} × ${k}`).join(', ') || 'none';
  lines.push(`${what} ${s.interrupted ? 'interrupted' : 'finished'}: ${s.archived} URLs archived (${statuses}) in ${s.durationSeconds} s.`);
  if (s.failed.length) {
    const reasons: Record<string, number> = {};
    for (const f of s.failed) countInto(reasons, f.reason.replace(/\d+ bytes/g, 'N bytes'));
    const top = Object.entries(reasons).sort((a, b) => b[1] - a[1]).slice(0, 5);
    lines.push(`${s.failed.length} URLs failed after retries:`);
    for (const [reason, n] of top) lines.push(`  ${n} × ${reason}`);
    for (const f of s.failed.slice(0, 5)) lines.push(`  e.g. ${f.url}`);
  }
  if (s.clientErrors.length) lines.push(`${s.clientErrors.length} URLs answered 4xx (archived as the site answered them; listed in crawl-summary.json).`);
  const skipped = Object.entries(s.skipped).map(([k, v]) => `${v} ${k}`).join(', ');
  if (skipped) lines.push(`Seen but not fetched: ${skipped}.`);
  const variants = s.skipped['trap:query-variants'];
  if (variants) lines.push(`--max-query-variants stopped ${variants} URLs: their paths had that many query strings already (a search, filter or sort trap?); if those pages matter, crawl again into a new folder with a higher --max-query-variants (crawl-log.jsonl lists them).`);
  if (s.stoppedBy) lines.push(`Stopped by --${s.stoppedBy} with ${s.queuedNotFetched} URLs still queued: the archive is not the whole site. If the site is that big, run again with a higher --${s.stoppedBy} and --resume; if not, it generates URLs (a trap): --exclude them.`);
  lines.push(`Files: ${outDir}/archive/ (WARC), index.cdxj, crawl-log.jsonl, crawl-summary.json`);
  return lines.join('\n');
}

/**
 * Why the crawl in `crawlDir` is not finished, or null when it ran to its end. crawl-summary.json is written
 * only when a run ends, so a folder without it was killed (or is still being crawled), and `interrupted`
 * says Ctrl-C stopped the last run. Failed URLs and --max-pages are not reasons: the crawl reported those.
 */
export function unfinishedCrawlReason(crawlDir: string): string | null {
  let text: string;
  try {
    text = readFileSync(join(crawlDir, 'crawl-summary.json'), 'utf8');
  } catch {
    return 'it has no crawl-summary.json, so the crawl was killed or is still running';
  }
  try {
    if ((JSON.parse(text) as Partial<CrawlSummary>).interrupted === true) return 'its crawl-summary.json says the crawl was interrupted';
  } catch {
    return 'its crawl-summary.json is not valid JSON';
  }
  return null;
}
