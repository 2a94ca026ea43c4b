/**
 * WARC 1.1 writing (via warcio) and the CDXJ index. Reading lives in archive-reader.ts and is re-exported here,
 * so other stages import everything archive-related from this one module.
 *
 * Decisions (see docs/crawl.md):
 * - Payloads are stored exactly as received, Content-Encoding included (the WARC standard's "as transferred"
 *   view); only chunked transfer coding is removed (undici has already undone it), so `Transfer-Encoding` is
 *   renamed to `X-Archive-Orig-Transfer-Encoding`, as pywb and Browsertrix do. Readers decode Content-Encoding.
 * - Digests are SHA-256 in base32 (`sha256:…`); the payload digest covers the payload as stored.
 * - Each record is its own gzip member (native zlib: faster than warcio's web-stream gzip, same bytes on disk
 *   format), so a record can be read alone from its offset and a torn tail is cut at a member boundary.
 * - Only the final attempt of a URL is archived (retries are in crawl-log.jsonl), so every URL has one capture.
 */
import { closeSync, existsSync, fstatSync, openSync, writeSync, ftruncateSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';
import type { FetchedResponse } from './fetch.ts';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.ts';

export { readArchive, openArchiveIndex, readArchivedFiles, readRecordAt, findTruncatedWarcs, type ArchiveIndex } from './archive-reader.ts';
export { cdxTimestamp, formatCdxj, surtKey, type CdxEntry } from './archive-cdxj.ts';
import { cdxTimestamp, type CdxEntry } from './archive-cdxj.ts';

const DIGEST = { algo: 'sha-256' as const, prefix: 'sha256:', base32: true };
export const DEFAULT_MAX_WARC_BYTES = 1_000_000_000;

function httpHeadersForWarc(headers: readonly [string, string][]): [string, string][] {
  return headers.map(([k, v]) => [k === 'transfer-encoding' ? 'x-archive-orig-transfer-encoding' : k, v]);
}

/** RFC 4648 base32, the customary spelling of WARC digests. */
export function base32(buf: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8) out += '=';
  return out;
}

export function sha256Digest(...parts: Uint8Array[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return `${DIGEST.prefix}${base32(h.digest())}`;
}

/**
 * Serialises one record with warcio and gzips it as its own member. The digests are computed here with
 * node:crypto and set on the record first, because warcio then skips its hash-wasm hashers (instantiating
 * WebAssembly per record cost more than fetching the page). Synchronous gzip: for pages of tens of KB it is
 * faster than the thread-pool variant, whose per-chunk round trips cost more than the compression.
 */
export async function serialize(record: WARCRecord, payload: Buffer | null, level = 6): Promise<Buffer> {
  if (payload && record.httpHeaders) {
    const head = Buffer.from(`${record.httpHeaders.toString()}\r\n`);
    record.warcHeaders.headers.set('WARC-Block-Digest', sha256Digest(head, payload));
    if (record.warcType !== 'revisit') record.warcHeaders.headers.set('WARC-Payload-Digest', sha256Digest(payload));
  }
  const bytes = await WARCSerializer.serialize(record, { gzip: false, digest: DIGEST });
  return gzipSync(bytes, { level });
}

export interface WriterPosition {
  /** Index of the current file (`<prefix>-00000.warc.gz` is 0). */
  fileIndex: number;
  /** Bytes of that file that are committed; anything after is a torn tail and is cut off. */
  end: number;
}

export interface WrittenCapture {
  entry: CdxEntry;
  /** Where the file ends after this write: the crawler journals it as the new commit point. */
  position: WriterPosition;
}

/**
 * Appends records to `archive/<prefix>-NNNNN.warc.gz`, rolling to a new file (with its own warcinfo) past
 * `maxFileBytes`. Writes are synchronous so that a record is wholly in the file before the journal says so.
 */
export class WarcWriter {
  private fd = -1;
  private fileIndex: number;
  private size = 0;
  private readonly dir: string;

  constructor(crawlDir: string, private readonly prefix: string, private readonly info: Record<string, string>, private readonly maxFileBytes = DEFAULT_MAX_WARC_BYTES, resumeAt?: WriterPosition) {
    this.dir = join(crawlDir, 'archive');
    mkdirSync(this.dir, { recursive: true });
    this.fileIndex = resumeAt?.fileIndex ?? 0;
    // Files beyond the committed one were started after the last commit: drop them, their records get refetched.
    for (const name of readdirSync(this.dir)) {
      const m = /^(.*)-(\d{5})\.warc\.gz$/.exec(name);
      if (m && m[1] === prefix && Number(m[2]) > this.fileIndex) rmSync(join(this.dir, name));
      if (m && m[1] === prefix && Number(m[2]) === this.fileIndex && !resumeAt) rmSync(join(this.dir, name));
    }
    if (resumeAt && existsSync(this.path())) {
      this.fd = openSync(this.path(), 'r+');
      if (fstatSync(this.fd).size > resumeAt.end) ftruncateSync(this.fd, resumeAt.end);
      this.size = resumeAt.end;
      closeSync(this.fd);
      this.fd = openSync(this.path(), 'a');
    }
  }

  get filename(): string {
    return `${this.prefix}-${String(this.fileIndex).padStart(5, '0')}.warc.gz`;
  }

  private path(): string {
    return join(this.dir, this.filename);
  }

  get position(): WriterPosition {
    return { fileIndex: this.fileIndex, end: this.size };
  }

  private append(buf: Buffer): number {
    const offset = this.size;
    let done = 0;
    while (done < buf.length) done += writeSync(this.fd, buf, done, buf.length - done);
    this.size += buf.length;
    return offset;
  }

  /** Opens the current file (or the next one past the size cap), writing its warcinfo first. */
  private async ensureFile(incoming: number): Promise<void> {
    if (this.fd >= 0 && (this.size === 0 || this.size + incoming <= this.maxFileBytes)) return;
    if (this.fd >= 0) {
      closeSync(this.fd);
      this.fileIndex++;
    }
    // O_EXCL: never truncate an existing WARC (another writer's file, or one this folder already holds);
    // the constructor has removed the files a fresh or resumed crawl may replace.
    this.fd = openSync(this.path(), 'wx');
    this.size = 0;
    const info = await WARCRecord.createWARCInfo({ filename: this.filename, warcVersion: 'WARC/1.1' }, {
      software: `${PACKAGE_NAME}/${PACKAGE_VERSION} (warcio.js)`,
      format: 'WARC File Format 1.1',
      conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
      ...this.info,
    });
    this.append(await serialize(info, null));
  }

  /** Writes request + response (or request + revisit) for one fetch; returns the index entry of the response. */
  async writeExchange(res: FetchedResponse, date: string, revisit?: { original: CdxEntry; originalRecord: Buffer }, onWritten?: (c: WrittenCapture) => void): Promise<WrittenCapture> {
    const responseId = `<urn:uuid:${randomUUID()}>`;
    const requestId = `<urn:uuid:${randomUUID()}>`;
    const statusline = `HTTP/1.1 ${res.status} ${res.statusText}`.trimEnd();
    const parts: Buffer[] = [];
    const request = WARCRecord.create({
      url: res.url, date, type: 'request', warcVersion: 'WARC/1.1',
      warcHeaders: { 'WARC-Record-ID': requestId, 'WARC-Concurrent-To': responseId },
      statusline: `GET ${res.requestPath} HTTP/1.1`, httpHeaders: res.requestHeaders,
    });
    let response: WARCRecord;
    if (revisit) {
      // The 304 itself, as a revisit; the original record is copied in before it so this folder alone
      // yields the full page (readArchive yields the copy and skips the revisit that points to it).
      response = WARCRecord.create({
        url: res.url, date, type: 'revisit', warcVersion: 'WARC/1.1',
        warcHeaders: {
          'WARC-Record-ID': responseId,
          'WARC-Profile': 'http://netpreserve.org/warc/1.1/revisit/server-not-modified',
          'WARC-Refers-To': revisit.original.recordId,
          'WARC-Refers-To-Target-URI': revisit.original.url,
          'WARC-Refers-To-Date': isoFromTimestamp(revisit.original.timestamp),
          'WARC-Payload-Digest': revisit.original.digest,
        },
        statusline, httpHeaders: httpHeadersForWarc(res.headers),
      });
      // warcio sets the identical-payload-digest profile on every revisit; a 304 is the server-not-modified one.
      response.warcHeaders.headers.set('WARC-Profile', 'http://netpreserve.org/warc/1.1/revisit/server-not-modified');
    } else {
      response = WARCRecord.create({
        url: res.url, date, type: 'response', warcVersion: 'WARC/1.1',
        warcHeaders: { 'WARC-Record-ID': responseId },
        statusline, httpHeaders: httpHeadersForWarc(res.headers),
      }, [res.rawBody]);
    }
    // gzip level 3 for text: 8 % larger than level 6 at two thirds of the CPU (measured on the replica's
    // pages), and compression was the crawler's largest CPU cost. A payload that is already compressed
    // (gzip/br transfer, images, archives) gains nothing from any level, so it gets level 1.
    const level = isCompressed(res) ? 1 : 3;
    const [reqBuf, resBuf] = await Promise.all([serialize(request, Buffer.alloc(0)), serialize(response, revisit ? Buffer.alloc(0) : res.rawBody, level)]);
    if (revisit) parts.push(revisit.originalRecord);
    parts.push(reqBuf, resBuf);
    const total = parts.reduce((n, b) => n + b.length, 0);
    const mime = (res.headers.find(([k]) => k === 'content-type')?.[1] ?? '').split(';')[0]!.trim().toLowerCase();
    // Only the file roll and the append are serialised; building and gzipping records runs concurrently.
    return this.locked(async () => {
    await this.ensureFile(total);
    const filename = this.filename;
    const start = this.append(Buffer.concat(parts, total));
    let entry: CdxEntry;
    if (revisit) {
      // Index the copied original (it holds the body) so openArchiveIndex().get() returns the page.
      entry = { ...revisit.original, length: revisit.originalRecord.length, offset: start, filename, revisitOf: revisit.original.recordId };
    } else {
      entry = {
        url: res.url, timestamp: cdxTimestamp(date), mime: mime || 'unk', status: res.status,
        digest: response.warcHeaders.headers.get('WARC-Payload-Digest') ?? '',
        length: resBuf.length, offset: start + reqBuf.length, filename, recordId: responseId,
      };
    }
    const written = { entry, position: this.position };
    // Called before any other append can happen, so the journal's commit points only ever grow.
    onWritten?.(written);
    return written;
    });
  }

  /**
   * Appends records built elsewhere (archive-imported.ts: captures that came from a web archive or a saved
   * mirror rather than a fetch) as one unit. `indexed` is the member the index points to; `entry` its data.
   */
  async appendRecords(parts: Buffer[], indexed: number, entry: Omit<CdxEntry, 'offset' | 'length' | 'filename'>, onWritten?: (c: WrittenCapture) => void): Promise<WrittenCapture> {
    const total = parts.reduce((n, b) => n + b.length, 0);
    return this.locked(async () => {
      await this.ensureFile(total);
      const filename = this.filename;
      const start = this.append(Buffer.concat(parts, total));
      const offset = start + parts.slice(0, indexed).reduce((n, b) => n + b.length, 0);
      const written = { entry: { ...entry, offset, length: parts[indexed]!.length, filename }, position: this.position };
      onWritten?.(written);
      return written;
    });
  }

  private chain: Promise<unknown> = Promise.resolve();

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn);
    this.chain = p.catch(() => {});
    return p;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

function isCompressed(res: FetchedResponse): boolean {
  const get = (name: string) => res.headers.find(([k]) => k === name)?.[1] ?? '';
  const enc = get('content-encoding').toLowerCase();
  if (enc && enc !== 'identity') return true;
  return /^(image\/(jpeg|png|gif|webp)|video\/|audio\/|application\/(zip|gzip|pdf|x-7z))/i.test(get('content-type'));
}

function isoFromTimestamp(ts: string): string {
  return `${ts.slice(0, 4)}-${ts.slice(4, 6)}-${ts.slice(6, 8)}T${ts.slice(8, 10)}:${ts.slice(10, 12)}:${ts.slice(12, 14)}Z`;
}
