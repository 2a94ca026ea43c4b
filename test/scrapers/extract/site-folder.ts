/**
 * Test helpers: the URLs of a fixture site folder (`<decoded path>/index.html`, `index.xml` feeds, files,
 * `_server.json` redirects and rewrites), fetched through the project's replica server into
 * ArchivedResponses, so extract can be tested on exactly what a crawl would archive, without a crawl.
 */
import http from 'node:http';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ArchivedResponse } from '../../../src/types.ts';
import { startReplica } from '../../../src/replica/server.ts';

interface ServerJson {
  siteUrl?: string;
  redirects?: Record<string, string>;
  rewrites?: Record<string, string>;
  notFound?: string;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

export function readServerJson(siteDir: string): ServerJson {
  const f = join(siteDir, '_server.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as ServerJson) : {};
}

/** Every URL the site folder serves: pages, feeds, files (robots.txt and theme CSS included), redirects, rewrites. */
export function siteUrls(siteDir: string): string[] {
  const server = readServerJson(siteDir);
  const origin = (server.siteUrl ?? '').replace(/\/$/, '');
  if (!origin) throw new Error(`${siteDir}: _server.json names no siteUrl`);
  const paths = new Set<string>();
  for (const file of walk(siteDir)) {
    const rel = relative(siteDir, file);
    if (rel === '_server.json' || rel === server.notFound) continue;
    const segs = rel.split(sep).map((s) => encodeURIComponent(s));
    const name = segs[segs.length - 1];
    paths.add(name === 'index.html' || name === 'index.xml' ? `/${segs.slice(0, -1).map((s) => `${s}/`).join('')}` : `/${segs.join('/')}`);
  }
  for (const key of [...Object.keys(server.redirects ?? {}), ...Object.keys(server.rewrites ?? {})]) paths.add(key);
  return [...paths].sort().map((p) => `${origin}${p}`);
}

function get(port: number, url: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: `${u.pathname}${u.search}`, headers: { host: u.host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Fetches `urls` from a replica server serving `siteDir` (127.0.0.1:0, closed afterwards) and returns them
 * as archived responses in the order given. Redirects are not followed: their 301 is what gets archived.
 */
export async function fetchSite(siteDir: string, urls: readonly string[]): Promise<ArchivedResponse[]> {
  const server = await startReplica({ root: siteDir });
  try {
    const out: ArchivedResponse[] = new Array(urls.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < urls.length) {
        const i = next++;
        const url = urls[i]!;
        const r = await get(server.port, url);
        out[i] = { url, status: r.status, headers: r.headers, body: r.body, date: '2018-01-15T08:00:00Z', recordId: `<urn:uuid:test-${i}>`, payloadDigest: `sha1:TEST${i}` };
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return out;
  } finally {
    await server.close();
  }
}
