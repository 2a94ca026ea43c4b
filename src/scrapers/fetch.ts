/**
 * The only user of undici: one keep-alive Agent, timeouts, a body size cap, Content-Encoding removal and
 * retries. Redirects are never followed here: a 3xx is a response like any other, archived by the caller.
 *
 * undici's `request` (not global fetch) because `--connect-to` must connect to another address while the
 * request keeps the real `Host` header; a custom connector rewrites only where the socket goes.
 */
import { Agent, buildConnector } from 'undici';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.ts';

/** `--connect-to HOST:PORT:ADDR:PORT`, as curl has it: requests for HOST:PORT connect to ADDR:PORT. */
export interface ConnectTo {
  host: string;
  port: number;
  addr: string;
  addrPort: number;
}

export interface FetcherOptions {
  userAgent?: string;
  connectTo?: readonly ConnectTo[];
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Bodies larger than this (as received on the wire) are aborted and reported as failures. */
  maxBodyBytes?: number;
  /** Sockets per origin; the crawler's own limiter decides how many are busy. */
  connections?: number;
  /**
   * Wall-clock limit of one exchange, headers and whole body: the idle timeouts above never fire on a
   * server that drips a byte every few seconds or sends a body that never ends.
   */
  maxTimeMs?: number;
  /** Aborts every exchange in flight (a crawl stopping on Ctrl-C must not wait for a server that never ends). */
  stopSignal?: AbortSignal;
}

export const DEFAULT_MAX_TIME_MS = 120_000;

export const DEFAULT_USER_AGENT = `${PACKAGE_NAME}/${PACKAGE_VERSION} (+https://www.npmjs.com/package/${PACKAGE_NAME}; archiving crawler)`;

/** One HTTP exchange as it happened. Header names are lower-case, in the order undici reported them. */
export interface FetchedResponse {
  url: string;
  status: number;
  statusText: string;
  /** The request as sent: the request line's target and the headers. */
  requestPath: string;
  requestHeaders: [string, string][];
  headers: [string, string][];
  /** The payload exactly as received (still Content-Encoded); this is what the WARC stores. */
  rawBody: Buffer;
  /** The payload with Content-Encoding removed; what link discovery reads. */
  body: Buffer;
  /** Why the Content-Encoding could not be removed (then `body` is empty; `rawBody` is archived as is). */
  undecodable?: string;
  ms: number;
}

export type FetchAttempt =
  | { ok: true; response: FetchedResponse }
  | { ok: false; error: string; retryable: boolean; ms: number };

export function headerValue(headers: readonly [string, string][], name: string): string | undefined {
  const n = name.toLowerCase();
  for (const [k, v] of headers) if (k === n) return v;
  return undefined;
}

/** Removes Content-Encoding (gzip, deflate, br; several in a row are undone in reverse order). */
export function decodeContentEncoding(raw: Buffer, contentEncoding: string | undefined, maxBytes = 512 * 1024 * 1024): Buffer {
  if (!contentEncoding) return raw;
  const codings = contentEncoding.split(',').map((c) => c.trim().toLowerCase()).filter((c) => c && c !== 'identity');
  let out = raw;
  const opts = { maxOutputLength: maxBytes };
  for (const coding of codings.reverse()) {
    if (coding === 'gzip' || coding === 'x-gzip') out = gunzipSync(out, opts);
    else if (coding === 'br') out = brotliDecompressSync(out, opts);
    else if (coding === 'deflate') {
      // RFC 9110 says zlib-wrapped, but some servers send raw deflate.
      try { out = inflateSync(out, opts); } catch { out = inflateRawSync(out, opts); }
    } else throw new Error(`unknown Content-Encoding ${coding}`);
  }
  return out;
}

function describeError(err: unknown): { error: string; retryable: boolean } {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.code ?? e?.cause?.code;
  const msg = e?.message ?? String(err);
  if (code === 'BODY_TOO_LARGE') return { error: msg, retryable: false };
  if (code === 'MAX_TIME') return { error: msg, retryable: true };
  const text = code && !msg.includes(code) ? `${code}: ${msg}` : msg;
  return { error: text, retryable: true };
}

export interface Fetcher {
  /** One GET, no retries. `extraHeaders` go after the standard ones (conditional headers for snapshots). */
  fetchOnce(url: string, extraHeaders?: Record<string, string>): Promise<FetchAttempt>;
  close(): Promise<void>;
}

export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const maxBody = options.maxBodyBytes ?? 50 * 1024 * 1024;
  const routes = new Map<string, ConnectTo>();
  for (const c of options.connectTo ?? []) routes.set(`${c.host.toLowerCase()}:${c.port}`, c);
  const baseConnect = buildConnector({ timeout: options.connectTimeoutMs ?? 10_000 });
  const agent = new Agent({
    connections: options.connections ?? 8,
    headersTimeout: options.headersTimeoutMs ?? 30_000,
    bodyTimeout: options.bodyTimeoutMs ?? 30_000,
    keepAliveTimeout: 10_000,
    connect(opts, cb) {
      const port = Number(opts.port) || (opts.protocol === 'https:' ? 443 : 80);
      const route = routes.get(`${opts.hostname.toLowerCase()}:${port}`);
      if (!route) { baseConnect(opts, cb); return; }
      // Keep the real name for TLS SNI and certificate checks; only the socket's destination changes.
      baseConnect({ ...opts, hostname: route.addr, port: String(route.addrPort), servername: opts.servername ?? opts.hostname }, cb);
    },
  });

  return {
    async fetchOnce(url, extraHeaders = {}) {
      const started = performance.now();
      const maxTime = options.maxTimeMs ?? DEFAULT_MAX_TIME_MS;
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(Object.assign(new Error(`no complete answer within the --max-time limit of ${Math.round(maxTime / 1000)} s`), { code: 'MAX_TIME' })), maxTime);
      const onStop = () => deadline.abort(Object.assign(new Error('stopped (interrupted)'), { code: 'STOPPED' }));
      if (options.stopSignal?.aborted) onStop();
      options.stopSignal?.addEventListener('abort', onStop);
      const u = new URL(url);
      const requestPath = `${u.pathname}${u.search}`;
      const requestHeaders: [string, string][] = [
        ['host', u.host],
        ['user-agent', userAgent],
        ['accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'],
        ['accept-encoding', 'gzip, deflate, br'],
        ...Object.entries(extraHeaders).map(([k, v]) => [k.toLowerCase(), v] as [string, string]),
      ];
      try {
        const res = await agent.request({
          origin: u.origin,
          path: requestPath,
          method: 'GET',
          headers: Object.fromEntries(requestHeaders.filter(([k]) => k !== 'host')),
          signal: deadline.signal,
        });
        const headers: [string, string][] = [];
        for (const [k, v] of Object.entries(res.headers)) {
          if (v === undefined) continue;
          for (const one of Array.isArray(v) ? v : [v]) headers.push([k.toLowerCase(), one]);
        }
        const declared = Number(headerValue(headers, 'content-length'));
        const tooLarge = (n: number) => Object.assign(new Error(`body larger than the --max-body-size cap of ${maxBody} bytes (${n} bytes)`), { code: 'BODY_TOO_LARGE' });
        if (Number.isFinite(declared) && declared > maxBody) {
          res.body.destroy();
          throw tooLarge(declared);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of res.body) {
          size += (chunk as Buffer).length;
          if (size > maxBody) {
            res.body.destroy();
            throw tooLarge(size);
          }
          chunks.push(chunk as Buffer);
        }
        const rawBody: Buffer = Buffer.concat(chunks, size);
        let body: Buffer = rawBody;
        let undecodable: string | undefined;
        // Decoded size capped at 4× the body cap: a gzip bomb (10 GB of zeros in 10 MB) must not take the
        // memory with it. 20× cost 1.2 GB of RSS on one such page.
        const maxDecoded = Math.max(maxBody * 4, 64 * 1024 * 1024);
        try {
          body = decodeContentEncoding(rawBody, headerValue(headers, 'content-encoding'), maxDecoded);
        } catch (err) {
          // A body that does not decode is still archived as received; discovery sees nothing in it, and
          // the crawler says so.
          body = Buffer.alloc(0);
          const code = (err as { code?: string }).code;
          undecodable = code === 'ERR_BUFFER_TOO_LARGE' ? `decodes to more than ${maxDecoded} bytes (a compression bomb?)` : `does not decode (${(err as Error).message})`;
        }
        return {
          ok: true,
          response: { url, status: res.statusCode, statusText: res.statusText ?? '', requestPath, requestHeaders, headers, rawBody, body, ms: Math.round(performance.now() - started), ...(undecodable ? { undecodable } : {}) },
        };
      } catch (err) {
        // undici rejects with its own AbortError; the reason we gave says which limit it was.
        const reason = deadline.signal.aborted ? deadline.signal.reason : err;
        return { ok: false, ...describeError(reason), ms: Math.round(performance.now() - started) };
      } finally {
        clearTimeout(timer);
        options.stopSignal?.removeEventListener('abort', onStop);
      }
    },
    async close() {
      await agent.close().catch(() => agent.destroy());
    },
  };
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.max(0, t - now);
}

export interface RetryPolicy {
  /** Extra attempts after the first. */
  retries: number;
  /** First backoff; doubled on each attempt, with ±50 % jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After honoured; a longer one is cut to this. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

/** Whether an attempt should be tried again: network errors, 429 and 5xx. */
export function isRetryable(attempt: FetchAttempt): boolean {
  if (!attempt.ok) return attempt.retryable;
  const s = attempt.response.status;
  return s === 429 || (s >= 500 && s <= 599);
}

/** How long to wait before attempt number `next` (2, 3, …): Retry-After when the server sent one, else backoff. */
export function retryDelayMs(attempt: FetchAttempt, next: number, policy: RetryPolicy, random: () => number = Math.random): number {
  if (attempt.ok) {
    const ra = parseRetryAfter(headerValue(attempt.response.headers, 'retry-after'));
    if (ra !== null) return Math.min(ra, policy.maxRetryAfterMs);
  }
  const exp = Math.min(policy.baseDelayMs * 2 ** (next - 2), policy.maxDelayMs);
  return Math.round(exp * (0.5 + random()));
}

/**
 * GETs `url`, retrying per `policy`. `beforeAttempt` is awaited before each attempt (the crawler's rate
 * limiter) and returns a release function; `onAttempt` sees every attempt, for the crawl log.
 */
export async function fetchWithRetry(
  fetcher: Fetcher,
  url: string,
  policy: RetryPolicy,
  hooks: {
    extraHeaders?: Record<string, string>;
    beforeAttempt?: () => Promise<() => void>;
    onAttempt?: (attempt: FetchAttempt, n: number) => void;
    shouldStop?: () => boolean;
  } = {},
): Promise<{ attempt: FetchAttempt; attempts: number }> {
  for (let n = 1; ; n++) {
    const release = hooks.beforeAttempt ? await hooks.beforeAttempt() : () => {};
    let attempt: FetchAttempt;
    try {
      attempt = await fetcher.fetchOnce(url, hooks.extraHeaders);
    } finally {
      release();
    }
    hooks.onAttempt?.(attempt, n);
    if (n > policy.retries || !isRetryable(attempt) || hooks.shouldStop?.()) return { attempt, attempts: n };
    await new Promise((r) => setTimeout(r, retryDelayMs(attempt, n + 1, policy)));
  }
}
