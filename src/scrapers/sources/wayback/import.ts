/**
 * `import wayback`: the site as it last stood, rebuilt from a Wayback-compatible archive into a crawl folder.
 * 1. List: CDX prefix queries page by page (resume keys journalled, so a resumed run continues the listing).
 * 2. For each URL (sorted): choose a capture (choose.ts), fetch it raw, write the original response.
 * 3. Links inside captures that the listing missed (prefix listings are incomplete) are looked up one by one
 *    with exact CDX queries, within scope and --max-pages.
 * Everything is sequential: at most one request to the archive is in flight. Each answer is on disk (the
 * received spool) before it is judged and leaves it only once what it led to is journalled, and a page's
 * links are journalled before its capture: a kill at any moment loses no URL and --resume asks the archive
 * for nothing it has already answered.
 */
import { Parser } from 'htmlparser2';
import { decodeBody } from '../../charset.ts';
import { ASSET_EXT, bodyFormat, findHtmlLinks, findXmlLinks } from '../../crawl-links.ts';
import { withCrawlLock } from '../../crawl-lock.ts';
import { cleanUrl, createScope } from '../../crawl-scope.ts';
import type { CrawlSummary } from '../../crawl-summary.ts';
import { decodeContentEncoding, headerValue } from '../../fetch.ts';
import { UsageError } from '../../../errors.ts';
import { ImportSink } from '../sink.ts';
import { mapOriginal, padTimestamp, type CdxRow } from './cdx.ts';
import { chooseCapture } from './choose.ts';
import { createArchiveClient } from './client.ts';
import type { WaybackOptions } from './options.ts';
import { ReceivedSpool } from './received.ts';
import { addOffsite, openStateLog, readWaybackState } from './state.ts';

export interface WaybackStats { done: number; queued: number; cdx: number; failed: number }
export interface WaybackEvents { onProgress?(s: WaybackStats): void; onLog?(line: string): void }
export interface WaybackResult { summary: CrawlSummary; noCapture: { url: string; reason: string }[] }

const bareHost = (h: string) => h.replace(/^www\./, '');

/** Imports under the folder's lock (crawl-lock.ts): a second import or --resume beside a live one is refused. */
export async function importWayback(o: WaybackOptions, events: WaybackEvents = {}): Promise<WaybackResult> {
  return withCrawlLock(o.outDir, () => importLocked(o, events));
}

async function importLocked(o: WaybackOptions, events: WaybackEvents): Promise<WaybackResult> {
  const sink = await ImportSink.open({
    outDir: o.outDir, resume: o.resume, startUrls: o.prefixes, command: 'naring-archive import wayback', warcPrefix: 'wayback',
    info: { description: `Captures of the site taken from the web archive at ${o.archiveBase}: each response record holds the original status and headers as the archive captured them, dated with the capture's time; a metadata record names the memento it came from`, 'source-type': 'web-archive', 'archive': o.archiveBase, 'http-header-user-agent': o.userAgent },
  });
  const state = readWaybackState(o.outDir);
  const stateLog = openStateLog(o.outDir);
  const spool = new ReceivedSpool(o.outDir);
  const now = new Date();
  const scope = createScope({ startUrls: o.prefixes, scopes: o.prefixes, includes: o.includes, excludes: o.excludes, maxPagination: 5000, minYear: 1990, maxYear: now.getUTCFullYear() + 1 });
  const siteHosts = new Set(o.prefixes.map((p) => bareHost(new URL(p).hostname)));
  let failed = 0;
  let cdxCount = 0;
  // Requests to the archive are logged under the site URL they concern, with the archive's URL beside it.
  const client = createArchiveClient(o, (request, url, a, n) => {
    const via = request.includes('/cdx/') ? { cdx: request } : { memento: request };
    sink.logLine(a.ok
      ? { url, status: a.response.status, contentType: headerValue(a.response.headers, 'content-type') ?? null, bytes: a.response.rawBody.length, ms: a.response.ms, discoveredFrom: null, attempt: n, ...via }
      : { url, status: null, contentType: null, bytes: 0, ms: a.ms, discoveredFrom: null, attempt: n, ...via, error: a.error });
  }, spool);
  const rowsByUrl = new Map<string, CdxRow[]>();
  // As a crawl: images, style sheets and other files only with --assets (listed once as skipped).
  const assetSkipped = new Set<string>();
  const isAsset = (url: string) => ASSET_EXT.test(new URL(url).pathname);
  const skipAsset = (url: string) => {
    if (assetSkipped.has(url) || sink.prior.skipped.has(url)) return;
    assetSkipped.add(url);
    sink.skip(url, 'asset (add --assets)');
  };
  const addRows = (rows: CdxRow[]) => {
    for (const r of rows) {
      const url = mapOriginal(r.original, o.prefixes);
      if (!url || scope.check(url) !== null) continue;
      if (!o.assets && isAsset(url)) { skipAsset(url); continue; }
      if (o.from && r.timestamp < padTimestamp(o.from, false)) continue;
      if (o.to && r.timestamp > padTimestamp(o.to, true)) continue;
      const list = rowsByUrl.get(url) ?? [];
      if (!list.some((x) => x.timestamp === r.timestamp && x.original === r.original)) list.push(r);
      rowsByUrl.set(url, list);
    }
  };
  addRows(state.rows);
  const stopped = () => o.signal?.aborted === true;
  const stats = (queued: number) => events.onProgress?.({ done: sink.archivedCount, queued, cdx: cdxCount, failed });
  const lookup = async (query: string, url: string, matchType: 'exact' | 'prefix'): Promise<string | null> => {
    let next: string | null = state.cursors.has(query) ? state.cursors.get(query)! : '';
    while (next !== null && !stopped()) {
      const r = await client.cdx({ url, matchType, from: o.from, to: o.to, limit: o.cdxPageSize, resumeKey: next || null });
      cdxCount++;
      if (!r.ok) return r.reason;
      stateLog.write({ t: 'cdx', query, rows: r.value.rows, next: r.value.resumeKey });
      spool.settle();
      state.cursors.set(query, r.value.resumeKey);
      addRows(r.value.rows);
      next = r.value.resumeKey;
      stats(rowsByUrl.size);
    }
    return null;
  };

  const noCapture: { url: string; reason: string }[] = [];
  let interrupted = false;
  let stoppedBy: string | null = null;
  const queue: { url: string; from: string | null }[] = [];
  const known = new Set<string>();
  let position = 0;
  const enqueue = (url: string, from: string | null) => {
    if (known.has(url)) return;
    known.add(url);
    queue.push({ url, from });
  };
  try {
    for (const prefix of o.prefixes) {
      const problem = await lookup(`prefix:${prefix}`, prefix, 'prefix');
      if (problem) throw new UsageError(`--archive-base ${o.archiveBase}: the CDX listing of ${prefix} failed (${problem}); check the address, or wait and run again with --resume`);
    }
    for (const url of [...rowsByUrl.keys()].sort()) enqueue(url, null);
    // Done URLs are passed over below; only those still waiting need the page that linked them.
    const waitingFrom = new Map(sink.prior.pending.map((q) => [q.url, q.from]));
    for (const url of sink.prior.queued) enqueue(url, waitingFrom.get(url) ?? null);

    for (let i = 0; i < queue.length; i++, position = i) {
      if (stopped()) { interrupted = true; break; }
      const { url, from } = queue[i]!;
      if (sink.isDone(url) || sink.prior.skipped.has(url)) continue;
      if (o.maxPages !== null && sink.archivedCount >= o.maxPages) { stoppedBy = 'max-pages'; break; }
      if (!rowsByUrl.has(url)) {
        const problem = await lookup(`exact:${url}`, url, 'exact');
        if (problem) { failed++; sink.fail(url, problem); spool.settle(); continue; }
      }
      for (;;) {
        const choice = chooseCapture(rowsByUrl.get(url) ?? [], state.offsite.get(url) ?? new Map());
        if (choice.kind === 'none') {
          noCapture.push({ url, reason: choice.reason });
          sink.skip(url, 'no-usable-capture');
          sink.logLine({ url, status: null, contentType: null, bytes: 0, ms: 0, discoveredFrom: from, attempt: 0, choice: choice.reason, error: choice.reason });
          break;
        }
        const got = await client.capture(choice.timestamp, choice.row.original, url);
        if (!got.ok) {
          if (stopped()) { interrupted = true; break; }
          failed++;
          sink.fail(url, got.reason);
          spool.settle();
          break;
        }
        const c = got.value;
        const location = c.status >= 300 && c.status < 400 ? c.headers.find(([k]) => k === 'location')?.[1] : undefined;
        // Off the site: a redirect to another host, or a page that names another site as its own (the new
        // owner's notice on the old name). Not the old site: decide again without this capture.
        const elsewhere = location ?? (c.status === 200 ? canonicalOf(c.headers, c.rawBody) : null);
        const away = elsewhere ? cleanUrl(elsewhere, url).url : null;
        if (elsewhere && (!away || !siteHosts.has(bareHost(new URL(away).hostname)))) {
          stateLog.write({ t: 'offsite', url, timestamp: choice.timestamp, location: elsewhere });
          spool.settle();
          addOffsite(state, url, choice.timestamp, elsewhere);
          continue;
        }
        // Links first: a kill after the capture's journal line must not lose the pages only it names.
        for (const link of discover(url, c.status, c.headers, c.rawBody, o.assets)) {
          const clean = cleanUrl(link, url).url;
          if (!clean || known.has(clean) || scope.check(clean) !== null) continue;
          if (!o.assets && isAsset(clean)) { skipAsset(clean); continue; }
          sink.queue({ url: clean, from: url, depth: 0 });
          enqueue(clean, url);
        }
        sink.logLine({ url, status: c.status, contentType: headerValue(c.headers, 'content-type') ?? null, bytes: c.rawBody.length, ms: 0, discoveredFrom: from, attempt: 0, taken: true, capture: c.timestamp, memento: c.memento, choice: choice.reason });
        await sink.writeResponse({ url, date: c.date, status: c.status, statusText: c.statusText, headers: c.headers, rawBody: c.rawBody },
          [['via', c.memento], ['archive', o.archiveBase], ['capture-timestamp', c.timestamp], ['choice', choice.reason]]);
        spool.settle();
        break;
      }
      stats(queue.length - i - 1);
    }
  } finally {
    stateLog.close();
    await client.close();
  }
  if (!interrupted && !stoppedBy) spool.clear();
  const summary = await sink.finish({
    scope: o.prefixes, interrupted, stoppedBy, queuedNotFetched: interrupted || stoppedBy ? queue.length - position : 0,
    extra: { source: { type: 'wayback', archive: o.archiveBase, from: o.from, to: o.to }, noUsableCapture: noCapture.sort((a, b) => (a.url < b.url ? -1 : 1)) },
  });
  return { summary, noCapture };
}

/** The `<link rel="canonical">` of an HTML capture, or null. */
function canonicalOf(headers: [string, string][], raw: Buffer): string | null {
  const ct = headerValue(headers, 'content-type');
  let body: Buffer;
  try {
    body = decodeContentEncoding(raw, headerValue(headers, 'content-encoding'));
  } catch {
    return null;
  }
  if (bodyFormat(ct, body) !== 'html') return null;
  let found: string | null = null;
  const parser = new Parser({
    onopentag(name, a) {
      if (found === null && name === 'link' && a.href && (a.rel ?? '').toLowerCase().split(/\s+/).includes('canonical')) found = a.href;
    },
  }, { decodeEntities: true });
  parser.end(decodeBody(body, ct).slice(0, 64 * 1024));
  return found;
}

/** The links a capture names: pages, and with `assets` the images, style sheets and files it uses. */
function discover(url: string, status: number, headers: [string, string][], raw: Buffer, assets: boolean): string[] {
  if (status >= 300 && status < 400) {
    const loc = headerValue(headers, 'location');
    return loc ? [loc] : [];
  }
  if (status !== 200) return [];
  let body: Buffer;
  try {
    body = decodeContentEncoding(raw, headerValue(headers, 'content-encoding'));
  } catch {
    return [];
  }
  const ct = headerValue(headers, 'content-type');
  const fmt = bodyFormat(ct, body);
  if (!fmt) return [];
  const text = decodeBody(body, ct);
  if (fmt === 'html') {
    const { base, links } = findHtmlLinks(text, assets);
    const b = (base && cleanUrl(base, url).url) || url;
    return links.map((l) => cleanUrl(l.href, b).url ?? '').filter(Boolean);
  }
  return findXmlLinks(text, assets).links.map((l) => cleanUrl(l.href, url).url ?? '').filter(Boolean);
}
