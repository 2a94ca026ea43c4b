/**
 * The replica server (node:http, no framework): serves a site folder the way WordPress and its Apache
 * did. Folder URLs get index.html (or index.xml, as RSS); `/om` answers 301 to `/om/`; `_server.json`
 * redirects (`/?p=ID` shortlinks) answer 301 with an absolute Location on the site's own name; unknown
 * queries (`?replytocom=N`) serve the page itself; missing pages get a real 404 with the theme's 404 page.
 * ETag and Last-Modified come from the content and the site's close date (never the file's mtime), so
 * two runs are byte-identical; 304 for If-None-Match / If-Modified-Since; gzip on request; HEAD.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { extname, join, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../errors.ts';
import { decodeSafe, normalizePercentEncoding } from '../url.ts';
import { DEFAULT_SITE_DIR } from './data.ts';

export interface ReplicaServerOptions {
  /** A site folder (default: the repository's fixtures/site). */
  root?: string;
  host?: string;
  port?: number;
}

export interface ReplicaServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** `_server.json` of a site folder; every field optional. */
export interface SiteServerConfig {
  siteUrl?: string;
  /** Charset parameter of text/html responses; null sends `text/html` with no charset. Default utf-8. */
  htmlCharset?: string | null;
  /** path+query as sent → path (or absolute URL) to answer with a 301. */
  redirects?: Record<string, string>;
  /** path → a file under the root served with 200 at that path (another category path of a post). */
  rewrites?: Record<string, string>;
  /** File under the root sent with every 404. */
  notFound?: string;
  /** HTTP date sent as Last-Modified for every file. */
  lastModified?: string;
}

const DEFAULT_LAST_MODIFIED = 'Mon, 15 Jan 2018 08:00:00 GMT';

const TYPES: Record<string, string> = {
  '.xml': 'application/xml', '.rss': 'application/rss+xml; charset=UTF-8', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.png': 'image/png', '.gif': 'image/gif', '.css': 'text/css', '.txt': 'text/plain; charset=utf-8', '.pdf': 'application/pdf',
  '.json': 'application/json', '.js': 'application/javascript',
};

const COMPRESSIBLE = /^(text\/|application\/(rss\+)?xml|application\/json|application\/javascript)/;

/** A table key: the path percent-decoded (any escape case, or raw UTF-8, gives one key) plus the query. */
export function lookupKey(pathAndQuery: string): string {
  const q = pathAndQuery.indexOf('?');
  const path = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
  const query = q < 0 ? '' : pathAndQuery.slice(q + 1);
  return decodeSafe(path) + (query ? `?${normalizePercentEncoding(query)}` : '');
}

function loadConfig(root: string): SiteServerConfig {
  let text: string;
  try {
    text = readFileSync(join(root, '_server.json'), 'utf8');
  } catch {
    return {};
  }
  try {
    return JSON.parse(text) as SiteServerConfig;
  } catch (err) {
    throw new UsageError(`${join(root, '_server.json')}: not valid JSON (${(err as Error).message}); fix it or regenerate the site with npm run fixtures`);
  }
}

function keyed(table: Record<string, string> | undefined): Map<string, string> {
  return new Map(Object.entries(table ?? {}).map(([k, v]) => [lookupKey(k), v]));
}

interface Found {
  file: string;
  type: string;
}

export async function startReplica(options: ReplicaServerOptions = {}): Promise<ReplicaServer> {
  const root = resolve(options.root ?? DEFAULT_SITE_DIR);
  const st = await stat(root).catch(() => null);
  if (!st?.isDirectory()) throw new UsageError(`${root}: no such site folder; give a folder written by npm run fixtures (or generateSite)`);
  const config = loadConfig(root);
  const redirects = keyed(config.redirects);
  const rewrites = keyed(config.rewrites);
  const lastModified = config.lastModified ?? DEFAULT_LAST_MODIFIED;
  const lastModifiedMs = Date.parse(lastModified);
  const htmlType = config.htmlCharset === null ? 'text/html' : `text/html; charset=${config.htmlCharset ?? 'utf-8'}`;

  const typeOf = (file: string): string => {
    if (file.endsWith(`${sep}index.xml`) || file === 'index.xml') return 'application/rss+xml; charset=UTF-8';
    const ext = extname(file).toLowerCase();
    return ext === '.html' || ext === '.htm' ? htmlType : TYPES[ext] ?? 'application/octet-stream';
  };

  const isFile = async (p: string): Promise<boolean> => (await stat(p).catch(() => null))?.isFile() ?? false;

  /** The file for a decoded path, or a folder that lacks its slash ("redirect"), or nothing. */
  const locate = async (path: string): Promise<Found | 'redirect' | null> => {
    const rewrite = rewrites.get(path);
    if (rewrite !== undefined) return { file: join(root, rewrite), type: typeOf(rewrite) };
    const abs = join(root, path);
    if (path.endsWith('/')) {
      for (const index of ['index.html', 'index.xml']) {
        if (await isFile(join(abs, index))) return { file: join(abs, index), type: typeOf(join(abs, index)) };
      }
      return null;
    }
    if (await isFile(abs)) return { file: abs, type: typeOf(abs) };
    if (rewrites.has(`${path}/`) || (await isFile(join(abs, 'index.html'))) || (await isFile(join(abs, 'index.xml')))) return 'redirect';
    return null;
  };

  const send = async (req: IncomingMessage, res: ServerResponse, status: number, body: Buffer, type: string): Promise<void> => {
    const etagBase = createHash('sha1').update(body).digest('base64url').slice(0, 20);
    const gzip = COMPRESSIBLE.test(type) && /\bgzip\b(?!;q=0(\.0*)?\b)/.test(String(req.headers['accept-encoding'] ?? ''));
    const etag = `"${etagBase}${gzip ? '-gzip' : ''}"`;
    res.setHeader('Content-Type', type);
    if (status === 200) {
      res.setHeader('ETag', etag);
      res.setHeader('Last-Modified', lastModified);
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      const matches = inm !== undefined && inm.split(',').some((t) => {
        const tag = t.trim().replace(/^W\//, '');
        return tag === '*' || tag === `"${etagBase}"` || tag === `"${etagBase}-gzip"`;
      });
      if (matches || (inm === undefined && ims !== undefined && Date.parse(ims) >= lastModifiedMs)) {
        res.statusCode = 304;
        res.removeHeader('Content-Type');
        res.end();
        return;
      }
    }
    if (COMPRESSIBLE.test(type)) res.setHeader('Vary', 'Accept-Encoding');
    const payload = gzip ? gzipSync(body) : body;
    if (gzip) res.setHeader('Content-Encoding', 'gzip');
    res.statusCode = status;
    res.setHeader('Content-Length', payload.length);
    res.end(req.method === 'HEAD' ? undefined : payload);
  };

  const notFound = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const page = config.notFound ? await readFile(join(root, config.notFound)).catch(() => null) : null;
    await send(req, res, 404, page ?? Buffer.from('Not Found\n'), page ? htmlType : 'text/plain; charset=utf-8');
  };

  const plain = (res: ServerResponse, status: number, text: string): void => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return plain(res, 405, 'Method Not Allowed\n');
    }
    // Node hands the request target over as Latin-1; raw UTF-8 bytes (an unescaped å or –) are recovered here.
    let target = Buffer.from(req.url ?? '/', 'latin1').toString('utf8');
    if (/^https?:\/\//i.test(target)) target = target.replace(/^https?:\/\/[^/]*/i, '') || '/';
    const q = target.indexOf('?');
    const rawPath = q < 0 ? target : target.slice(0, q);
    const query = q < 0 ? '' : target.slice(q);
    const path = decodeSafe(rawPath);
    if (!path.startsWith('/') || path.includes('\0') || path.includes('\\') || path.split('/').some((s) => s === '..' || s === '.')) {
      return plain(res, 400, 'Bad Request: path outside the site\n');
    }
    const base = config.siteUrl ?? `http://${req.headers.host ?? 'localhost'}`;
    const redirect = redirects.get(lookupKey(target));
    if (redirect !== undefined) {
      res.writeHead(301, { Location: /^https?:/.test(redirect) ? redirect : base + redirect, 'Content-Length': 0 });
      return void res.end();
    }
    const found = await locate(path);
    if (found === 'redirect') {
      res.writeHead(301, { Location: `${base}${normalizePercentEncoding(rawPath)}/${query}`, 'Content-Length': 0 });
      return void res.end();
    }
    if (found === null) return notFound(req, res);
    const body = await readFile(found.file);
    return send(req, res, 200, body, found.type);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) plain(res, 500, `Internal Server Error: ${(err as Error).message}\n`);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  // No Date header (RFC 9110 §6.6.1 allows it for a server without a trusted clock): two runs answer identical bytes.
  server.on("request", (_req, res: ServerResponse) => { res.sendDate = false; });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', fail);
      ok();
    });
  }).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot listen on ${host}:${options.port ?? 0} (${err.code ?? err.message}); choose another port`);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () => new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    }),
  };
}
