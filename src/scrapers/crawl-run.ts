/**
 * One run of the crawl loop: the frontier, the workers that fetch, record and follow links, the seeds. The
 * caller (crawl.ts) opens the files before and closes them and writes index.cdxj and the summary after. It is
 * a function of its own so that everything it holds (the frontier's seen-set and queue: about 60 MB at
 * 50,000 posts) can be collected before that end of the run reads the whole journal.
 */
import { join } from 'node:path';
import type { WarcWriter } from './archive.ts';
import { decodeBody } from './charset.ts';
import type { CrawlEvents, CrawlStats } from './crawl.ts';
import { Frontier } from './crawl-frontier.ts';
import { archivedEntries, JOURNAL_FILE, type Journal, type JournalState, type LineLog, type QueueItem } from './crawl-journal.ts';
import { bodyFormat, captureKind, findHtmlLinks, findXmlLinks } from './crawl-links.ts';
import { DEFAULT_MAX_QUERY_VARIANTS, type CrawlOptions } from './crawl-options.ts';
import type { RobotsBootstrap } from './crawl-robots.ts';
import { cleanUrl, type Scope } from './crawl-scope.ts';
import type { PreviousCrawl } from './crawl-since.ts';
import { RepeatedBodies } from './crawl-soft404.ts';
import { headerValue, isRetryable, type FetchAttempt, type FetchedResponse, type fetchWithRetry } from './fetch.ts';

export interface CrawlRun {
  o: CrawlOptions;
  events: CrawlEvents;
  log: (line: string) => void;
  /** The journal replayed (empty on a first run); its done, queued and skipped URLs are emptied once the frontier holds them. */
  state: JournalState;
  firstRun: boolean;
  journal: Journal;
  crawlLog: LineLog;
  writer: WarcWriter;
  scope: Scope;
  hosts: ReadonlySet<string>;
  boot: RobotsBootstrap;
  previous: PreviousCrawl | null;
  fetchUrl: (url: string, extraHeaders?: Record<string, string>, onAttempt?: (a: FetchAttempt, n: number) => void) => ReturnType<typeof fetchWithRetry>;
  stopped: () => boolean;
}

/** How the loop ended, for the summary. */
export interface RunEnd {
  stoppedBy: string | null;
  queuedNotFetched: number;
  stats: CrawlStats;
}

/** Fetches until the frontier is empty, a bound is reached, Ctrl-C, or a worker fails (its error goes up). */
export async function crawlPages(run: CrawlRun): Promise<RunEnd> {
  const { o, events, log, state, firstRun, journal, crawlLog, writer, scope, hosts, boot, previous, fetchUrl, stopped } = run;
  const { robots, responses: robotsResponses, attempts: robotsAttempts, sitemapSeeds } = boot;
  // What earlier runs archived, in archive order (the writer has cut off anything after the last commit).
  if (events.onCapture && state.done.size > 0) for (const e of await archivedEntries(join(o.outDir, JOURNAL_FILE))) events.onCapture(e);

  // During the crawl only the frontier (seen-set and queue) and the failures stay in memory; index.cdxj and
  // the summary are rebuilt from the journal at the end.
  const frontier = new Frontier({
    scope, hosts, robots, assets: o.assets, maxDepth: o.maxDepth, maxQueryVariants: o.maxQueryVariants ?? DEFAULT_MAX_QUERY_VARIANTS, journal, crawlLog, log,
    seen: [...state.queued, ...state.skipped], counted: state.queued.filter((u) => !state.uncounted.has(u)),
    // Done URLs are never fetched again (that would archive them twice); network failures are retried.
    pending: state.pending,
    guards: state.guards,
  });
  const robotsDone = new Set(robotsResponses.map((r) => cleanUrl(r.url).url!).filter((u) => state.done.has(u)));
  let inFlight = 0;
  let doneThisRun = 0;
  let doneCount = state.done.size;
  let archivedCount = 0;
  // Response records only (requests are small): the bound is on what the site sent, across resumed runs too.
  let archivedBytes = 0;
  for (const length of state.done.values()) {
    if (length < 0) continue;
    archivedCount++;
    archivedBytes += length;
  }
  let stoppedBy: string | null = null;
  const failures = new Map<string, string>(state.failed);
  state.queued = [];
  state.pending = [];
  state.uncounted.clear();
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
  }
  return { stoppedBy, queuedNotFetched: frontier.pending, stats: stats() };
}
