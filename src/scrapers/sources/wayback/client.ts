/**
 * Talking to the archive, politely: the crawl's fetcher (undici) and per-channel limiters, one request at a
 * time, CDX queries at most one per `cdxIntervalMs`, captures at most `rate` per second. A 429, a 5xx or a
 * refused connection is retried after a pause that starts at `backoffMs` and doubles (Retry-After wins): the
 * Wayback Machine answers a client that keeps going after a 429 by refusing its connections for minutes,
 * so both are the same signal. Every attempt is reported for crawl-log.jsonl. Every final answer is kept in
 * the spool as it arrives (received.ts), and an answer an earlier, killed run kept is taken from there.
 */
import { createFetcher, fetchWithRetry, isRetryable, type FetchAttempt, type FetchedResponse, type RetryPolicy } from '../../fetch.ts';
import { HostLimiter } from '../../crawl-politeness.ts';
import { cdxQueryUrl, parseCdxJson, type CdxQuery, type CdxRow } from './cdx.ts';
import { mementoUrl, readReplay, secondsBetween, type Replayed } from './replay.ts';
import type { WaybackOptions } from './options.ts';
import type { ReceivedSpool } from './received.ts';

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface ArchiveClient {
  /** One CDX page. */
  cdx(q: CdxQuery): Promise<Outcome<{ rows: CdxRow[]; resumeKey: string | null }>>;
  /** The raw capture nearest `timestamp`, following the archive's own redirects within the window. */
  capture(timestamp: string, url: string, about: string): Promise<Outcome<Extract<Replayed, { kind: 'capture' }> & { memento: string; timestamp: string }>>;
  close(): Promise<void>;
}

/**
 * `onAttempt` sees every request: `about` is the URL of the old site it concerns (the prefix of a CDX
 * listing, the page of a capture), so crawl-log.jsonl stays one line per attempt per site URL, as a crawl's.
 */
export function createArchiveClient(o: WaybackOptions, onAttempt: (requestUrl: string, about: string, a: FetchAttempt, n: number) => void, spool: ReceivedSpool): ArchiveClient {
  const fetcher = createFetcher({ userAgent: o.userAgent, connectTimeoutMs: o.timeoutMs, headersTimeoutMs: o.timeoutMs, bodyTimeoutMs: o.timeoutMs, maxBodyBytes: 200 * 1024 * 1024, connections: 1 });
  const cdxLimiter = new HostLimiter(1, o.cdxIntervalMs > 0 ? 1000 / o.cdxIntervalMs : 0);
  const captureLimiter = new HostLimiter(1, o.rate);
  const policy: RetryPolicy = { retries: o.retries, baseDelayMs: o.backoffMs, maxDelayMs: Math.max(o.backoffMs * 16, 1), maxRetryAfterMs: 30 * 60_000 };
  const stopped = () => o.signal?.aborted === true;
  const get = async (url: string, about: string, limiter: HostLimiter): Promise<Outcome<FetchedResponse>> => {
    const kept = spool.take(url);
    if (kept) return { ok: true, value: kept };
    const { attempt } = await fetchWithRetry(fetcher, url, policy, {
      beforeAttempt: () => limiter.acquire('archive'),
      onAttempt: (a, n) => {
        // The first thing done with an answer: on disk before anything can go wrong with it.
        if (a.ok && !isRetryable(a)) spool.keep(url, a.response);
        onAttempt(url, about, a, n);
      },
      shouldStop: stopped,
    });
    if (!attempt.ok) return { ok: false, reason: attempt.error };
    if (attempt.response.status === 429) return { ok: false, reason: `the archive still answers 429 Too Many Requests after ${o.retries} retries` };
    return { ok: true, value: attempt.response };
  };

  return {
    async cdx(q) {
      const url = cdxQueryUrl(o.archiveBase, q);
      const r = await get(url, q.url, cdxLimiter);
      if (!r.ok) return r;
      if (r.value.status !== 200) return { ok: false, reason: `CDX answered HTTP ${r.value.status} for ${url}` };
      try {
        return { ok: true, value: parseCdxJson(r.value.body.toString('utf8')) };
      } catch (err) {
        return { ok: false, reason: `CDX answer for ${url} does not read: ${(err as Error).message}` };
      }
    },
    async capture(timestamp, url, about) {
      let ts = timestamp;
      for (let hop = 0; hop < 5; hop++) {
        const memento = mementoUrl(o.archiveBase, ts, url);
        const r = await get(memento, about, captureLimiter);
        if (!r.ok) return r;
        const replay = readReplay(r.value, o.archiveBase, { timestamp: ts, url });
        if (replay.kind === 'capture') return { ok: true, value: { ...replay, memento, timestamp: ts } };
        if (replay.kind === 'archive-error') return { ok: false, reason: `the archive answered HTTP ${replay.status} for ${memento}${replay.text ? ` (${replay.text.slice(0, 80)})` : ''}` };
        const moved = secondsBetween(replay.timestamp, timestamp);
        if (moved > o.nearestWindowSeconds) return { ok: false, reason: `the archive sends ${timestamp} to ${replay.timestamp}, ${Math.round(moved / 3600)} h away (more than --nearest-window ${o.nearestWindowSeconds / 3600} h)` };
        ts = replay.timestamp;
      }
      return { ok: false, reason: `the archive redirects ${timestamp} ${url} more than 5 times` };
    },
    close: () => fetcher.close(),
  };
}
