/**
 * The flags of `import wayback`, defined and validated once. Defaults are the polite ones the Internet
 * Archive asks for (one request at a time, about one capture a second, long pauses after a 429); tests and
 * a local archive turn them up with --rate and the hidden --cdx-interval / --backoff.
 */
import { Option, type Command } from 'commander';
import { UsageError } from '../../../errors.ts';
import { normalizeUrl } from '../../../url.ts';
import { integer, positive, regexes } from '../../crawl-options.ts';
import { DEFAULT_USER_AGENT } from '../../fetch.ts';

export interface WaybackOptions {
  prefixes: string[];
  outDir: string;
  archiveBase: string;
  /** 1–14 digit CDX timestamps, inclusive (a prefix of a timestamp means all of that period). */
  from: string | null;
  to: string | null;
  /** Captures fetched per second at most. */
  rate: number;
  /** Milliseconds between CDX requests at least. */
  cdxIntervalMs: number;
  /** First pause after a 429 or a refused connection (Retry-After wins when the archive sends one). */
  backoffMs: number;
  retries: number;
  /** How far the archive's redirect to a nearby timestamp may move a capture. */
  nearestWindowSeconds: number;
  maxPages: number | null;
  userAgent: string;
  resume: boolean;
  includes: RegExp[];
  excludes: RegExp[];
  json: boolean;
  progress: boolean;
  timeoutMs: number;
  /** Rows per CDX page (the `limit` sent with showResumeKey). */
  cdxPageSize: number;
  /** Also take images, style sheets and other files the pages use (as `crawl --assets`). */
  assets: boolean;
  signal?: AbortSignal;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function addWaybackOptions(cmd: Command): Command {
  return cmd
    .option('--out <dir>', '(required) the crawl folder to write (archive/*.warc.gz, index.cdxj, crawl-log.jsonl, crawl-summary.json)')
    .option('--archive-base <url>', 'a Wayback-compatible archive (CDX server at /cdx/search/cdx, captures at /web/)', 'https://web.archive.org')
    .option('--from <timestamp>', 'oldest capture to consider, YYYY[MM[DD[hh[mm[ss]]]]]')
    .option('--to <timestamp>', 'newest capture to consider (e.g. the day before the site closed)')
    .option('--at <timestamp>', 'the site as it stood at this moment: the newest capture at or before it (same as --to)')
    .option('--rate <captures-per-s>', 'captures fetched per second at most', '1')
    .option('--max-pages <n>', 'stop after archiving this many URLs')
    .option('--user-agent <s>', 'User-Agent header; put a contact in it, archives ask for one', DEFAULT_USER_AGENT)
    .option('--include <regex>', 'also take URLs matching this pattern (repeatable)', collect, [])
    .option('--exclude <regex>', 'never take URLs matching this pattern (repeatable)', collect, [])
    .option('--assets', 'also take the images, style sheets and files the pages use (raw captures, within scope), so `export markdown` can copy images', false)
    .option('--nearest-window <hours>', 'follow the archive\'s redirect to a nearby capture only within this many hours', '24')
    .option('--resume', 'continue the import in --out after Ctrl-C, a kill or a long block', false)
    .option('--retries <n>', 'retries after a 429, a 5xx or a refused connection, each after a longer pause', '6')
    .option('--timeout <seconds>', 'connect, header and body timeout', '60')
    .option('--json', 'print the summary as JSON on stdout', false)
    .option('--no-progress', 'no spinner or progress lines on stderr')
    .addOption(new Option('--cdx-interval <ms>', 'milliseconds between CDX requests').default('3000').hideHelp())
    .addOption(new Option('--backoff <ms>', 'first pause after a 429 or refused connection, in ms (doubles)').default('60000').hideHelp())
    .addOption(new Option('--cdx-page-size <n>', 'rows per CDX page').default('5000').hideHelp());
}

function timestamp(flag: string, v: unknown): string | null {
  if (v === undefined) return null;
  const s = String(v).trim();
  if (!/^\d{4,14}$/.test(s)) throw new UsageError(`${flag} ${JSON.stringify(String(v))}: expected a timestamp YYYY[MM[DD[hh[mm[ss]]]]], e.g. ${flag} 20180115`);
  return s;
}


export function resolveWaybackOptions(prefixArgs: string[], opts: Record<string, unknown>, outDir: string): WaybackOptions {
  if (prefixArgs.length === 0) throw new UsageError('no URL prefix: give the site as it was, e.g. naring-archive import wayback http://www.naringsbloggen.se/ --out crawl');
  const prefixes = prefixArgs.map((p) => {
    const u = normalizeUrl(p);
    if (!u) throw new UsageError(`URL prefix ${JSON.stringify(p)}: expected an absolute http(s) URL, e.g. http://www.naringsbloggen.se/`);
    return u;
  });
  const base = String(opts.archiveBase ?? 'https://web.archive.org').replace(/\/+$/, '');
  if (!normalizeUrl(base)) throw new UsageError(`--archive-base ${JSON.stringify(base)}: expected the archive's http(s) address, e.g. --archive-base https://web.archive.org`);
  const at = timestamp('--at', opts.at);
  if (at !== null && opts.to !== undefined) throw new UsageError('--at and --to say the same thing (the newest capture to take); give one of them');
  const from = timestamp('--from', opts.from);
  const to = at ?? timestamp('--to', opts.to);
  if (from && to && from.padEnd(14, '0') > to.padEnd(14, '9')) throw new UsageError(`--from ${from} is after --to ${to}; swap them`);
  const ua = String(opts.userAgent ?? DEFAULT_USER_AGENT);
  if (!ua.trim() || /[\r\n]/.test(ua)) throw new UsageError('--user-agent: expected a non-empty single line, e.g. --user-agent "naring-archive (archivist@example.se)"');
  return {
    prefixes,
    outDir,
    archiveBase: base,
    from,
    to,
    rate: positive('--rate', opts.rate ?? '1', 'captures per second', '1'),
    cdxIntervalMs: integer('--cdx-interval', opts.cdxInterval ?? '3000', 0, '3000'),
    backoffMs: integer('--backoff', opts.backoff ?? '60000', 0, '60000'),
    retries: integer('--retries', opts.retries ?? '6', 0, '6'),
    nearestWindowSeconds: Math.round(positive('--nearest-window', opts.nearestWindow ?? '24', 'hours', '24') * 3600),
    maxPages: opts.maxPages === undefined ? null : integer('--max-pages', opts.maxPages, 1, '1000'),
    userAgent: ua,
    resume: Boolean(opts.resume),
    includes: regexes('--include', opts.include),
    excludes: regexes('--exclude', opts.exclude),
    json: Boolean(opts.json),
    progress: opts.progress !== false,
    timeoutMs: Math.round(positive('--timeout', opts.timeout ?? '60', 'seconds', '60') * 1000),
    cdxPageSize: integer('--cdx-page-size', opts.cdxPageSize ?? '5000', 1, '5000'),
    assets: Boolean(opts.assets),
  };
}
