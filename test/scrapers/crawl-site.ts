/** A tiny programmable HTTP site on 127.0.0.1:0 for the crawl tests; records every request it gets. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SiteRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  at: number;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, count: number) => void;

export interface Site {
  origin: string;
  port: number;
  requests: SiteRequest[];
  /** TCP connections accepted (keep-alive reuse shows as far fewer connections than requests). */
  connections(): number;
  close(): Promise<void>;
}

/** `routes` maps a request path (with query) to HTML text or a handler; anything else is a 404 page. */
export async function startSite(routes: Record<string, string | Handler>): Promise<Site> {
  const requests: SiteRequest[] = [];
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers, at: performance.now() });
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    // '*' answers every path no other route names (soft 404s, generated links in the fault suite).
    const route = routes[path] ?? routes['*'];
    if (typeof route === 'function') return route(req, res, n);
    if (typeof route === 'string') {
      const type = path.endsWith('.txt') ? 'text/plain' : path.includes('feed') ? 'application/rss+xml; charset=UTF-8' : path.endsWith('.xml') ? 'application/xml' : 'text/html; charset=UTF-8';
      res.writeHead(200, { 'content-type': type });
      return res.end(route);
    }
    res.writeHead(404, { 'content-type': 'text/html; charset=UTF-8' });
    res.end('<h1>Not found</h1>');
  });
  server.keepAliveTimeout = 5000;
  let connections = 0;
  server.on('connection', () => { connections++; });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => connections,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** Crawl options for tests: the site under a real-looking name via connect-to, fast rate, quick retries. */
export function testOptions(site: Site, outDir: string, extra: Record<string, unknown> = {}) {
  return {
    startUrls: ['http://blog.test/'],
    outDir,
    scopes: [] as string[],
    includes: [] as RegExp[],
    excludes: [] as RegExp[],
    concurrency: 2,
    rate: 500,
    maxPages: null,
    maxDepth: null,
    userAgent: 'naring-archive-test',
    ignoreRobots: false,
    resume: false,
    assets: false,
    connectTo: [{ host: 'blog.test', port: 80, addr: '127.0.0.1', addrPort: site.port }],
    since: null,
    retries: 2,
    timeoutMs: 5000,
    maxBodyBytes: 10 * 1024 * 1024,
    maxPagination: 5000,
    retryBaseDelayMs: 20,
    maxRetryAfterMs: 5000,
    warcPrefix: 'crawl',
    maxWarcBytes: 1_000_000_000,
    ...extra,
  };
}
