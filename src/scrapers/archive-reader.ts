/**
 * Reading the archive back without the network: every response in archive order (readArchive), or one
 * capture by URL through index.cdxj (openArchiveIndex). Bodies come back with Content-Encoding and chunking
 * removed. Damage (a torn last record, flipped bytes, a file that is no WARC) is reported through `onDamage`
 * with the file and offset, and the records after it are still read where they can be (archive-records.ts).
 */

export type { ArchiveDamage } from './archive-records.ts';

export interface ReadArchiveOptions {
  /** Hears every place a WARC file did not read; without it damage would go unnoticed. */
  onDamage?: (d: ArchiveDamage) => void;
}
import { closeSync, createReadStream, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gunzipSync } from 'node:zlib';
import { splitRecord, warcRecords, type ArchiveDamage, type RawRecord } from './archive-records.ts';
import { RecordIdSet } from './record-ids.ts';
import type { ArchivedResponse } from '../types.ts';
import { normalizeUrl } from '../url.ts';
import { decodeContentEncoding } from './fetch.ts';

/** The WARC files of a crawl folder in the order they were written. */
export function listWarcFiles(crawlDir: string): string[] {
  const dir = join(crawlDir, 'archive');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => /\.warc(\.gz)?$/.test(n)).sort();
}

/** Removes HTTP/1.1 chunked framing (for WARCs written by tools that keep it). */
export function dechunk(buf: Buffer): Buffer {
  const out: Buffer[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const eol = buf.indexOf('\r\n', pos);
    if (eol < 0) break;
    const size = parseInt(buf.subarray(pos, eol).toString('latin1').split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size)) return buf;
    if (size === 0) break;
    out.push(buf.subarray(eol + 2, eol + 2 + size));
    pos = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

/** Splits a response block into status, lower-cased headers and payload (Content-Encoding removed). */
function parseHttpBlock(block: Buffer): { status: number; headers: Record<string, string>; body: Buffer } {
  const end = block.indexOf('\r\n\r\n');
  const head = (end < 0 ? block : block.subarray(0, end)).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const raw = end < 0 ? Buffer.alloc(0) : block.subarray(end + 4);
  let body = headers['transfer-encoding']?.toLowerCase().includes('chunked') ? dechunk(raw) : raw;
  try {
    body = decodeContentEncoding(body, headers['content-encoding']);
  } catch {
    // Undecodable: hand over the bytes as stored rather than lose them.
  }
  return { status, headers, body: Buffer.from(body) };
}

/**
 * WARC-Target-URI as a plain URL. wget writes it in angle brackets (`<http://…>`), following the WARC 1.0
 * grammar's example rather than its prose; WARC 1.1 says plain, and every reader here compares plain URLs.
 */
export function targetUri(rec: { get(name: string): string | undefined }, name = 'WARC-Target-URI'): string {
  const v = rec.get(name) ?? '';
  return v.startsWith('<') && v.endsWith('>') ? v.slice(1, -1) : v;
}

/**
 * A response (or resource) record as extract and the exporters see it. A `resource` record (a file rebuilt
 * from a saved mirror, or another tool's stored file) has no HTTP exchange: it reads as a 200 of the
 * record's Content-Type.
 */
function toResponse(rec: RawRecord): ArchivedResponse {
  const http = rec.get('WARC-Type') === 'resource'
    ? { status: 200, headers: { 'content-type': rec.get('Content-Type') ?? 'application/octet-stream' }, body: Buffer.from(rec.block) }
    : parseHttpBlock(rec.block);
  return {
    url: targetUri(rec),
    ...http,
    date: rec.get('WARC-Date') ?? '',
    recordId: rec.get('WARC-Record-ID') ?? '',
    payloadDigest: rec.get('WARC-Payload-Digest') ?? '',
  };
}

/**
 * Every response of a crawl folder in archive order, bodies decoded. A `revisit` whose original was copied
 * into the same archive (what `--since` writes) is skipped, since the copy was yielded just before it; any
 * other revisit is resolved through index.cdxj to the original payload.
 */
export function readArchive(crawlDir: string, options: ReadArchiveOptions = {}): AsyncIterable<ArchivedResponse> {
  return readWarcFiles(listWarcFiles(crawlDir).map((name) => join(crawlDir, 'archive', name)), crawlDir, options);
}

/**
 * The responses of any WARC files, ours or another tool's (wget, Heritrix, browsertrix-crawler, warcprox),
 * gzipped per record or not. Records whose target is not http(s) (`dns:`, wget's `metadata://` log,
 * `urn:pageinfo:`) come through with that URL and are left out by extract's URL check. Revisits resolve to an
 * original yielded earlier from the same files (by WARC-Refers-To, or by payload digest for tools that only
 * name the digest), else through `indexDir`'s index.cdxj when there is one. Damaged gzip members are
 * skipped and named through `options.onDamage` (archive-damage.ts).
 */
export async function* readWarcFiles(paths: readonly string[], indexDir?: string, options: ReadArchiveOptions = {}): AsyncIterable<ArchivedResponse> {
  const yielded = new RecordIdSet();
  // Another tool's revisit names its original by digest; the originals are kept for that, up to a memory
  // budget (a deduplicating crawl's revisits mostly follow their originals closely, in a small WARC).
  const byDigest = new Map<string, ArchivedResponse>();
  let kept = 0;
  let index: ArchiveIndex | null = null;
  const onDamage = options.onDamage ?? (() => {});
  for (const path of paths) {
    for await (const rec of warcRecords(path, onDamage)) {
      const type = rec.get('WARC-Type');
      const recordId = rec.get('WARC-Record-ID') ?? '';
      if (type === 'response' || type === 'resource') {
        yielded.add(recordId);
        const r = toResponse(rec);
        if (!indexDir && r.payloadDigest && kept < 256 * 1024 * 1024) {
          byDigest.set(r.payloadDigest, r);
          kept += r.body.length;
        }
        yield r;
      } else if (type === 'revisit') {
        const refersTo = rec.get('WARC-Refers-To') ?? '';
        if (refersTo && yielded.has(refersTo) && indexDir) continue;
        const target = targetUri(rec, 'WARC-Refers-To-Target-URI') || targetUri(rec);
        let original = byDigest.get(rec.get('WARC-Payload-Digest') ?? '') ?? null;
        if (!original && indexDir) {
          index ??= await openArchiveIndex(indexDir);
          original = await index.get(target);
        }
        if (original) yield { ...original, url: targetUri(rec) || original.url, date: rec.get('WARC-Date') ?? original.date, recordId: recordId || original.recordId };
      }
    }
  }
}

/** One stored record as read by offset: the same parser as readArchive (null when torn or not a response). */
function responseFrom(filename: string, stored: Buffer): ArchivedResponse | null {
  const bytes = filename.endsWith('.gz') ? gunzipSync(stored) : stored;
  const r = splitRecord(bytes);
  const type = r === null || 'need' in r ? null : r.record.get('WARC-Type');
  if (r === null || 'need' in r || (type !== 'response' && type !== 'resource')) return null;
  return toResponse(r.record);
}

/** Reads the one record stored at `offset` (a gzip member of `length` bytes) in `archive/<filename>`. */
export async function readRecordAt(crawlDir: string, filename: string, offset: number, length: number): Promise<ArchivedResponse | null> {
  const fh = await open(join(crawlDir, 'archive', filename), 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, offset);
    return responseFrom(filename, buf.subarray(0, bytesRead));
  } catch {
    return null;
  } finally {
    await fh.close();
  }
}

/** readRecordAt without waiting, for bytes wanted at the moment a file is written. */
function readRecordAtSync(crawlDir: string, at: CaptureLocation): ArchivedResponse | null {
  let fd: number | null = null;
  try {
    fd = openSync(join(crawlDir, 'archive', at.filename), 'r');
    const buf = Buffer.alloc(at.length);
    const n = readSync(fd, buf, 0, at.length, at.offset);
    return responseFrom(at.filename, buf.subarray(0, n));
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Where index.cdxj says a capture is stored. */
export interface CaptureLocation {
  filename: string;
  offset: number;
  length: number;
}

export interface ArchiveIndex {
  /** The capture of `url` (any spelling normalizeUrl accepts), or null if the crawl did not archive it. */
  get(url: string): Promise<ArchivedResponse | null>;
  /** Where that capture is stored, or null. */
  locate(url: string): CaptureLocation | null;
  /** Every archived URL with its status, sorted. */
  urls(): { url: string; status: number }[];
}

/**
 * WARC files that end before the captures index.cdxj lists in them (a partial copy, a full disk), or that
 * are missing: one line each, naming the file and the byte the index expects. The reader ends a torn file
 * quietly (the right thing for a crawl killed mid-write, whose index is written only when the crawl ends,
 * so it never lists the torn record); an index that points past the end means captures were lost after
 * the crawl finished. Empty when every file is whole, or when there is no index to judge by.
 */
export async function findTruncatedWarcs(crawlDir: string): Promise<string[]> {
  const path = join(crawlDir, 'index.cdxj');
  if (!existsSync(path)) return [];
  const ends = new Map<string, number>();
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    const i = line.indexOf(' {');
    if (i < 0) continue;
    let j: { filename?: unknown; offset?: unknown; length?: unknown };
    try {
      j = JSON.parse(line.slice(i + 1)) as typeof j;
    } catch {
      continue;
    }
    const end = Number(j.offset) + Number(j.length);
    if (typeof j.filename !== 'string' || !Number.isFinite(end)) continue;
    ends.set(j.filename, Math.max(ends.get(j.filename) ?? 0, end));
  }
  const damaged: string[] = [];
  for (const [filename, end] of [...ends.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const file = join(crawlDir, 'archive', filename);
    const size = existsSync(file) ? statSync(file).size : -1;
    if (size < 0) damaged.push(`${file}: missing, but index.cdxj lists captures in it`);
    else if (size < end) damaged.push(`${file}: ${size} bytes, but index.cdxj lists captures up to byte ${end}`);
  }
  return damaged;
}

/**
 * Opens index.cdxj of a crawl folder for lookups by URL; bodies are read from the WARC by offset. `only`:
 * the URLs a caller will look up, when it needs a few (the uploads of the Markdown export): the index of
 * every capture is 80 MB of heap at 50,000 posts.
 */
export async function openArchiveIndex(crawlDir: string, only?: Iterable<string>): Promise<ArchiveIndex> {
  const byUrl = new Map<string, { filename: string; offset: number; length: number; status: number }>();
  const keep = only ? new Set([...only].map((u) => normalizeUrl(u) ?? u)) : null;
  const path = join(crawlDir, 'index.cdxj');
  // Line by line, so the index's whole text (53 MB at 50,000 posts) and all its lines are never held at once.
  const lines = existsSync(path) ? createInterface({ input: createReadStream(path), crlfDelay: Infinity }) : [];
  for await (const line of lines) {
    const i = line.indexOf(' {');
    if (i < 0) continue;
    const j = JSON.parse(line.slice(i + 1)) as { url: string; filename: string; offset: string; length: string; status: string };
    const url = normalizeUrl(j.url) ?? j.url;
    if (keep && !keep.has(url)) continue;
    byUrl.set(url, { filename: j.filename, offset: Number(j.offset), length: Number(j.length), status: Number(j.status) });
  }
  return {
    async get(url) {
      const e = byUrl.get(normalizeUrl(url) ?? url);
      return e ? readRecordAt(crawlDir, e.filename, e.offset, e.length) : null;
    },
    locate(url) {
      return byUrl.get(normalizeUrl(url) ?? url) ?? null;
    },
    urls() {
      return [...byUrl.entries()].map(([url, e]) => ({ url, status: e.status })).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    },
  };
}

/**
 * The archived bytes of uploads by URL, read from the WARC when asked for (`get`), not held: the uploads of
 * a 50,000-post blog are hundreds of megabytes, and the Markdown export writes them one at a time.
 */
export class ArchivedFiles implements ReadonlyMap<string, Buffer> {
  readonly #at: ReadonlyMap<string, CaptureLocation>;
  constructor(private readonly crawlDir: string, at: ReadonlyMap<string, CaptureLocation>) {
    this.#at = at;
  }
  get size(): number { return this.#at.size; }
  has(url: string): boolean { return this.#at.has(url); }
  /** The bytes, or undefined when the URL is not here or its record no longer reads (the archive changed). */
  get(url: string): Buffer | undefined {
    const at = this.#at.get(url);
    const r = at ? readRecordAtSync(this.crawlDir, at) : null;
    return r && r.status === 200 ? r.body : undefined;
  }
  keys(): MapIterator<string> { return this.#at.keys(); }
  *entries(): MapIterator<[string, Buffer]> { for (const url of this.#at.keys()) yield [url, this.get(url)!]; }
  *values(): MapIterator<Buffer> { for (const [, b] of this.entries()) yield b; }
  [Symbol.iterator](): MapIterator<[string, Buffer]> { return this.entries(); }
  forEach(fn: (value: Buffer, key: string, map: ReadonlyMap<string, Buffer>) => void): void {
    for (const [url, b] of this.entries()) fn(b, url, this);
  }
}

/**
 * The uploads among `urls` that the archive holds with a 200 (one redirect followed, as WordPress sends
 * `/files/…` through one), for the Markdown export's copied images. URLs not in the archive are left out.
 */
export async function readArchivedFiles(crawlDir: string, urls: readonly string[], onProgress?: (done: number, found: number) => void): Promise<ArchivedFiles> {
  // The index is read for these URLs only, then once more for the URLs their redirects name.
  const index = await openArchiveIndex(crawlDir, urls);
  const capture = async (from: ArchiveIndex, url: string): Promise<{ at: CaptureLocation | null; r: ArchivedResponse | null }> => {
    const at = from.locate(url);
    return { at, r: at ? await readRecordAt(crawlDir, at.filename, at.offset, at.length) : null };
  };
  // Each URL in the order given: its capture, or the URL its redirect names.
  const first = new Map<string, CaptureLocation | string>();
  let done = 0;
  let readable = 0;
  for (const url of urls) {
    const { at, r } = await capture(index, url);
    const location = r && r.status >= 300 && r.status < 400 ? r.headers.location : undefined;
    if (location) first.set(url, new URL(location, url).href);
    else if (at && r && r.status === 200) {
      first.set(url, at);
      readable++;
    }
    onProgress?.(++done, readable);
  }
  const targets = [...first.values()].filter((v): v is string => typeof v === 'string');
  const second = targets.length > 0 ? await openArchiveIndex(crawlDir, targets) : null;
  const found = new Map<string, CaptureLocation>();
  for (const [url, v] of first) {
    if (typeof v !== 'string') found.set(url, v);
    else {
      const { at, r } = await capture(second!, v);
      if (at && r && r.status === 200) found.set(url, at);
    }
  }
  return new ArchivedFiles(crawlDir, found);
}
