/**
 * The crawler: frontier, scope, robots, politeness, resume. Fetches each in-scope URL once, archives every
 * response (3xx/4xx/5xx too) and follows what the site links. Redirects are recorded, their Location enqueued.
 * Outcomes are data: a URL that keeps failing is a PageFailure in the result; the crawl goes on.
 */
import { RepeatedBodies } from './crawl-soft404.ts';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InterruptedError, UsageError } from '../errors.ts';
import type { PageFailure } from '../types.ts';
import { WarcWriter, type CdxEntry } from './archive.ts';
import { writeRunFiles } from './crawl-finish.ts';
import { listWarcFiles } from './archive-reader.ts';
import { decodeBody } from './charset.ts';
import { bodyFormat, captureKind, findHtmlLinks, findXmlLinks } from './crawl-links.ts';
import { withCrawlLock } from './crawl-lock.ts';
import { JOURNAL_FILE, Journal, LineLog, replayJournal, type JournalState, type QueueItem } from './crawl-journal.ts';
import type { CrawlOptions } from './crawl-options.ts';
import { DEFAULT_MAX_QUERY_VARIANTS } from './crawl-options.ts';
import { HostLimiter } from './crawl-politeness.ts';
import { Frontier } from './crawl-frontier.ts';
import { loadRobots, type RobotsBootstrap } from './crawl-robots.ts';
import { cleanUrl, createScope } from './crawl-scope.ts';
import type { CrawlSummary } from './crawl-summary.ts';
import { openPreviousCrawl, type PreviousCrawl } from './crawl-since.ts';
import { createFetcher, fetchWithRetry, headerValue, isRetryable, type FetchAttempt, type FetchedResponse } from './fetch.ts';

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
  const { robots, responses: robotsResponses, attempts: robotsAttempts, sitemapSeeds } = boot;
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
  // What earlier runs archived, in archive order (the writer has cut off anything after the last commit).
  if (events.onCapture) {
    const before = [...state.done.values()].flatMap((d) => (d.entry ? [d.entry] : []));
    for (const e of before.sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : a.offset - b.offset))) events.onCapture(e);
  }

  // During the crawl only the frontier (seen-set and queue) and the failures stay in memory; index.cdxj and
  // the summary are rebuilt from the journal at the end.
  const frontier = new Frontier({
    scope, hosts, robots, assets: o.assets, maxDepth: o.maxDepth, maxQueryVariants: o.maxQueryVariants ?? DEFAULT_MAX_QUERY_VARIANTS, journal, crawlLog, log,
    seen: [...state.queued.map((q) => q.url), ...state.skipped.keys()], queued: state.queued,
    // Done URLs are never fetched again (that would archive them twice); network failures are retried.
    pending: state.queued.filter((q) => !state.done.has(q.url)),
    guards: state.guards,
  });
  const robotsDone = new Set(robotsResponses.map((r) => cleanUrl(r.url).url!).filter((u) => state.done.has(u)));
  let inFlight = 0;
  let doneThisRun = 0;
  let doneCount = state.done.size;
  let archivedCount = 0;
  // Response records only (requests are small): the bound is on what the site sent, across resumed runs too.
  let archivedBytes = 0;
  for (const d of state.done.values()) {
    if (!d.entry) continue;
    archivedCount++;
    archivedBytes += d.entry.length;
  }
  let stoppedBy: string | null = null;
  const failures = new Map<string, string>(state.failed);
  state.queued = [];
  state.done.clear();
  state.skipped.clear();
  const t0 = performance.now();
  const stats = (): CrawlStats => ({ done: doneCount, queued: frontier.pending, failed: failures.size, inFlight, pagesPerSecond: Math.round((doneThisRun / Math.max(0.001, (performance.now() - t0) / 1000)) * 10) / 10 });
  const logAttempt = (url: string, from: string | null, a: FetchAttempt, n: number) => crawlLog.write(a.ok
    ? { url, status: a.response.status, contentType: headerValue(a.response.headers, 'content-type') ?? null, bytes: a.response.rawBody.length, ms: a.response.ms, discoveredFrom: from, attempt: n }
    : { url, status: null, contentType: null, bytes: 0, ms: a.ms, discoveredFrom: from, attempt: n, error: a.error });
  const enqueue = frontier.add.bind(frontier);

  const record = (res: FetchedResponse, item: QueueItem, revisit?: Parameters<WarcWriter['writeExchange']>[2]) =>
    writer.writeExchange(res, new Date().toISOString(), revisit, ({ entry, position }) => {
      const kind = captureKind(res, item.sitemap === true);
      const failed = res.status >= 500 ? `HTTP ${res.status} after ${o.retries + 1} attempts` : undefined;
      const line = { t: 'done' as const, url: item.url, kind, entry, pos: position, ...(failed ? { failed } : {}) };
      journal.write(line);
      events.onCapture?.(entry);
      doneCount++;
      archivedCount++;
      archivedBytes += entry.length;
      if (failed) failures.set(item.url, failed); else failures.delete(item.url);
    });

  const bodies = new RepeatedBodies(log);

  const discover = (res: FetchedResponse, item: QueueItem) => {
    if (res.status >= 300 && res.status < 400) {
      const loc = headerValue(res.headers, 'location');
      if (loc) enqueue(loc, res.url, res.url, item.depth, { sitemap: item.sitemap });
      return;
    }
    if (res.status < 200 || res.status >= 300) return;
    if (res.undecodable) log(`${res.url}: its ${headerValue(res.headers, 'content-encoding')} body ${res.undecodable}; archived as received, its links not read`);
    const repeated = bodies.repeated(res.body);
    const ct = headerValue(res.headers, 'content-type');
    const fmt = bodyFormat(ct, res.body);
    if (!fmt) return;
    const text = decodeBody(res.body, ct);
    if (fmt === 'html') {
      const { base, links } = findHtmlLinks(text, o.assets);
      const b = (base && cleanUrl(base, res.url).url) || res.url;
      // Menus and sidebars repeat the same links on a page; look each one up once.
      const once = new Set<string>();
      for (const l of links) {
        if (once.has(l.href)) continue;
        once.add(l.href);
        // Only path-relative links (`more/`, `../x`, `?p=2`) name new URLs from a copy at a new address.
        if (repeated && !/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(l.href.trim())) { bodies.skippedRelative(res.url); continue; }
        enqueue(l.href, b, res.url, item.depth + 1, { asset: l.kind === 'asset' });
      }
    } else {
      const { kind, links } = findXmlLinks(text, o.assets);
      for (const l of links) {
        if (l.kind === 'sitemap') enqueue(l.href, res.url, res.url, item.depth, { sitemap: true });
        else enqueue(l.href, res.url, res.url, kind === 'sitemap' ? item.depth + 1 : item.depth + 1);
      }
    }
  };

  const processItem = async (item: QueueItem) => {
    const prev = previous ? await previous.lookup(item.url) : null;
    const { attempt } = await fetchUrl(item.url, prev?.conditionalHeaders, (a, n) => logAttempt(item.url, item.from, a, n));
    // Ctrl-C cut the retries short: leave the URL queued in the journal so --resume tries it again.
    if (stopped() && isRetryable(attempt)) return;
    if (!attempt.ok) {
      failures.set(item.url, attempt.error);
      journal.write({ t: 'fail', url: item.url, reason: attempt.error });
      return;
    }
    const res = attempt.response;
    if (item.probe && (res.status < 200 || res.status >= 300)) {
      // A guessed /sitemap.xml that is not there was never linked: keep it out of the archive.
      journal.write({ t: 'done', url: item.url, kind: 'probe', entry: null, pos: null });
      doneCount++;
      return;
    }
    // Links are journalled before the page's capture: a kill in between can only make --resume fetch the
    // page again, never lose the URLs it links.
    discover(prev && res.status === 304 ? { ...res, status: prev.entry.status, headers: prev.headers, body: await prev.body() } : res, item);
    if (res.status === 304 && prev) await record(res, item, await prev.revisit());
    else await record(res, item);
    doneThisRun++;
  };

  // Seeds: robots.txt captures, start URLs, sitemaps.
  const seed = async () => {
    if (firstRun) journal.write({ t: 'start', startUrls: o.startUrls });
    for (const f of boot.failed) journal.write({ t: 'fail', url: f.url, reason: f.reason });
    for (const r of robotsAttempts) logAttempt(r.url, null, r.a, r.n);
    for (const res of robotsResponses) {
      const url = cleanUrl(res.url).url!;
      const item: QueueItem = { url, from: null, depth: 0 };
      if (robotsDone.has(url) || !frontier.claim(item)) continue;
      await record(res, item);
    }
    for (const u of o.startUrls) enqueue(u, u, null, 0);
    for (const s of sitemapSeeds) {
      const probe = s.endsWith('#probe');
      enqueue(probe ? s.slice(0, -6) : s, s, null, 0, { sitemap: true, probe });
    }
  };

  let progressTimer: NodeJS.Timeout | undefined;
  let wake: (() => void) | null = null;
  // The first error of any worker (a full disk, say): the others stop taking URLs and finish what they hold,
  // so no write lands after the files are closed and every file is closed before the error goes up.
  const faults: unknown[] = [];
  const worker = async () => {
    for (;;) {
      if (stopped() || faults.length > 0) return;
      if (o.maxPages !== null && archivedCount + inFlight >= o.maxPages) {
        if (frontier.pending > 0) stoppedBy = 'max-pages';
        return;
      }
      if (o.maxArchiveBytes !== undefined && archivedBytes >= o.maxArchiveBytes) {
        if (frontier.pending > 0) stoppedBy = 'max-archive-size';
        return;
      }
      const item = frontier.next();
      if (!item) {
        if (inFlight === 0) { wake?.(); return; }
        await new Promise<void>((r) => { const prevWake = wake; wake = () => { prevWake?.(); r(); }; });
        continue;
      }
      inFlight++;
      try {
        await processItem(item);
      } catch (err) {
        faults.push(err);
        return;
      } finally {
        inFlight--;
        const w = wake;
        wake = null;
        w?.();
      }
    }
  };
  const workers = Math.max(1, o.concurrency * hosts.size);
  try {
    await seed();
    progressTimer = setInterval(() => events.onProgress?.(stats()), 250);
    await Promise.all(Array.from({ length: workers }, worker));
    if (faults.length > 0) throw faults[0];
  } finally {
    clearInterval(progressTimer);
    closeAll([() => writer.close(), () => journal.close(), () => crawlLog.close()]);
    await fetcher.close();
  }
  events.onProgress?.(stats());
  const interrupted = stopped();
  const summary = await writeRunFiles(o.outDir, { scope: [...scope.prefixes], startedAt, interrupted, stoppedBy, queuedNotFetched: frontier.pending });
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
