/**
 * Faults a web server can throw at a crawler, on 127.0.0.1:0: bodies that drip or never end, stalls after
 * the headers, a robots.txt that errs or stalls, endless generated links, soft 404s, deep nesting.
 * Each fault is a route handler; `startSite` (test/scrapers/crawl-site.ts) serves them.
 */
import type { Handler } from '../scrapers/crawl-site.ts';

/** Headers, then one byte every `everyMs` forever (until the client goes away). */
export function drip(everyMs = 100, type = 'text/html'): Handler {
  return (req, res) => {
    res.writeHead(200, { 'content-type': type });
    res.write('<html><body>');
    const t = setInterval(() => res.write('x'), everyMs);
    const stop = () => clearInterval(t);
    req.socket.on('close', stop);
    res.on('close', stop);
  };
}

/** A body that never ends and never pauses: 64 KB chunks as fast as the client reads. */
export function endless(): Handler {
  return (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let open = true;
    res.on('close', () => { open = false; });
    const pump = () => { while (open && res.write(chunk)) { /* until the socket buffer fills */ } if (open) res.once('drain', pump); };
    pump();
    void req;
  };
}

/** Headers, then silence (the socket stays open). */
export function stallAfterHeaders(): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.flushHeaders();
  };
}

export function status(code: number, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(code, { 'content-type': 'text/plain', ...headers });
    res.end(`status ${code}`);
  };
}

/** Every page links `fanout` pages that did not exist before: an endless site. */
export function generatedLinks(fanout = 10): Handler {
  let next = 0;
  return (_req, res) => {
    const links = Array.from({ length: fanout }, () => `<a href="/gen/${next++}/">more</a>`).join('');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<html><body>${links}</body></html>`);
  };
}

/** Deeply nested HTML: `depth` levels of `open`, closed or not. */
export function nested(depth: number, open = '<div>', close = '</div>'): string {
  return `${open.repeat(depth)}<p>deep text</p>${close.repeat(depth)}`;
}

/**
 * Headers with the full Content-Length, then `sent` bytes of `body`, then the connection closed (a reset
 * before the body when `sent` is 0, during it otherwise: a short body).
 */
export function cutBody(body: Buffer, sent: number, reset = false): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(body.length) });
    res.flushHeaders();
    if (sent > 0) res.write(body.subarray(0, sent));
    // A reset (RST) or an orderly close (FIN): clients see "other side closed" or ECONNRESET.
    setTimeout(() => (reset ? res.socket?.resetAndDestroy() : res.socket?.end()), 20);
  };
}

/** The first `failures` answers from `fault`, then `ok`: what a retry must get past. */
export function failFirst(failures: number, fault: Handler, ok: Handler): Handler {
  return (req, res, n) => (n <= failures ? fault(req, res, n) : ok(req, res, n));
}

/**
 * Runs `fn` while sampling this process's RSS every 5 ms; returns its result and the peak growth in MB over
 * the RSS at the start (the memory bound every server fault must keep).
 */
export async function peakRss<T>(fn: () => Promise<T>): Promise<{ result: T; grewMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const watch = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, grewMb: Math.round((peak - before) / 1024 / 1024) };
  } finally {
    clearInterval(watch);
  }
}
