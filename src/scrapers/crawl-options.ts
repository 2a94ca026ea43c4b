/**
 * The crawl's flags, defined once and validated once, so `crawl` and `snapshot` take exactly the same ones.
 * resolveCrawlOptions turns commander's strings into a typed CrawlOptions or throws a UsageError naming the
 * flag and how to mend it.
 */
import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { normalizeUrl } from '../url.ts';
import type { ConnectTo } from './fetch.ts';
import { DEFAULT_USER_AGENT } from './fetch.ts';

export interface CrawlOptions {
  startUrls: string[];
  outDir: string;
  scopes: string[];
  includes: RegExp[];
  excludes: RegExp[];
  /** Requests in flight per host. */
  concurrency: number;
  /** Request starts per second per host. */
  rate: number;
  maxPages: number | null;
  /** Bytes of archived response records (gzipped, as in the WARC files) after which no new URL is fetched. */
  maxArchiveBytes?: number;
  maxDepth: number | null;
  userAgent: string;
  ignoreRobots: boolean;
  resume: boolean;
  assets: boolean;
  connectTo: ConnectTo[];
  /** A previous crawl folder: conditional requests, 304 stored as revisit (snapshots). */
  since: string | null;
  retries: number;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Wall-clock limit of one request, headers and body together. */
  maxTimeMs?: number;
  maxPagination: number;
  /** Distinct query strings followed per path (WordPress's ID parameters do not count); default 1000. */
  maxQueryVariants?: number;
  /** First retry backoff; tests shorten it. */
  retryBaseDelayMs: number;
  maxRetryAfterMs: number;
  warcPrefix: string;
  maxWarcBytes: number;
  /** Stops the crawl cleanly (Ctrl-C): in-flight requests finish, everything is flushed. */
  signal?: AbortSignal;
}

/** The default bound on the archive's size: a 50,000-post blog's pages are about 0.8 GB of WARC, its images seldom 10. */
export const DEFAULT_MAX_ARCHIVE_GB = 20;

/** The default bound on a crawl: ten times a large blog (2,000 posts are about 2,600 URLs). */
export const DEFAULT_MAX_PAGES = 50_000;

/**
 * The default bound on query strings per path: a search box, filters or sort orders can make endless ones.
 * WordPress's ID parameters (?p=, ?page_id=, ?cat=, ?paged=, …) do not count, so only a plain-permalink site
 * with more than this many tags (`?tag=slug`) on one path would meet it; the corpora have at most 1.
 */
export const DEFAULT_MAX_QUERY_VARIANTS = 1000;

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Adds every crawl flag to `cmd` (used by `crawl` and `snapshot`). */
export function addCrawlOptions(cmd: Command): Command {
  return cmd
    .option('--scope <url-prefix>', 'crawl only URLs under this prefix (repeatable; replaces the default: the start URLs\' origin and folder)', collect, [])
    .option('--include <regex>', 'also crawl URLs matching this pattern (repeatable)', collect, [])
    .option('--exclude <regex>', 'never crawl URLs matching this pattern (repeatable; wins over --include)', collect, [])
    .option('--concurrency <n>', 'requests in flight per host', '2')
    .option('--rate <req-per-s>', 'requests started per second per host (robots.txt Crawl-delay can slow it further)', '2')
    .option('--max-pages <n>', 'stop after archiving this many URLs (a bound against endless sites; raise it for a bigger site)', String(DEFAULT_MAX_PAGES))
    .option('--max-depth <n>', 'follow links at most this many hops from a start URL')
    .option('--user-agent <s>', 'User-Agent header', DEFAULT_USER_AGENT)
    .option('--ignore-robots', 'do not obey robots.txt (it is still fetched and archived); only with the site owner\'s consent', false)
    .option('--resume', 'continue the interrupted crawl in --out', false)
    .option('--assets', 'also archive the images, styles, scripts and uploads the pages use (in scope)', false)
    .option('--connect-to <host:port:addr:port>', 'connect to ADDR:PORT for requests to HOST:PORT, as curl does (repeatable)', collect, [])
    .option('--since <dir>', 'a previous crawl folder: ask only for what changed (If-None-Match / If-Modified-Since)')
    .option('--retries <n>', 'retries after a network error, 429 or 5xx', '3')
    .option('--timeout <seconds>', 'connect, response-header and body-idle timeout', '30')
    .option('--max-time <seconds>', 'wall-clock limit of one request, headers and whole body (a server that drips or never ends)', '120')
    .option('--max-body-size <mb>', 'abort and report bodies larger than this many megabytes', '50')
    .addOption(new Option('--max-pagination <n>', 'highest /page/N/ followed (trap guard)').default('5000'))
    .option('--max-archive-size <gb>', 'stop fetching new URLs once the archived responses reach this many GB (gzipped, as the WARC files hold them): a bound on disk use', String(DEFAULT_MAX_ARCHIVE_GB))
    .option('--max-query-variants <n>', 'distinct query strings followed per path, a bound against query-string floods (WordPress IDs such as ?p=12, ?cat=3&paged=2 do not count)', String(DEFAULT_MAX_QUERY_VARIANTS))
    .addOption(new Option('--retry-delay <ms>', 'first retry backoff in milliseconds (doubles each time, with jitter)').default('1000').hideHelp());
}

export function integer(flag: string, value: unknown, min: number, example: string): number {
  const s = String(value).trim();
  const n = Number(s);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${flag} ${JSON.stringify(String(value))}: expected a whole number of at least ${min}, e.g. ${flag} ${example}`);
  }
  return n;
}

export function positive(flag: string, value: unknown, what: string, example: string): number {
  const s = String(value).trim();
  const n = Number(s);
  if (s === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} ${JSON.stringify(String(value))}: expected ${what}, e.g. ${flag} ${example}`);
  return n;
}

export function regexes(flag: string, values: unknown): RegExp[] {
  return ((values as string[] | undefined) ?? []).map((v) => {
    try {
      return new RegExp(v);
    } catch (err) {
      throw new UsageError(`${flag} ${JSON.stringify(v)}: not a valid regular expression (${(err as Error).message}); e.g. ${flag} '/feed/$'`);
    }
  });
}

export function parseConnectTo(value: string): ConnectTo {
  // HOST:PORT:ADDR:PORT; ADDR may be a bracketed IPv6 literal.
  const m = /^([^:\s]+):(\d+):(\[[^\]]+\]|[^:\s]+):(\d+)$/.exec(value.trim());
  const bad = () => new UsageError(`--connect-to ${JSON.stringify(value)}: expected HOST:PORT:ADDR:PORT, e.g. --connect-to www.example.se:80:127.0.0.1:8080`);
  if (!m) throw bad();
  const port = Number(m[2]);
  const addrPort = Number(m[4]);
  if (port < 1 || port > 65535 || addrPort < 1 || addrPort > 65535) throw bad();
  return { host: m[1]!.toLowerCase(), port, addr: m[3]!.replace(/^\[|\]$/g, ''), addrPort };
}

/** Validates the crawl flags as commander parsed them; throws UsageError with the flag and the fix. */
export function resolveCrawlOptions(startUrls: string[], opts: Record<string, unknown>, outDir: string): CrawlOptions {
  if (startUrls.length === 0) throw new UsageError('no start URL: give at least one, e.g. naring-archive crawl https://blog.example.se/ --out crawl');
  const starts = startUrls.map((s) => {
    const u = normalizeUrl(s);
    if (!u) throw new UsageError(`start URL ${JSON.stringify(s)}: expected an absolute http(s) URL, e.g. https://blog.example.se/`);
    return u;
  });
  const scopes = ((opts.scope as string[] | undefined) ?? []).map((s) => {
    const u = normalizeUrl(s);
    if (!u) throw new UsageError(`--scope ${JSON.stringify(s)}: expected an absolute URL prefix, e.g. --scope https://blog.example.se/innovation/`);
    return u;
  });
  if (!outDir) throw new UsageError('--out is required: the folder to write the archive into, e.g. --out crawl');
  const since = opts.since === undefined ? null : resolve(String(opts.since));
  if (since !== null && !existsSync(since)) throw new UsageError(`--since ${JSON.stringify(String(opts.since))}: no such folder; give a previous crawl's --out folder`);
  if (since !== null && !existsSync(join(since, 'index.cdxj'))) throw new UsageError(`--since ${JSON.stringify(String(opts.since))}: no index.cdxj there; give the --out folder of a finished crawl`);
  if (since !== null && since === resolve(outDir)) throw new UsageError(`--since ${JSON.stringify(String(opts.since))}: is the --out folder itself; write the new crawl to another folder`);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new UsageError(`--out ${JSON.stringify(outDir)}: is a file, not a folder; choose a folder name`);
  const ua = String(opts.userAgent ?? DEFAULT_USER_AGENT);
  if (!ua.trim() || /[\r\n]/.test(ua)) throw new UsageError('--user-agent: expected a non-empty single line, e.g. --user-agent "naring-archive (webmaster@example.se)"');
  return {
    startUrls: starts,
    outDir: resolve(outDir),
    scopes,
    includes: regexes('--include', opts.include),
    excludes: regexes('--exclude', opts.exclude),
    concurrency: integer('--concurrency', opts.concurrency ?? '2', 1, '2'),
    rate: positive('--rate', opts.rate ?? '2', 'requests per second', '2'),
    maxPages: integer('--max-pages', opts.maxPages ?? String(DEFAULT_MAX_PAGES), 1, '1000'),
    maxArchiveBytes: Math.round(positive('--max-archive-size', opts.maxArchiveSize ?? String(DEFAULT_MAX_ARCHIVE_GB), 'a size in GB', '50') * 1e9),
    maxDepth: opts.maxDepth === undefined ? null : integer('--max-depth', opts.maxDepth, 0, '5'),
    userAgent: ua,
    ignoreRobots: Boolean(opts.ignoreRobots),
    resume: Boolean(opts.resume),
    assets: Boolean(opts.assets),
    connectTo: ((opts.connectTo as string[] | undefined) ?? []).map(parseConnectTo),
    since,
    retries: integer('--retries', opts.retries ?? '3', 0, '3'),
    timeoutMs: Math.round(positive('--timeout', opts.timeout ?? '30', 'seconds', '30') * 1000),
    maxTimeMs: Math.round(positive('--max-time', opts.maxTime ?? '120', 'seconds', '120') * 1000),
    maxBodyBytes: Math.round(positive('--max-body-size', opts.maxBodySize ?? '50', 'megabytes', '50') * 1024 * 1024),
    maxPagination: integer('--max-pagination', opts.maxPagination ?? '5000', 1, '5000'),
    maxQueryVariants: integer('--max-query-variants', opts.maxQueryVariants ?? String(DEFAULT_MAX_QUERY_VARIANTS), 1, String(DEFAULT_MAX_QUERY_VARIANTS)),
    retryBaseDelayMs: integer('--retry-delay', opts.retryDelay ?? '1000', 0, '1000'),
    maxRetryAfterMs: 120_000,
    warcPrefix: 'crawl',
    maxWarcBytes: 1_000_000_000,
  };
}
