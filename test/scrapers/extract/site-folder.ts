/**
 * Test helper: ArchivedResponses built straight from a fixture site folder (`<decoded path>/index.html`,
 * `index.xml` feeds, files, `_server.json` redirects), so extract can be tested without a crawl.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ArchivedResponse } from '../../../src/types.ts';

interface ServerJson {
  siteUrl?: string;
  htmlCharset?: string | null;
  redirects?: Record<string, string>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html', '.xml': 'application/rss+xml', '.css': 'text/css', '.gif': 'image/gif',
  '.jpg': 'image/jpeg', '.png': 'image/png', '.txt': 'text/plain',
};

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

function encodePath(rel: string): string {
  return rel.split(sep).map((s) => encodeURIComponent(s)).join('/');
}

let seq = 0;
function response(url: string, status: number, headers: Record<string, string>, body: Buffer): ArchivedResponse {
  seq++;
  return { url, status, headers, body, date: '2018-01-01T00:00:00Z', recordId: `<urn:uuid:test-${seq}>`, payloadDigest: `sha1:TEST${seq}` };
}

/** Every page, feed and file of a fixture site, plus its redirects, as archived responses sorted by URL. */
export function siteResponses(siteDir: string, siteUrl?: string): ArchivedResponse[] {
  const serverFile = join(siteDir, '_server.json');
  const server: ServerJson = existsSync(serverFile) ? JSON.parse(readFileSync(serverFile, 'utf8')) as ServerJson : {};
  const origin = (siteUrl ?? server.siteUrl ?? '').replace(/\/$/, '');
  if (!origin) throw new Error(`${siteDir}: no siteUrl given and none in _server.json`);
  const out: ArchivedResponse[] = [];
  for (const file of walk(siteDir)) {
    const rel = relative(siteDir, file);
    if (rel === '_server.json' || rel === '404.html') continue;
    const ext = rel.slice(rel.lastIndexOf('.'));
    let path: string;
    if (rel.endsWith(`index.html`) || rel.endsWith('index.xml')) path = `/${encodePath(rel.slice(0, rel.lastIndexOf(sep) + 1 || 0))}`.replace(/\/+$/, '/');
    else path = `/${encodePath(rel)}`;
    let type = TYPES[ext] ?? 'application/octet-stream';
    if (ext === '.html' && server.htmlCharset) type += `; charset=${server.htmlCharset.toUpperCase()}`;
    out.push(response(`${origin}${path}`, 200, { 'content-type': type }, readFileSync(file)));
  }
  for (const [from, to] of Object.entries(server.redirects ?? {})) {
    out.push(response(`${origin}${from}`, 301, { location: `${origin}${to}`, 'content-type': 'text/html' }, Buffer.alloc(0)));
  }
  return out.sort((a, b) => (a.url < b.url ? -1 : 1));
}
