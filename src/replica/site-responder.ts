/**
 * What the replica server answers, apart from HTTP plumbing: a site folder and its `_server.json` turned
 * into a function (method, target, headers) → reply. Folder URLs get index.html (or index.xml, as RSS);
 * `/om` answers 301 to `/om/`; the redirect table (`/?p=ID`) answers 301 with an absolute Location on the
 * site's own name; unknown queries (`?replytocom=N`) serve the page itself; missing pages a real 404.
 * ETag and Last-Modified come from the content and the site's close date (never the file's mtime).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { extname, join, sep } from 'node:path';
import { UsageError } from '../errors.ts';
import { decodeSafe, normalizePercentEncoding } from '../url.ts';

/** `_server.json` of a site folder; every field optional. */
export interface SiteServerConfig {
  siteUrl?: string;
  /** Charset parameter of text/html responses; null sends `text/html` with no charset. Default utf-8. */
  htmlCharset?: string | null;
  /** path+query as sent → path (or absolute URL) to answer with a 301. */
  redirects?: Record<string, string>;
  /** path (or path+query) → a file under the root served with 200 there (another category path of a post). */
  rewrites?: Record<string, string>;
  /** File under the root sent with every 404. */
  notFound?: string;
  /** HTTP date sent as Last-Modified for every file. */
  lastModified?: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer;
}

const DEFAULT_LAST_MODIFIED = 'Mon, 15 Jan 2018 08:00:00 GMT';

const TYPES: Record<string, string> = {
  '.xml': 'application/xml', '.rss': 'application/rss+xml; charset=UTF-8', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.png': 'image/png', '.gif': 'image/gif', '.css': 'text/css', '.txt': 'text/plain; charset=utf-8', '.pdf': 'application/pdf',
  '.json': 'application/json', '.js': 'application/javascript',
};

const COMPRESSIBLE = /^(text\/|application\/(rss\+)?xml|application\/json|application\/javascript)/;
const EMPTY = Buffer.alloc(0);

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

const keyed = (table: Record<string, string> | undefined): Map<string, string> =>
  new Map(Object.entries(table ?? {}).map(([k, v]) => [lookupKey(k), v]));

const isFile = async (p: string): Promise<boolean> => (await stat(p).catch(() => null))?.isFile() ?? false;

const plain = (status: number, text: string, extra: Record<string, string> = {}): Reply =>
  ({ status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...extra }, body: Buffer.from(text) });

export type Responder = (method: string, target: string, headers: IncomingHttpHeaders) => Promise<Reply>;

/** Builds the responder of a site folder (reads `_server.json` once; pages are read per request). */
export function siteResponder(root: string): Responder {
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

  /** The file for a decoded path, or a folder that lacks its slash ("redirect"), or nothing. */
  const locate = async (path: string, target: string): Promise<string | 'redirect' | null> => {
    const rewrite = rewrites.get(lookupKey(target)) ?? rewrites.get(path);
    if (rewrite !== undefined) return join(root, rewrite);
    const abs = join(root, path);
    if (path.endsWith('/')) {
      for (const index of ['index.html', 'index.xml']) if (await isFile(join(abs, index))) return join(abs, index);
      return null;
    }
    if (await isFile(abs)) return abs;
    if (rewrites.has(`${path}/`) || (await isFile(join(abs, 'index.html'))) || (await isFile(join(abs, 'index.xml')))) return 'redirect';
    return null;
  };

  const content = (method: string, headers: IncomingHttpHeaders, status: number, body: Buffer, type: string): Reply => {
    const etagBase = createHash('sha1').update(body).digest('base64url').slice(0, 20);
    const gzip = COMPRESSIBLE.test(type) && /\bgzip\b(?!;q=0(\.0*)?\b)/.test(String(headers['accept-encoding'] ?? ''));
    const out: Record<string, string | number> = { 'Content-Type': type };
    if (status === 200) {
      out.ETag = `"${etagBase}${gzip ? '-gzip' : ''}"`;
      out['Last-Modified'] = lastModified;
      const inm = headers['if-none-match'];
      const ims = headers['if-modified-since'];
      const matches = inm !== undefined && inm.split(',').some((t) => {
        const tag = t.trim().replace(/^W\//, '');
        return tag === '*' || tag === `"${etagBase}"` || tag === `"${etagBase}-gzip"`;
      });
      if (matches || (inm === undefined && ims !== undefined && Date.parse(ims) >= lastModifiedMs)) {
        return { status: 304, headers: { ETag: out.ETag, 'Last-Modified': lastModified }, body: EMPTY };
      }
    }
    if (COMPRESSIBLE.test(type)) out.Vary = 'Accept-Encoding';
    const payload = gzip ? gzipSync(body) : body;
    if (gzip) out['Content-Encoding'] = 'gzip';
    out['Content-Length'] = payload.length;
    return { status, headers: out, body: method === 'HEAD' ? EMPTY : payload };
  };

  return async (method, rawTarget, headers) => {
    if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    const target = /^https?:\/\//i.test(rawTarget) ? rawTarget.replace(/^https?:\/\/[^/]*/i, '') || '/' : rawTarget;
    const q = target.indexOf('?');
    const rawPath = q < 0 ? target : target.slice(0, q);
    const query = q < 0 ? '' : target.slice(q);
    const path = decodeSafe(rawPath);
    if (!path.startsWith('/') || path.includes('\0') || path.includes('\\') || path.split('/').some((s) => s === '..' || s === '.')) {
      return plain(400, 'Bad Request: path outside the site\n');
    }
    const base = config.siteUrl ?? `http://${headers.host ?? 'localhost'}`;
    const redirect = redirects.get(lookupKey(target));
    if (redirect !== undefined) return { status: 301, headers: { Location: /^https?:/.test(redirect) ? redirect : base + redirect, 'Content-Length': 0 }, body: EMPTY };
    const found = await locate(path, target);
    if (found === 'redirect') return { status: 301, headers: { Location: `${base}${normalizePercentEncoding(rawPath)}/${query}`, 'Content-Length': 0 }, body: EMPTY };
    if (found === null) {
      const page = config.notFound ? await readFile(join(root, config.notFound)).catch(() => null) : null;
      return content(method, headers, 404, page ?? Buffer.from('Not Found\n'), page ? htmlType : 'text/plain; charset=utf-8');
    }
    return content(method, headers, 200, await readFile(found), typeOf(found));
  };
}
