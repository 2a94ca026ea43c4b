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
import { existsSync, readdirSync, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { splitRecord, warcRecords, type ArchiveDamage, type RawRecord } from './archive-records.ts';
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

/** A response record as extract and the exporters see it. */
function toResponse(rec: RawRecord): ArchivedResponse {
  return {
    url: rec.get('WARC-Target-URI') ?? '',
    ...parseHttpBlock(rec.block),
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
export async function* readArchive(crawlDir: string, options: ReadArchiveOptions = {}): AsyncIterable<ArchivedResponse> {
  const yielded = new Set<string>();
  let index: ArchiveIndex | null = null;
  const onDamage = options.onDamage ?? (() => {});
  for (const name of listWarcFiles(crawlDir)) {
    for await (const rec of warcRecords(join(crawlDir, 'archive', name), onDamage)) {
      const type = rec.get('WARC-Type');
      const recordId = rec.get('WARC-Record-ID') ?? '';
      if (type === 'response') {
        yielded.add(recordId);
        yield toResponse(rec);
      } else if (type === 'revisit') {
        const refersTo = rec.get('WARC-Refers-To') ?? '';
        if (refersTo && yielded.has(refersTo)) continue;
        const target = rec.get('WARC-Refers-To-Target-URI') ?? rec.get('WARC-Target-URI') ?? '';
        index ??= await openArchiveIndex(crawlDir);
        const original = await index.get(target);
        if (original) yield { ...original, url: rec.get('WARC-Target-URI') ?? original.url, date: rec.get('WARC-Date') ?? original.date, recordId: recordId || original.recordId };
      }
    }
  }
}

/** Reads the one record stored at `offset` (a gzip member of `length` bytes) in `archive/<filename>`. */
export async function readRecordAt(crawlDir: string, filename: string, offset: number, length: number): Promise<ArchivedResponse | null> {
  const fh = await open(join(crawlDir, 'archive', filename), 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, offset);
    // The same parser as readArchive: one gzip member, then one record (null when torn or not a response).
    const bytes = filename.endsWith('.gz') ? gunzipSync(buf.subarray(0, bytesRead)) : buf.subarray(0, bytesRead);
    const r = splitRecord(bytes);
    if (r === null || 'need' in r || r.record.get('WARC-Type') !== 'response') return null;
    return toResponse(r.record);
  } catch {
    return null;
  } finally {
    await fh.close();
  }
}

export interface ArchiveIndex {
  /** The capture of `url` (any spelling normalizeUrl accepts), or null if the crawl did not archive it. */
  get(url: string): Promise<ArchivedResponse | null>;
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

/** Opens index.cdxj of a crawl folder for lookups by URL; bodies are read from the WARC by offset. */
export async function openArchiveIndex(crawlDir: string): Promise<ArchiveIndex> {
  const byUrl = new Map<string, { filename: string; offset: number; length: number; status: number }>();
  const path = join(crawlDir, 'index.cdxj');
  const text = existsSync(path) ? await readFile(path, 'utf8') : '';
  for (const line of text.split('\n')) {
    const i = line.indexOf(' {');
    if (i < 0) continue;
    const j = JSON.parse(line.slice(i + 1)) as { url: string; filename: string; offset: string; length: string; status: string };
    byUrl.set(normalizeUrl(j.url) ?? j.url, { filename: j.filename, offset: Number(j.offset), length: Number(j.length), status: Number(j.status) });
  }
  return {
    async get(url) {
      const e = byUrl.get(normalizeUrl(url) ?? url);
      return e ? readRecordAt(crawlDir, e.filename, e.offset, e.length) : null;
    },
    urls() {
      return [...byUrl.entries()].map(([url, e]) => ({ url, status: e.status })).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    },
  };
}

/**
 * The archived bytes of each of `urls` that answered 200 (one redirect followed, as WordPress sends
 * `/files/…` through one), for the Markdown export's copied images. URLs not in the archive are left out.
 */
export async function readArchivedFiles(crawlDir: string, urls: readonly string[], onProgress?: (done: number, found: number) => void): Promise<Map<string, Buffer>> {
  const index = await openArchiveIndex(crawlDir);
  const found = new Map<string, Buffer>();
  let done = 0;
  for (const url of urls) {
    let r = await index.get(url);
    const location = r && r.status >= 300 && r.status < 400 ? r.headers.location : undefined;
    if (location) r = await index.get(new URL(location, url).href);
    if (r && r.status === 200) found.set(url, r.body);
    onProgress?.(++done, found.size);
  }
  return found;
}
