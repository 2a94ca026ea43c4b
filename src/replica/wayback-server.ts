/**
 * A local Wayback-compatible archive of the replica (node:http, 127.0.0.1), answering as the Wayback Machine
 * documents and does:
 * - `GET /cdx/search/cdx?url=…&matchType=exact|prefix&output=json&fl=…&from=…&to=…&filter=[!]field:regex
 *   &collapse=field[:n]&limit=N&showResumeKey=true&resumeKey=…`: JSON rows, first row the field names (`length`
 *   the size of the gzipped WARC record, as the Wayback Machine gives it, not the body's); a page
 *   cut by `limit` ends with an empty row and a row holding the resume key; `collapse` drops only ADJACENT
 *   repeats and keeps the first; without output=json, space-separated lines.
 * - `GET /web/<timestamp>id_/<url>`: the raw capture, original headers as `X-Archive-Orig-*`, the capture's
 *   own Content-Type and Content-Encoding, `Memento-Datetime` and a `Link` header (RFC 7089); a captured
 *   3xx points `Location` into the archive. A timestamp the replay does not hold gets a 302 to the nearest
 *   capture (no Memento-Datetime: that is the archive talking, not the site).
 * - A rate limit: more than `limitPerSecond` requests in one second answers 429 with Retry-After, and a
 *   client that comes back before then finds the port refusing connections until the block ends.
 * Every request is logged with its time, for tests to check the client's pace.
 */
import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { surtKey } from '../scrapers/archive-cdxj.ts';
import type { Capture } from './wayback-history.ts';

export interface WaybackServerOptions {
  captures: Capture[];
  port?: number;
  /** Requests per rolling second before 429 (default: no limit). */
  limitPerSecond?: number;
  /** How long a 429 blocks the client (ms); coming back earlier closes the port for that long. */
  blockMs?: number;
  /**
   * Request numbers (1-based) answered 429 whatever the pace, with `Retry-After: 1`, after which the port
   * refuses connections for `blockMs` (the archive blocking at the connection level for longer than it said).
   */
  throttleAt?: number[];
  /** Called once an answer has been handed to the socket (tests time kills from it). */
  onServed?: (request: LoggedRequest) => void;
}

export interface LoggedRequest { ms: number; path: string; status: number }

export interface WaybackServer {
  origin: string;
  port: number;
  log: LoggedRequest[];
  /** How many times the port was closed (a block at the connection level). */
  refused(): number;
  close(): Promise<void>;
}

const FIELDS = ['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest', 'length'];
const isoOf = (ts: string) => `${ts.slice(0, 4)}-${ts.slice(4, 6)}-${ts.slice(6, 8)}T${ts.slice(8, 10)}:${ts.slice(10, 12)}:${ts.slice(12, 14)}Z`;
const httpDate = (ts: string) => new Date(isoOf(ts)).toUTCString();

/**
 * The CDX `length`: as in the Wayback Machine, the size of the capture's WARC record as stored (one gzip
 * member: WARC headers, the HTTP status line and headers, the payload; a revisit record holds no payload),
 * not the length of the body. Worked out once per capture, when a listing first asks for it.
 */
const recordLengths = new WeakMap<Capture, number>();
function recordLength(c: Capture): number {
  let n = recordLengths.get(c);
  if (n !== undefined) return n;
  const revisit = c.statuscode === '-';
  const http = Buffer.concat([
    Buffer.from(`HTTP/1.1 ${c.reply.status} ${STATUS_CODES[c.reply.status] ?? ''}\r\n${Object.entries(c.reply.headers).map(([k, v]) => `${k}: ${String(v)}\r\n`).join('')}\r\n`),
    revisit ? Buffer.alloc(0) : c.reply.body,
  ]);
  const head = `WARC/1.0\r\nWARC-Type: ${revisit ? 'revisit' : 'response'}\r\nWARC-Target-URI: ${c.original}\r\nWARC-Date: ${isoOf(c.timestamp)}\r\nWARC-Payload-Digest: sha1:${c.digest}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n`;
  n = gzipSync(Buffer.concat([Buffer.from(head), http, Buffer.from('\r\n\r\n')])).length;
  recordLengths.set(c, n);
  return n;
}

function field(c: Capture, name: string): string {
  switch (name) {
    case 'length': return String(recordLength(c));
    case 'urlkey': case 'timestamp': case 'original': case 'mimetype': case 'statuscode': case 'digest': return c[name];
    default: return '';
  }
}

function cdx(captures: Capture[], q: URLSearchParams): { status: number; type: string; body: string } {
  let url = q.get('url') ?? '';
  let matchType = q.get('matchType') ?? 'exact';
  if (url.endsWith('*')) { url = url.slice(0, -1); matchType = 'prefix'; }
  if (!url) return { status: 400, type: 'text/plain', body: 'url parameter required\n' };
  const key = surtKey(/^https?:\/\//.test(url) ? url : `http://${url}`);
  const fl = (q.get('fl') ?? FIELDS.join(',')).split(',');
  const from = (q.get('from') ?? '').padEnd(14, '0');
  const to = (q.get('to') ?? '').padEnd(14, '9');
  const filters = q.getAll('filter').map((f) => {
    const neg = f.startsWith('!');
    const [name, ...re] = (neg ? f.slice(1) : f).split(':');
    return { neg, name: name!, re: new RegExp(`^(?:${re.join(':')})$`) };
  });
  let rows = captures.filter((c) => (matchType === 'prefix' ? c.urlkey.startsWith(key) && !c.unlisted : c.urlkey === key)
    && c.timestamp >= from && c.timestamp <= to && filters.every((f) => f.re.test(field(c, f.name)) !== f.neg));
  const collapse = q.get('collapse');
  if (collapse) {
    const [name, n] = collapse.split(':');
    const part = (c: Capture) => (n ? field(c, name!).slice(0, Number(n)) : field(c, name!));
    rows = rows.filter((c, i) => i === 0 || part(rows[i - 1]!) !== part(c));
  }
  const resume = q.get('resumeKey');
  if (resume) {
    const after = decodeURIComponent(resume);
    rows = rows.filter((c) => `${c.urlkey} ${c.timestamp}` > after);
  }
  const limit = Number(q.get('limit') ?? 0);
  let nextKey: string | null = null;
  if (limit > 0 && rows.length > limit) {
    rows = rows.slice(0, limit);
    const last = rows[rows.length - 1]!;
    if (q.get('showResumeKey') === 'true') nextKey = encodeURIComponent(`${last.urlkey} ${last.timestamp}`);
  }
  const table = rows.map((c) => fl.map((f) => field(c, f)));
  if (q.get('output') === 'json') {
    const all: string[][] = table.length ? [fl, ...table] : [];
    if (nextKey) all.push([], [nextKey]);
    return { status: 200, type: 'application/json', body: JSON.stringify(all) };
  }
  return { status: 200, type: 'text/plain', body: table.map((r) => r.join(' ')).join('\n') + (table.length ? '\n' : '') + (nextKey ? `\n${nextKey}\n` : '') };
}

export async function startWaybackServer(o: WaybackServerOptions): Promise<WaybackServer> {
  const byKey = new Map<string, Capture[]>();
  for (const c of o.captures) if (c.statuscode !== '-') (byKey.get(c.urlkey) ?? byKey.set(c.urlkey, []).get(c.urlkey)!).push(c);
  const t0 = performance.now();
  const log: LoggedRequest[] = [];
  const recent: number[] = [];
  let blockedUntil = 0;
  let refusedCount = 0;
  let n = 0;
  let origin = '';
  const sockets = new Set<Socket>();

  const server: Server = createServer((req, res) => {
    res.sendDate = false;
    const now = performance.now();
    n++;
    const target = req.url ?? '/';
    const send = (status: number, headers: Record<string, string | number>, body: Buffer | string = '') => {
      const entry = { ms: Math.round(now - t0), path: target, status };
      log.push(entry);
      res.writeHead(status, headers);
      res.end(body, () => o.onServed?.(entry));
    };
    while (recent.length && recent[0]! < now - 1000) recent.shift();
    recent.push(now);
    if (o.throttleAt?.includes(n)) {
      send(429, { 'Content-Type': 'text/plain', 'Retry-After': 1 }, 'Too Many Requests\n');
      refuseFor(o.blockMs ?? 1000);
      return;
    }
    if (now < blockedUntil || (o.limitPerSecond !== undefined && recent.length > o.limitPerSecond)) {
      const block = o.blockMs ?? 1000;
      const wasBlocked = now < blockedUntil;
      blockedUntil = now + block;
      send(429, { 'Content-Type': 'text/plain', 'Retry-After': Math.ceil(block / 1000) }, 'Too Many Requests\n');
      // A client that ignores the 429 gets the port closed in its face, as the Wayback Machine does.
      if (wasBlocked) refuseFor(block);
      return;
    }
    const u = new URL(target, 'http://archive.local');
    if (u.pathname === '/cdx/search/cdx') {
      const r = cdx(o.captures, u.searchParams);
      send(r.status, { 'Content-Type': r.type }, r.body);
      return;
    }
    const m = /^\/web\/(\d{1,14})id_\/(.+)$/.exec(target);
    if (!m) { send(404, { 'Content-Type': 'text/plain' }, 'Not in this archive\n'); return; }
    const [, ts, original] = m as unknown as [string, string, string];
    const list = byKey.get(surtKey(/^https?:\/\//.test(original) ? original : `http://${original}`)) ?? [];
    if (list.length === 0) { send(404, { 'Content-Type': 'text/plain' }, 'Wayback Machine has not archived that URL.\n'); return; }
    const exact = list.find((c) => c.replayTimestamp === ts);
    if (!exact) {
      const want = Number(ts.padEnd(14, '0'));
      const nearest = [...list].sort((a, b) => Math.abs(Number(a.replayTimestamp) - want) - Math.abs(Number(b.replayTimestamp) - want))[0]!;
      send(302, { Location: `${origin}/web/${nearest.replayTimestamp}id_/${nearest.original}`, 'Content-Type': 'text/plain' });
      return;
    }
    const headers: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(exact.reply.headers)) headers[`X-Archive-Orig-${k}`] = v;
    for (const [k, v] of Object.entries(exact.reply.headers)) {
      const lk = k.toLowerCase();
      if (lk === 'content-type' || lk === 'content-encoding') headers[k] = v;
      if (lk === 'location') headers.Location = `${origin}/web/${exact.replayTimestamp}id_/${String(v)}`;
    }
    headers['Memento-Datetime'] = httpDate(exact.replayTimestamp);
    headers.Link = `<${exact.original}>; rel="original", <${origin}/web/timemap/link/${exact.original}>; rel="timemap"; type="application/link-format", <${origin}/web/${exact.replayTimestamp}/${exact.original}>; rel="memento"; datetime="${headers['Memento-Datetime']}"`;
    headers['Content-Length'] = exact.reply.body.length;
    send(exact.reply.status, headers, exact.reply.body);
  });
  server.on('connection', (s: Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });

  let port = 0;
  const listen = () => new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => { server.off('error', fail); ok(); });
  });
  let reopening: NodeJS.Timeout | null = null;
  const refuseFor = (ms: number) => {
    if (reopening) return;
    refusedCount++;
    server.close();
    // After the answer in flight has gone out: then every connection is cut and the port is closed.
    setImmediate(() => { for (const s of sockets) s.destroy(); });
    reopening = setTimeout(() => { reopening = null; void listen().catch(() => {}); }, ms);
  };
  port = o.port ?? 0;
  await listen();
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin, port, log,
    refused: () => refusedCount,
    close: () => new Promise<void>((ok) => {
      if (reopening) clearTimeout(reopening);
      for (const s of sockets) s.destroy();
      if (server.listening) server.close(() => ok()); else ok();
    }),
  };
}
