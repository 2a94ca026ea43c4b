/**
 * The first thing a crawl does: robots.txt of every host in scope. It decides what may be fetched, how fast
 * (Crawl-delay), which sitemaps to read, and doubles as the reachability check: a start host that does not
 * answer at all is a usage error before anything is written.
 */
import { UsageError } from '../errors.ts';
import { decodeBody } from './charset.ts';
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, type HostLimiter, type RobotsRules } from './crawl-politeness.ts';
import { headerValue, type FetchAttempt, type FetchedResponse } from './fetch.ts';

/** Errors of the connect step (no such host, nothing listening, no route): the address is at fault. */
const CONNECT_FAILED = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL|UND_ERR_CONNECT_TIMEOUT|Connect Timeout/i;

export interface RobotsBootstrap {
  robots: Map<string, RobotsRules>;
  /** 2xx robots.txt answers, to be archived like any page once the output folder is open. */
  responses: FetchedResponse[];
  /** Every attempt, for crawl-log.jsonl. */
  attempts: { url: string; a: FetchAttempt; n: number }[];
  /** Sitemaps robots.txt names; or a `#probe`-marked /sitemap.xml guess when it names none (fresh crawls only). */
  sitemapSeeds: string[];
  /** robots.txt answers that forbid the whole host by error (5xx): failures of the crawl, not a quiet nothing. */
  failed: { url: string; reason: string }[];
}

export async function loadRobots(args: {
  hosts: Iterable<string>;
  startUrls: readonly string[];
  prefixes: readonly string[];
  ignoreRobots: boolean;
  resuming: boolean;
  limiter: HostLimiter;
  log: (line: string) => void;
  fetchUrl: (url: string, extra: undefined, onAttempt: (a: FetchAttempt, n: number) => void) => Promise<{ attempt: FetchAttempt }>;
}): Promise<RobotsBootstrap> {
  const out: RobotsBootstrap = { robots: new Map(), responses: [], attempts: [], sitemapSeeds: [], failed: [] };
  for (const host of args.hosts) {
    const isStartHost = args.startUrls.some((u) => new URL(u).host === host);
    const start = args.startUrls.find((u) => new URL(u).host === host) ?? args.prefixes.find((u) => new URL(u).host === host)!;
    const robotsUrl = new URL('/robots.txt', start).href;
    const { attempt } = await args.fetchUrl(robotsUrl, undefined, (a, n) => out.attempts.push({ url: robotsUrl, a, n }));
    if (!attempt.ok) {
      if (isStartHost && !args.resuming) {
        // A server that took the connection but stalls on robots.txt, or drops it, is not "unreachable": the
        // fault is robots.txt's, and the start URL was never asked. Only a failed connect is the address's.
        if (/TIMEOUT|max-time|timeout/i.test(attempt.error) && !CONNECT_FAILED.test(attempt.error)) throw new UsageError(`start URL ${start}: its ${robotsUrl} did not answer in time (${attempt.error}); check the server, or raise --timeout / --max-time`);
        if (!CONNECT_FAILED.test(attempt.error)) throw new UsageError(`start URL ${start}: its ${robotsUrl} failed (${attempt.error}); the server took the connection but gave no answer to robots.txt: check the server, or crawl again when it is fixed`);
        throw new UsageError(`start URL ${start} is unreachable (${attempt.error}); check the address, or map it with --connect-to HOST:PORT:ADDR:PORT`);
      }
      out.robots.set(host, args.ignoreRobots ? ALLOW_ALL : DISALLOW_ALL);
      continue;
    }
    const res = attempt.response;
    let rules = ALLOW_ALL;
    let named: string[] = [];
    if (res.status >= 200 && res.status < 300) {
      rules = parseRobots(robotsUrl, decodeBody(res.body, headerValue(res.headers, 'content-type')));
      named = rules.sitemaps();
      out.responses.push(res);
    } else if (res.status >= 500) {
      rules = DISALLOW_ALL; // RFC 9309 §2.3.1.4: a robots.txt the server cannot give means "disallow all"
      if (!args.ignoreRobots) out.failed.push({ url: robotsUrl, reason: `robots.txt answered HTTP ${res.status}, which RFC 9309 reads as "disallow all": nothing of ${host} was crawled; crawl again when the server is fixed, or use --ignore-robots with the owner's consent` });
    }
    if (args.ignoreRobots) {
      rules = ALLOW_ALL;
      named = [];
    }
    out.robots.set(host, rules);
    const delay = rules.crawlDelay();
    if (delay && delay > 0) {
      args.limiter.setMinInterval(host, delay * 1000);
      args.log(`robots.txt of ${host} asks for Crawl-delay: ${delay}; requests to it are spaced ${args.limiter.intervalOf(host)} ms apart`);
    }
    out.sitemapSeeds.push(...named);
    if (named.length === 0 && isStartHost && !args.resuming) out.sitemapSeeds.push(`${new URL('/sitemap.xml', start).href}#probe`);
  }
  return out;
}
