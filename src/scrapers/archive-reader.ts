/**
 * Reading the archive back without the network: every response in archive order (readArchive), or one
 * capture by URL through index.cdxj (openArchiveIndex). Bodies come back with Content-Encoding and chunking
 * removed. A torn last record (a crawl killed mid-write) ends the file quietly instead of failing the read.
 */
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WARCParser, type WARCRecord } from 'warcio';
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

function headersOf(record: WARCRecord): Record<string, string> {
  const out: Record<string, string> = {};
  const h = record.httpHeaders?.headers;
  if (!h) return out;
  for (const [k, v] of h as Iterable<[string, string]>) {
    const name = k.toLowerCase();
    out[name] = out[name] === undefined ? v : `${out[name]}, ${v}`;
  }
  return out;
}

/** Turns a response record (payload already read raw) into an ArchivedResponse; null if the record is torn. */
async function toArchived(record: WARCRecord, override?: { date: string; recordId: string; url: string }): Promise<ArchivedResponse | null> {
  const raw = Buffer.from(await record.readFully(false));
  const wh = record.warcHeaders.headers;
  const headers = headersOf(record);
  const httpHeadersLen = record.httpHeaders ? Buffer.byteLength(`${record.httpHeaders.toString()}\r\n`) : 0;
  const declared = Number(wh.get('Content-Length'));
  // A torn gzip member inflates to fewer bytes than the record declared.
  if (Number.isFinite(declared) && raw.length < declared - httpHeadersLen) return null;
  let body = headers['transfer-encoding']?.toLowerCase().includes('chunked') ? dechunk(raw) : raw;
  try {
    body = decodeContentEncoding(body, headers['content-encoding']);
  } catch {
    // Undecodable: hand over the bytes as stored rather than lose them.
  }
  return {
    url: override?.url ?? wh.get('WARC-Target-URI') ?? '',
    status: record.httpHeaders?.statusCode ? Number(record.httpHeaders.statusCode) : 0,
    headers,
    body,
    date: override?.date ?? wh.get('WARC-Date') ?? '',
    recordId: override?.recordId ?? wh.get('WARC-Record-ID') ?? '',
    payloadDigest: wh.get('WARC-Payload-Digest') ?? '',
  };
}

/**
 * Every response of a crawl folder in archive order, bodies decoded. A `revisit` whose original was copied
 * into the same archive (what `--since` writes) is skipped, since the copy was yielded just before it; any
 * other revisit is resolved through index.cdxj to the original payload.
 */
export async function* readArchive(crawlDir: string): AsyncIterable<ArchivedResponse> {
  const yielded = new Set<string>();
  let index: ArchiveIndex | null = null;
  for (const name of listWarcFiles(crawlDir)) {
    const parser = new WARCParser(createReadStream(join(crawlDir, 'archive', name)));
    const out: ArchivedResponse[] = [];
    try {
      for await (const record of parser) {
        const type = record.warcType;
        if (type === 'response') {
          const a = await toArchived(record);
          if (!a) break;
          yielded.add(a.recordId);
          out.push(a);
        } else if (type === 'revisit') {
          const refersTo = record.warcHeaders.headers.get('WARC-Refers-To') ?? '';
          await record.readFully(false);
          if (refersTo && yielded.has(refersTo)) continue;
          const target = record.warcHeaders.headers.get('WARC-Refers-To-Target-URI') ?? record.warcTargetURI ?? '';
          index ??= await openArchiveIndex(crawlDir);
          const original = await index.get(target);
          if (original) {
            out.push({ ...original, url: record.warcTargetURI ?? original.url, date: record.warcDate ?? original.date, recordId: record.warcHeaders.headers.get('WARC-Record-ID') ?? original.recordId });
          }
        } else {
          await record.readFully(false);
        }
        // Hand over in small batches: the parser must not be held across a consumer's await for long.
        while (out.length) yield out.shift()!;
      }
    } catch {
      // A torn last record: everything before it has been yielded; the rest of this file is unreadable.
    }
    while (out.length) yield out.shift()!;
  }
}

/** Reads the one record stored at `offset` (a gzip member of `length` bytes) in `archive/<filename>`. */
export async function readRecordAt(crawlDir: string, filename: string, offset: number, length: number): Promise<ArchivedResponse | null> {
  const fh = await open(join(crawlDir, 'archive', filename), 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, offset);
    const parser = new WARCParser([buf.subarray(0, bytesRead)]);
    const record = await parser.parse();
    if (!record || (record.warcType !== 'response')) return null;
    return await toArchived(record);
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
