/**
 * A tiny crawler for the replica's tests: fetches from the replica server while speaking of the real site
 * (`Host: www.naringsbloggen.se`), and finds links with htmlparser2's streaming parser.
 */
import { request, Agent } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { Parser } from 'htmlparser2';
import { normalizeUrl } from '../../src/url.ts';

export const SITE = 'http://www.naringsbloggen.se';

export interface Fetched {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/** GET (or HEAD) `pathAndQuery` from the replica at `origin`, with extra request headers. */
export function fetchRaw(origin: string, pathAndQuery: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Fetched> {
  const o = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: o.hostname, port: o.port, path: pathAndQuery, method, agent, headers: { host: 'www.naringsbloggen.se', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let body = Buffer.concat(chunks);
        if (res.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The links a crawler (with --assets) follows: a/link href, img src, and a feed's link/guid/comments. */
export function extractLinks(body: string, isXml: boolean): { pages: string[]; assets: string[] } {
  const pages: string[] = [];
  const assets: string[] = [];
  let xmlField: string | null = null;
  let text = '';
  const parser = new Parser({
    onopentag(name, attrs) {
      if ((name === 'a' || name === 'link') && attrs.href !== undefined && !isXml) pages.push(attrs.href);
      if (name === 'atom:link' && attrs.href) pages.push(attrs.href);
      if (name === 'img' && attrs.src) assets.push(attrs.src);
      if (isXml && (name === 'link' || name === 'guid' || name === 'comments')) { xmlField = name; text = ''; }
    },
    ontext(t) { if (xmlField) text += t; },
    onclosetag(name) {
      if (xmlField === name) { pages.push(text.trim()); xmlField = null; }
    },
  }, { xmlMode: isXml, decodeEntities: true });
  parser.write(body);
  parser.end();
  if (isXml) {
    // content:encoded holds the post bodies as HTML: its links count too
    for (const m of body.matchAll(/<content:encoded><!\[CDATA\[([\s\S]*?)\]\]><\/content:encoded>/g)) {
      const inner = extractLinks(m[1]!, false);
      pages.push(...inner.pages);
      assets.push(...inner.assets);
    }
  }
  return { pages, assets };
}

/** A site URL in the canonical spelling, `replytocom` dropped as a crawler does; null when out of scope. */
export function inScope(href: string, base: string): string | null {
  const u = normalizeUrl(href, base, { dropParams: ['replytocom'] });
  return u !== null && u.startsWith(`${SITE}/`) ? u : null;
}

export interface WalkEntry {
  url: string;
  status: number;
  location: string | null;
  asset: boolean;
}

/** Breadth-first walk of every in-scope link from the portal home, fetching assets too. */
export async function walkSite(origin: string): Promise<Map<string, WalkEntry>> {
  const seen = new Map<string, WalkEntry>();
  const queue: { url: string; asset: boolean }[] = [{ url: `${SITE}/`, asset: false }];
  const queued = new Set([`${SITE}/`]);
  const enqueue = (href: string, base: string, asset: boolean): void => {
    const u = inScope(href, base);
    if (u !== null && !queued.has(u)) { queued.add(u); queue.push({ url: u, asset }); }
  };
  const work = async (): Promise<void> => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const { url, asset } = item;
      const u = new URL(url);
      const res = await fetchRaw(origin, u.pathname + u.search);
      const location = typeof res.headers.location === 'string' ? res.headers.location : null;
      seen.set(url, { url, status: res.status, location, asset });
      if (location) enqueue(location, url, asset);
      const type = String(res.headers['content-type'] ?? '');
      if (res.status === 200 && (type.startsWith('text/html') || type.includes('xml'))) {
        const links = extractLinks(res.body.toString('utf8'), type.includes('xml'));
        for (const l of links.pages) enqueue(l, url, false);
        for (const l of links.assets) enqueue(l, url, true);
      }
    }
  };
  // Several workers: each pulls until the queue is empty while others may still add to it.
  let active = 0;
  await new Promise<void>((resolve, reject) => {
    const spawn = (): void => {
      while (active < 6 && queue.length > 0) {
        active++;
        work().then(() => { active--; if (queue.length > 0) spawn(); else if (active === 0) resolve(); }, reject);
      }
      if (active === 0 && queue.length === 0) resolve();
    };
    spawn();
  });
  return seen;
}
