/**
 * A static server for a saved mirror, as `python3 -m http.server` or nginx would serve it: the request
 * path is percent-decoded and looked up on disk (the raw spelling is tried too, for folders a mirror
 * stored with literal `%c3%b8` in their names), the query is ignored, a folder answers its `index.html`
 * else its `index.xml`, and `.xml` is labelled RSS. Any Host header is accepted, so a crawl can run under
 * the site's real name through `--connect-to`.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=UTF-8', '.htm': 'text/html; charset=UTF-8', '.xml': 'application/rss+xml; charset=UTF-8',
  '.css': 'text/css', '.txt': 'text/plain; charset=UTF-8', '.json': 'application/json',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.svg': 'image/svg+xml',
};

export interface StaticServer {
  origin: string;
  port: number;
  /** Request paths in arrival order (for tests that count what was asked). */
  requests: string[];
  close(): Promise<void>;
}

async function fileFor(root: string, path: string): Promise<string | null> {
  const rel = normalize(path).replace(/^([/\\])+/, '');
  const full = join(root, rel);
  if (full !== root && !full.startsWith(root + sep)) return null;
  const st = await stat(full).catch(() => null);
  if (!st) return null;
  if (st.isFile()) return full;
  if (!st.isDirectory()) return null;
  for (const index of ['index.html', 'index.xml']) {
    const s = await stat(join(full, index)).catch(() => null);
    if (s?.isFile()) return join(full, index);
  }
  return null;
}

export async function startStaticServer(root: string): Promise<StaticServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const target = req.url ?? '/';
      requests.push(target);
      const raw = target.replace(/[?#].*$/s, '');
      let decoded = raw;
      try {
        decoded = decodeURIComponent(raw);
      } catch { /* a bad escape is looked up as written */ }
      const file = (await fileFor(root, decoded)) ?? (await fileFor(root, raw));
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/html; charset=UTF-8' });
        res.end('<html><body><h1>404 Not Found</h1></body></html>');
        return;
      }
      const ext = file.slice(file.lastIndexOf('.')).toLowerCase();
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[ext] ?? 'application/octet-stream', 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
