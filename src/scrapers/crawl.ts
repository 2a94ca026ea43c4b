/**
 * The crawler: frontier, scope, robots, politeness, resume. Fetches each in-scope URL once, archives every
 * response (3xx/4xx/5xx too) and follows what the site links. Redirects are recorded, their Location enqueued.
 * Outcomes are data: a URL that keeps failing is a PageFailure in the result; the crawl goes on.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InterruptedError, UsageError } from '../errors.ts';
import type { PageFailure } from '../types.ts';
import { WarcWriter, type CdxEntry } from './archive.ts';
import { listWarcFiles } from './archive-reader.ts';
import { writeRunFiles } from './crawl-finish.ts';
import { JOURNAL_FILE, Journal, LineLog, replayJournal, type JournalState } from './crawl-journal.ts';
import { withCrawlLock } from './crawl-lock.ts';
import type { CrawlOptions } from './crawl-options.ts';
import { HostLimiter } from './crawl-politeness.ts';
import { loadRobots, type RobotsBootstrap } from './crawl-robots.ts';
import { crawlPages, type RunEnd } from './crawl-run.ts';
import { createScope } from './crawl-scope.ts';
import { openPreviousCrawl, type PreviousCrawl } from './crawl-since.ts';
import type { CrawlSummary } from './crawl-summary.ts';
import { createFetcher, fetchWithRetry, type FetchAttempt } from './fetch.ts';

export type { CrawlOptions } from './crawl-options.ts';
export type { CrawlSummary } from './crawl-summary.ts';

/** How many URLs may answer with byte-identical bodies before links in that body are no longer followed. */
export { SAME_BODY_LIMIT } from './crawl-soft404.ts';
/** How long requests in flight may still finish after Ctrl-C. */
export const STOP_GRACE_MS = 2000;

export interface CrawlStats {
  done: number;
  queued: number;
  failed: number;
  inFlight: number;
  pagesPerSecond: number;
}

export interface CrawlResult {
  summary: CrawlSummary;
  failures: PageFailure[];
  interrupted: boolean;
}

export interface CrawlEvents {
  onProgress?(s: CrawlStats): void;
  onLog?(line: string): void;
  /**
   * Each response record as it is written (its index entry), in archive order; on --resume first those the
   * earlier runs archived. `crawl --extract` surveys them while the crawl goes on (extract-live.ts).
   */
  onCapture?(entry: CdxEntry): void;
}


/**
 * Whether `dir` already holds a crawl (journal, archive, or the files a crawl writes: a user's own
 * index.cdxj must not be overwritten either); used to refuse writing there without --resume.
 */
export function holdsCrawl(dir: string): boolean {
  return existsSync(join(dir, JOURNAL_FILE)) || listWarcFiles(dir).length > 0 || existsSync(join(dir, 'index.cdxj')) || existsSync(join(dir, 'crawl-log.jsonl'));
}

/**
 * Crawls under the folder's lock (see crawl-lock.ts): a second crawl or `--resume` beside a live one is
 * refused before it reads or writes anything. A folder made only to hold the lock is removed again when
 * the crawl fails before writing (an unreachable start URL leaves no empty folder behind).
 */
export async function crawlSite(options: CrawlOptions, events: CrawlEvents = {}): Promise<CrawlResult> {
  return withCrawlLock(options.outDir, () => crawlLocked(options, events));
}

async function crawlLocked(options: CrawlOptions, events: CrawlEvents): Promise<CrawlResult> {
  const o = options;
  const log = (line: string) => events.onLog?.(line);
  const startedAt = new Date();
  const existing = holdsCrawl(o.outDir);
  if (existing && !o.resume) {
    throw new UsageError(`--out ${o.outDir}: holds another crawl already; add --resume to continue it, or choose an empty folder`);
  }
  const journalPath = join(o.outDir, JOURNAL_FILE);
  const prior: JournalState | null = existing ? await replayJournal(journalPath) : null;
  if (prior?.startUrls && prior.startUrls.join(' ') !== o.startUrls.join(' ')) {
    throw new UsageError(`--resume: ${o.outDir} holds a crawl of ${prior.startUrls.join(' ')}; resume it with those start URLs, or choose another --out`);
  }
  const years = { minYear: 1990, maxYear: startedAt.getUTCFullYear() + 1 };
  const scope = createScope({ startUrls: o.startUrls, scopes: o.scopes, includes: o.includes, excludes: o.excludes, maxPagination: o.maxPagination, ...years });
  const hosts = new Set([...o.startUrls, ...scope.prefixes].map((u) => new URL(u).host));
  // Ctrl-C lets requests in flight finish, but only for a moment: a server that never ends a body must
  // not hold the crawl (they are fetched again on --resume).
  const hardStop = new AbortController();
  const onStop = () => setTimeout(() => hardStop.abort(), STOP_GRACE_MS).unref();
  if (o.signal?.aborted) onStop(); else o.signal?.addEventListener('abort', onStop, { once: true });
  const fetcher = createFetcher({ userAgent: o.userAgent, connectTo: o.connectTo, connectTimeoutMs: o.timeoutMs, headersTimeoutMs: o.timeoutMs, bodyTimeoutMs: o.timeoutMs, maxBodyBytes: o.maxBodyBytes, connections: o.concurrency, maxTimeMs: o.maxTimeMs, stopSignal: hardStop.signal });
  const limiter = new HostLimiter(o.concurrency, o.rate);
  const policy = { retries: o.retries, baseDelayMs: o.retryBaseDelayMs, maxDelayMs: 30_000, maxRetryAfterMs: o.maxRetryAfterMs };
  const stopped = () => o.signal?.aborted === true;
  const fetchUrl = (url: string, extraHeaders?: Record<string, string>, onAttempt?: (a: FetchAttempt, n: number) => void) =>
    fetchWithRetry(fetcher, url, policy, { extraHeaders, beforeAttempt: () => limiter.acquire(new URL(url).host), onAttempt, shouldStop: stopped });

  // robots.txt per host, before anything is written: a start host that cannot be reached is exit 2.
  let boot: RobotsBootstrap;
  try {
    boot = await loadRobots({ hosts, startUrls: o.startUrls, prefixes: scope.prefixes, ignoreRobots: o.ignoreRobots, resuming: prior !== null, limiter, log, fetchUrl });
  } catch (err) {
    await fetcher.close();
    if (stopped()) throw new InterruptedError('interrupted while reading robots.txt; nothing was archived');
    throw err;
  }
  const previous: PreviousCrawl | null = o.since ? await openPreviousCrawl(o.since) : null;

  mkdirSync(o.outDir, { recursive: true });
  const state: JournalState = prior ?? (await replayJournal(journalPath));
  const journal = new Journal(journalPath);
  const opened: { close(): void }[] = [journal];
  let crawlLog: LineLog;
  let writer: WarcWriter;
  try {
    opened.push((crawlLog = new LineLog(join(o.outDir, 'crawl-log.jsonl'))));
    opened.push((writer = new WarcWriter(o.outDir, o.warcPrefix, { isPartOf: o.startUrls.join(' '), 'robots': o.ignoreRobots ? 'ignore' : 'obey', 'http-header-user-agent': o.userAgent }, o.maxWarcBytes, state.position ?? undefined)));
  } catch (err) {
    closeAll(opened.map((f) => () => f.close()));
    await fetcher.close();
    throw err;
  }
  const firstRun = !state.startUrls;
  state.startUrls ??= o.startUrls;
  let end: RunEnd;
  try {
    end = await crawlPages({ o, events, log, state, firstRun, journal, crawlLog, writer, scope, hosts, boot, previous, fetchUrl, stopped });
  } finally {
    closeAll([() => writer.close(), () => journal.close(), () => crawlLog.close()]);
    await fetcher.close();
  }
  events.onProgress?.(end.stats);
  const interrupted = stopped();
  const summary = await writeRunFiles(o.outDir, { scope: [...scope.prefixes], startedAt, interrupted, stoppedBy: end.stoppedBy, queuedNotFetched: end.queuedNotFetched });
  return { summary, interrupted, failures: summary.failed.map((f) => ({ url: f.url, stage: 'fetch' as const, reason: f.reason })) };
}

/** Closes every file even when one close fails (a full disk can fail the last flush); the first error goes up. */
function closeAll(closers: (() => void)[]): void {
  let first: { err: unknown } | null = null;
  for (const close of closers) {
    try {
      close();
    } catch (err) {
      first ??= { err };
    }
  }
  if (first) throw first.err;
}
