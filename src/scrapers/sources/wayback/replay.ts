/**
 * Raw captures (`/web/<timestamp>id_/<url>`: the bytes as captured, no toolbar, no rewritten links) turned
 * back into the original response. The archive sends the original headers as `X-Archive-Orig-<name>` and
 * dates the capture with `Memento-Datetime` (RFC 7089); a captured 3xx carries its Location as
 * `X-Archive-Orig-Location` (the plain Location points into the archive). A 3xx WITHOUT Memento-Datetime is
 * the archive itself sending us to the capture nearest the timestamp asked for.
 */
import type { FetchedResponse } from '../../fetch.ts';
import { headerValue } from '../../fetch.ts';
import { normalizeUrl } from '../../../url.ts';

export function mementoUrl(archiveBase: string, timestamp: string, url: string): string {
  return `${archiveBase}/web/${timestamp}id_/${url}`;
}

/** `…/web/20170101000000id_/http://…` → its timestamp and original URL, or null. */
export function parseMementoUrl(location: string, archiveBase: string): { timestamp: string; url: string } | null {
  let abs: string;
  try {
    abs = new URL(location, `${archiveBase}/`).href;
  } catch {
    return null;
  }
  const m = /\/web\/(\d{1,14})(?:[a-z]{2}_)?\/(.+)$/.exec(abs);
  return m ? { timestamp: m[1]!, url: m[2]! } : null;
}

export type Replayed =
  | { kind: 'capture'; status: number; statusText: string; headers: [string, string][]; rawBody: Buffer; date: string }
  | { kind: 'nearest'; timestamp: string; url: string }
  | { kind: 'archive-error'; status: number; text: string };

/** 14-digit timestamp → ISO 8601. */
export function isoOfTimestamp(ts: string): string {
  const t = ts.padEnd(14, '0');
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}Z`;
}

/** Seconds between two timestamps. */
export function secondsBetween(a: string, b: string): number {
  return Math.abs(Date.parse(isoOfTimestamp(a)) - Date.parse(isoOfTimestamp(b))) / 1000;
}

/** Headers the transfer from the archive decides, not the original site. */
const TRANSPORT = new Set(['content-length', 'transfer-encoding', 'content-encoding', 'connection', 'keep-alive']);

export function readReplay(res: FetchedResponse, archiveBase: string, asked: { timestamp: string; url: string }): Replayed {
  const memento = headerValue(res.headers, 'memento-datetime');
  const orig: [string, string][] = [];
  for (const [k, v] of res.headers) if (k.startsWith('x-archive-orig-')) orig.push([k.slice('x-archive-orig-'.length), v]);
  if (!memento && orig.length === 0) {
    const loc = headerValue(res.headers, 'location');
    const target = res.status >= 300 && res.status < 400 && loc ? parseMementoUrl(loc, archiveBase) : null;
    if (target && normalizeUrl(target.url) === normalizeUrl(asked.url)) return { kind: 'nearest', ...target };
    return { kind: 'archive-error', status: res.status, text: res.body.subarray(0, 200).toString('utf8').trim() };
  }
  // The stored payload is what came over the wire from the archive (it keeps the original Content-Encoding).
  const headers: [string, string][] = orig.filter(([k]) => !TRANSPORT.has(k)).map(([k, v]) => [k === 'transfer-encoding' ? 'x-archive-orig-transfer-encoding' : k, v]);
  if (!headers.some(([k]) => k === 'content-type')) {
    const ct = headerValue(res.headers, 'content-type');
    if (ct) headers.push(['content-type', ct]);
  }
  const enc = headerValue(res.headers, 'content-encoding');
  if (enc) headers.push(['content-encoding', enc]);
  if (res.status >= 300 && res.status < 400 && !headers.some(([k]) => k === 'location')) {
    const loc = headerValue(res.headers, 'location');
    const target = loc ? parseMementoUrl(loc, archiveBase) : null;
    if (target) headers.push(['location', target.url]);
  }
  headers.push(['content-length', String(res.rawBody.length)]);
  const date = memento && !Number.isNaN(Date.parse(memento)) ? new Date(Date.parse(memento)).toISOString().replace(/\.\d{3}Z$/, 'Z') : isoOfTimestamp(asked.timestamp);
  return { kind: 'capture', status: res.status, statusText: res.statusText, headers, rawBody: res.rawBody, date };
}
