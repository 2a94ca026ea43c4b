/**
 * A capture history of the replica, as a web archive would hold it after watching Näringsbloggen from 2013
 * until after its closure on 15 January 2018. Every URL of the replica (fixtures/site-urls.json) gets the
 * same deterministic life, chosen by a hash of its URL:
 * - 2013: an early capture whose page differs (a draft title and a sentence more), so an import that takes
 *   an old capture gives different posts;
 * - 2015: for some URLs a 404 in the middle of their history (the server had a bad day);
 * - 2016: the capture of the page as the replica serves it (gzip-encoded, as a crawler asking for gzip got it);
 *   some are listed in the CDX index a second before the time the replay knows, so the archive answers them
 *   with its 302 to the nearest capture, as the Wayback Machine does;
 * - 2017: a `warc/revisit` row repeating the 2016 capture (same digest);
 * - 2018-01-20: after the closure, the front pages and every third URL redirect to www.regeringen.se (off the site);
 * - 2018-02-01: the front page shows the closure notice of the new owner (its canonical URL is another site).
 * Originals are spelled as archives have them: `:80`, without `www.`, with https. A few URLs are left out of
 * prefix listings (as real prefix listings miss pages) and are found only by an exact query.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { surtKey } from '../scrapers/archive-cdxj.ts';
import { siteResponder, type Reply } from './site-responder.ts';

export interface Capture {
  urlkey: string;
  timestamp: string;
  original: string;
  mimetype: string;
  /** HTTP status, or `-` for a revisit row. */
  statuscode: string;
  digest: string;
  /** The status, headers and bytes the replay answers with (a revisit's are its original's). */
  reply: Reply;
  /** The CDX row lists this timestamp, but the replay holds the capture under `replayTimestamp`. */
  replayTimestamp: string;
  /** Left out of prefix listings; only an exact query finds it. */
  unlisted: boolean;
}

export const CLOSURE_DATE = '20180115';
export const NEW_HOME = 'https://www.regeringen.se/sveriges-regering/naringsdepartementet/';

const hashOf = (s: string) => createHash('sha1').update(s).digest().readUInt32BE(0);
const sha1Base32 = (b: Buffer) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0, out = '';
  for (const byte of createHash('sha1').update(b).digest()) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) { out += alphabet[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  return out;
};

function header(reply: Reply, name: string): string | undefined {
  const k = Object.keys(reply.headers).find((h) => h.toLowerCase() === name);
  return k === undefined ? undefined : String(reply.headers[k]);
}

/** The draft version of a page: another title and one more sentence, gzip as the original. */
function earlyVersion(reply: Reply): Reply {
  const gz = header(reply, 'content-encoding') === 'gzip';
  const html = (gz ? gunzipSync(reply.body) : reply.body).toString('utf8')
    .replace(/<\/title>/i, ' (utkast)</title>')
    .replace(/(<h[12][^>]*class="[^"]*entry-title[^"]*"[^>]*>(?:<a[^>]*>)?)/gi, '$1Utkast: ')
    .replace(/(<div[^>]*class="[^"]*entry-content[^"]*"[^>]*>)/gi, '$1<p>Texten är inte klar.</p>');
  const body = gz ? gzipSync(Buffer.from(html)) : Buffer.from(html);
  return { status: reply.status, headers: { ...reply.headers, 'Content-Length': body.length }, body };
}

const closureNotice = (): Reply => {
  const body = Buffer.from(`<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Näringsbloggen har stängt</title><link rel="canonical" href="${NEW_HOME}"></head><body><h1>Näringsbloggen har stängt</h1><p>Näringsdepartementets bloggar avslutades i januari 2018. Du hittar departementet på <a href="${NEW_HOME}">regeringen.se</a>.</p></body></html>`);
  return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length }, body };
};

const redirectTo = (location: string): Reply => ({ status: 301, headers: { Location: location, 'Content-Length': 0, 'Content-Type': 'text/html; charset=iso-8859-1' }, body: Buffer.alloc(0) });

function spell(url: string, h: number): string {
  const u = new URL(url);
  if (h % 5 === 1) return `http://${u.host}:80${u.pathname}${u.search}`;
  if (h % 5 === 2) return `http://${u.host.replace(/^www\./, '')}${u.pathname}${u.search}`;
  if (h % 7 === 3) return `https://${u.host}${u.pathname}${u.search}`;
  return url;
}

const stamp = (year: number, h: number, shift = 0) => {
  const month = String(1 + (h % 12)).padStart(2, '0');
  const day = String(1 + ((h >>> 4) % 27)).padStart(2, '0');
  const hh = String((h >>> 8) % 24).padStart(2, '0');
  const mm = String((h >>> 13) % 60).padStart(2, '0');
  const ss = String(((h >>> 19) % 50) + shift).padStart(2, '0');
  return `${year}${month}${day}${hh}${mm}${ss}`;
};

/** Builds the whole history (a few thousand captures) from a replica site folder; takes about a second. */
export async function buildWaybackHistory(siteRoot: string, urlsFile = join(siteRoot, '..', 'site-urls.json')): Promise<Capture[]> {
  const respond = siteResponder(siteRoot);
  const entries = JSON.parse(readFileSync(urlsFile, 'utf8')) as { url: string }[];
  const urls = [...new Set(['http://www.naringsbloggen.se/robots.txt', ...entries.map((e) => e.url)])];
  const out: Capture[] = [];
  for (const url of urls) {
    const u = new URL(url);
    const h = hashOf(url);
    const reply = await respond('GET', `${u.pathname}${u.search}`, { host: u.host, 'accept-encoding': 'gzip' });
    const html = /text\/html/.test(header(reply, 'content-type') ?? '');
    const add = (timestamp: string, r: Reply, o: Partial<Capture> = {}) => out.push({
      urlkey: surtKey(url), timestamp, original: spell(url, h), mimetype: (header(r, 'content-type') ?? 'unk').split(';')[0]!.trim(),
      statuscode: String(r.status), digest: sha1Base32(r.body), reply: r, replayTimestamp: timestamp,
      // Only pages are unlisted: an import finds them through the links of other pages, as it finds no images.
      unlisted: html && u.pathname !== '/' && h % 23 === 0, ...o,
    });
    if (reply.status === 200 && html) add(stamp(2013, h), earlyVersion(reply));
    if (reply.status === 200 && h % 11 === 4) add(stamp(2015, h), await respond('GET', '/no-such-page-today/', { host: u.host, 'accept-encoding': 'gzip' }));
    const final = stamp(2016, h);
    // The CDX row says one second earlier than the replay has: the archive answers with its 302 to nearest.
    add(h % 13 === 6 ? stamp(2016, h, -1) : final, reply, { replayTimestamp: final });
    const last = out[out.length - 1]!;
    if (reply.status === 200) add(stamp(2017, h), reply, { mimetype: 'warc/revisit', statuscode: '-', digest: last.digest });
    // Archives revisit popular pages more often: after the closure, the front pages and every third URL.
    if (u.pathname.split('/').filter(Boolean).length <= 1 || h % 3 === 0) add(`20180120${final.slice(8)}`, redirectTo(NEW_HOME));
    if (u.pathname === '/') add('20180201120000', closureNotice());
  }
  return out.sort((a, b) => (a.urlkey < b.urlkey ? -1 : a.urlkey > b.urlkey ? 1 : a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
}
