/**
 * verify-redirects, the network part: request every row's old URL from a running server, with the old host in
 * the Host header, without following redirects, and check status, Location (exactly the expected target) and
 * one hop. undici's `request` is used because fetch() drops a custom Host header, and paths are sent exactly
 * as the row spells them (percent-encoded, upper or lower case), never as raw UTF-8.
 */
import { Agent } from 'undici';
import type { RedirectRow } from '../types.ts';

export interface VerifyOptions {
  /** Origin of the server under test (`http://127.0.0.1:8080`); every row is sent there. */
  base: string;
  /** Host header for every row instead of the row's own host. */
  host?: string;
  concurrency?: number;
  /** Also request each distinct target and require a 200 (no second hop). */
  checkTargets?: boolean;
  /**
   * Send the target requests here instead of to each target's own origin (with the target's host as Host
   * header): to check a staging copy of the new site before its name points at it.
   */
  targetBase?: string;
  timeoutMs?: number;
  onProgress?: (done: number, total: number, wrong: number) => void;
}

export interface RowCheck {
  row: RedirectRow;
  status: number | null;
  location: string | null;
  /** What is wrong with this row; empty when it is right. */
  errors: string[];
}

export interface VerifyResult {
  checked: number;
  correct: number;
  /** Wrong rows, sorted by `from`. */
  wrong: RowCheck[];
  /** Rows that could not be requested at all (connection refused, timeout). */
  unreachable: number;
  /** Every row's check, in input order (right ones have no errors). */
  all: RowCheck[];
}

/** The path + query of an absolute URL exactly as written (WHATWG parsing would re-spell escapes). */
export function requestTarget(url: string): string {
  const rest = url.replace(/^[a-z]+:\/\/[^/?#]*/i, '').replace(/#.*$/, '');
  return rest.startsWith('/') ? rest : `/${rest}`;
}

function hostOf(url: string): string {
  return /^[a-z]+:\/\/([^/?#]*)/i.exec(url)?.[1] ?? '';
}

async function fetchOnce(dispatcher: Agent, origin: string, path: string, host: string, timeoutMs: number): Promise<{ status: number; location: string | null }> {
  // Dispatcher.request takes the path verbatim (request(url) would parse and could re-spell it).
  const res = await dispatcher.request({
    origin,
    path,
    method: 'GET',
    headers: { host, 'user-agent': 'naring-archive verify-redirects' },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  await res.body.dump();
  const loc = res.headers.location;
  return { status: res.statusCode, location: Array.isArray(loc) ? loc[0] ?? null : loc ?? null };
}

/** Runs `fn` over `items` with at most `n` at a time, keeping results in input order. */
async function pool<T, R>(items: readonly T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
  return out;
}

/** Checks every row against the server at `options.base`. Network failures become wrong rows, not exceptions. */
export async function verifyRedirects(rows: readonly RedirectRow[], options: VerifyOptions): Promise<VerifyResult> {
  const concurrency = options.concurrency ?? 8;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const base = new URL(options.base);
  const dispatcher = new Agent({ connections: concurrency, pipelining: 1 });
  const sources = new Set(rows.map((r) => r.from));
  let done = 0;
  let wrongSoFar = 0;
  let unreachable = 0;
  try {
    const checks = await pool(rows, concurrency, async (row): Promise<RowCheck> => {
      const check: RowCheck = { row, status: null, location: null, errors: [] };
      try {
        const r = await fetchOnce(dispatcher, base.origin, requestTarget(row.from), options.host ?? hostOf(row.from), timeoutMs);
        check.status = r.status;
        check.location = r.location;
        if (r.status !== row.status) check.errors.push(`status ${r.status}, expected ${row.status}`);
        if (r.location === null) check.errors.push('no Location header');
        else if (row.to === '') {
          // A URL listed without its target (`--urls`): any one hop off its own old host is right.
          if (!/^https?:\/\//i.test(r.location) || hostOf(r.location).toLowerCase() === hostOf(row.from).toLowerCase()) check.errors.push(`Location ${r.location} is not a URL off the old host`);
        } else if (r.location !== row.to) check.errors.push(`Location ${r.location}, expected ${row.to}`);
        if (r.location !== null && sources.has(r.location)) check.errors.push('Location is itself an old URL (a chain)');
      } catch (err) {
        unreachable++;
        check.errors.push(`request failed: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      done++;
      if (check.errors.length > 0) wrongSoFar++;
      options.onProgress?.(done, rows.length, wrongSoFar);
      return check;
    });
    if (options.checkTargets) await checkTargets(checks, dispatcher, concurrency, timeoutMs, options.targetBase ? new URL(options.targetBase).origin : null);
    const wrong = checks.filter((c) => c.errors.length > 0).sort((a, b) => (a.row.from < b.row.from ? -1 : a.row.from > b.row.from ? 1 : 0));
    return { checked: rows.length, correct: rows.length - wrong.length, wrong, unreachable, all: checks };
  } finally {
    await dispatcher.close();
  }
}

/** Each distinct target once: it must answer 200 itself (a 3xx there would make a second hop). */
async function checkTargets(checks: RowCheck[], dispatcher: Agent, concurrency: number, timeoutMs: number, targetBase: string | null): Promise<void> {
  const targets = [...new Set(checks.filter((c) => c.errors.length === 0).map((c) => c.row.to || c.location!))].sort();
  const answers = new Map<string, string | null>();
  await pool(targets, concurrency, async (to) => {
    try {
      const u = new URL(to);
      const r = await fetchOnce(dispatcher, targetBase ?? u.origin, requestTarget(to), u.host, timeoutMs);
      answers.set(to, r.status === 200 ? null : `target answered ${r.status}${r.location ? ` → ${r.location} (a second hop)` : ''}, expected 200`);
    } catch (err) {
      answers.set(to, `target request failed: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  });
  for (const c of checks) {
    const a = answers.get(c.row.to || (c.location ?? ''));
    if (a) c.errors.push(a);
  }
}
