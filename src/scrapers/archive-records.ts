/**
 * The records of one WARC file, damage included. The fast path streams the file through Node's native
 * gunzip (it reads concatenated members as one stream; memory stays at one record). When that stream
 * fails (a flipped byte, a torn tail, junk) the file is read again member by member from its start: each
 * gzip member is inflated alone, a bad one is reported with its byte offset and skipped, and reading goes
 * on at the next gzip member, so the records after the damage are kept (this writer and most others put
 * one record in each member). Damage is never silent: `onDamage` hears every place the file did not read.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip, crc32, inflateRawSync } from 'node:zlib';
import { RecordIdSet } from './record-ids.ts';

export interface RawRecord {
  /** WARC header names as written; looked up case-insensitively through `get`. */
  get(name: string): string | undefined;
  block: Buffer;
}

/** A place where a WARC file did not read: the file, the byte offset (compressed), and what was wrong. */
export interface ArchiveDamage {
  file: string;
  offset: number;
  reason: string;
}

const CRLF = Buffer.from('\r\n');
const CRLFCRLF = Buffer.from('\r\n\r\n');
const WARC_MAGIC = Buffer.from('WARC/');

/** `buf` from `start` with leading spaces and tabs left out (trim() then has nothing to cut, usually). */
function skipBlanks(buf: Buffer, start: number, end: number): number {
  while (start < end && (buf[start] === 0x20 || buf[start] === 0x09)) start++;
  return start;
}

/**
 * The header fields of a record's header block (`buf` up to `end`), names lower-cased. Each value is
 * decoded from its own bytes: a value cut from one string of the whole block would be a V8 sliced string
 * holding the block, and record IDs are kept for the whole file (warcRecords) — at 50,000 posts that held
 * every record's header block, over 100 MB, until the file was read.
 */
function headerFields(buf: Buffer, end: number): Map<string, string> {
  const headers = new Map<string, string>();
  let pos = buf.indexOf(CRLF);
  while (pos >= 0 && pos < end) {
    const start = pos + 2;
    let eol = buf.indexOf(CRLF, start);
    if (eol < 0 || eol > end) eol = end;
    const colon = buf.indexOf(0x3a, start);
    if (colon > start && colon < eol) {
      const name = buf.toString('utf8', start, colon).trim().toLowerCase();
      headers.set(name, buf.toString('utf8', skipBlanks(buf, colon + 1, eol), eol).trim());
    }
    pos = eol === end ? -1 : eol;
  }
  return headers;
}

/**
 * The WARC record at the start of `buf`: its headers and block, and the bytes it takes (block + CRLFCRLF);
 * `{ need }` when more bytes are needed to see all of it; null when `buf` does not start with a record.
 */
export function splitRecord(buf: Buffer): { record: RawRecord; total: number } | { need: number } | null {
  if (buf.length >= 5 && buf.compare(WARC_MAGIC, 0, 5, 0, 5) !== 0) return null;
  const headEnd = buf.indexOf(CRLFCRLF);
  if (headEnd < 0) return buf.length > 1024 * 1024 ? null : { need: buf.length + 1 };
  if (buf.compare(WARC_MAGIC, 0, 5, 0, Math.min(5, headEnd)) !== 0) return null;
  const headers = headerFields(buf, headEnd);
  const length = Number(headers.get('content-length') ?? NaN);
  if (!Number.isSafeInteger(length) || length < 0) return null;
  const total = headEnd + 4 + length + 4;
  if (buf.length < total) return { need: total };
  return { record: { get: (name) => headers.get(name.toLowerCase()), block: buf.subarray(headEnd + 4, headEnd + 4 + length) }, total };
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);

/** Bytes of the gzip member header at the start of `buf` (RFC 1952 §2.3), or null when `buf` is too short. */
function gzipHeaderLength(buf: Buffer): number | null {
  if (buf.length < 10) return null;
  const flags = buf[3]!;
  let p = 10;
  if (flags & 4) { if (buf.length < p + 2) return null; p += 2 + buf.readUInt16LE(p); }
  for (const bit of [8, 16]) {
    if (!(flags & bit)) continue;
    const z = buf.indexOf(0, p);
    if (z < 0) return null;
    p = z + 1;
  }
  if (flags & 2) p += 2;
  return p <= buf.length ? p : null;
}

/** Reads a file in windows that grow until the piece asked for fits. */
class FileWindow {
  constructor(private readonly fh: Awaited<ReturnType<typeof open>>, readonly size: number) {}
  async read(pos: number, len: number): Promise<Buffer> {
    const n = Math.max(0, Math.min(len, this.size - pos));
    const buf = Buffer.alloc(n);
    if (n > 0) await this.fh.read(buf, 0, n, pos);
    return buf;
  }
  /** The next offset at or after `from` where a gzip member could start, or -1. */
  async nextMagic(from: number): Promise<number> {
    for (let p = from; p < this.size; p += 1024 * 1024 - 2) {
      const i = (await this.read(p, 1024 * 1024)).indexOf(GZIP_MAGIC);
      if (i >= 0) return p + i;
    }
    return -1;
  }
}

/** inflateRawSync with `info`: the output and the engine, whose bytesWritten is the deflate data consumed. */
type Inflated = { buffer: Buffer; engine: { bytesWritten: number } };

/** Every gzip member of `path` that inflates and checks out, with its offset; the rest reported as damage. */
async function* gzipMembers(path: string, onDamage: (d: ArchiveDamage) => void): AsyncGenerator<{ offset: number; data: Buffer; afterDamage: boolean }> {
  const fh = await open(path, 'r');
  try {
    const file = new FileWindow(fh, (await stat(path)).size);
    let pos = 0;
    let afterDamage = false;
    const skip = async (reason: string) => {
      onDamage({ file: path, offset: pos, reason });
      afterDamage = true;
      pos = await file.nextMagic(pos + 1);
    };
    while (pos >= 0 && pos < file.size) {
      let want = 256 * 1024;
      for (;;) {
        const buf = await file.read(pos, want);
        if (buf.length < 3 || !buf.subarray(0, 3).equals(GZIP_MAGIC)) { await skip('not the start of a gzip member'); break; }
        const head = gzipHeaderLength(buf);
        const grow = pos + want < file.size;
        let out: Inflated | null = null;
        let error = '';
        if (head !== null) {
          try {
            out = inflateRawSync(buf.subarray(head), { info: true }) as unknown as Inflated;
          } catch (err) {
            error = (err as Error).message;
          }
        }
        const end = out ? head! + out.engine.bytesWritten + 8 : Infinity;
        if ((head === null || /unexpected end/.test(error) || end > buf.length) && grow) { want *= 4; continue; }
        if (!out || end > buf.length) {
          await skip(head === null || /unexpected end/.test(error) || end > buf.length ? 'the file ends inside this gzip member (torn or cut short)' : `gzip member does not inflate (${error})`);
          break;
        }
        const trailer = buf.subarray(end - 8, end);
        if (trailer.readUInt32LE(0) !== crc32(out.buffer) || trailer.readUInt32LE(4) !== (out.buffer.length >>> 0)) {
          await skip('gzip member fails its CRC-32 check (damaged bytes)');
          break;
        }
        yield { offset: pos, data: out.buffer, afterDamage };
        afterDamage = false;
        pos += end;
        break;
      }
    }
  } finally {
    await fh.close();
  }
}

/** Member by member: records whole in the members that read; a record split by damage is dropped and said. */
async function* slowRecords(path: string, onDamage: (d: ArchiveDamage) => void): AsyncGenerator<RawRecord> {
  let buf: Buffer = Buffer.alloc(0);
  let at = 0;
  for await (const m of gzipMembers(path, onDamage)) {
    if (m.afterDamage) buf = Buffer.alloc(0);
    if (buf.length === 0) at = m.offset;
    buf = buf.length === 0 ? m.data : Buffer.concat([buf, m.data]);
    for (;;) {
      if (buf.length === 0) break;
      const r = splitRecord(buf);
      if (r === null) { onDamage({ file: path, offset: at, reason: 'gzip member holds no WARC record header' }); buf = Buffer.alloc(0); break; }
      if ('need' in r) break;
      yield r.record;
      buf = buf.subarray(r.total);
      at = m.offset;
    }
  }
  if (buf.length > 0) onDamage({ file: path, offset: at, reason: 'the file ends inside a WARC record' });
}

/** An uncompressed .warc: records in a row; after damage, reading resumes at the next `WARC/1.` line. */
async function* plainRecords(path: string, onDamage: (d: ArchiveDamage) => void): AsyncGenerator<RawRecord> {
  let buf: Buffer = Buffer.alloc(0);
  let offset = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    for (;;) {
      const r = splitRecord(buf);
      if (r && 'need' in r) break;
      if (r === null) {
        const next = buf.indexOf('\r\nWARC/1.', 1);
        onDamage({ file: path, offset, reason: 'not a WARC record here' });
        const cut = next < 0 ? Math.max(0, buf.length - 16) : next + 2;
        offset += cut;
        buf = buf.subarray(cut);
        if (next < 0) break;
        continue;
      }
      yield r.record;
      offset += r.total;
      buf = buf.subarray(r.total);
    }
  }
  if (buf.length > 0 && buf.subarray(0, 5).toString('latin1') === 'WARC/') onDamage({ file: path, offset, reason: 'the file ends inside a WARC record' });
}

/**
 * The records of one WARC file (gzipped or not, told by its first bytes, not its name). The fast stream
 * yields records while it reads cleanly; on the first error the slow reader goes over the file again and
 * the records the stream already yielded are skipped by their WARC-Record-ID.
 */
export async function* warcRecords(path: string, onDamage: (d: ArchiveDamage) => void): AsyncGenerator<RawRecord> {
  const fh = await open(path, 'r');
  const first = Buffer.alloc(5);
  const { bytesRead } = await fh.read(first, 0, 5, 0);
  await fh.close();
  if (bytesRead === 0) { onDamage({ file: path, offset: 0, reason: 'empty file (0 bytes)' }); return; }
  const gz = bytesRead >= 3 && first.subarray(0, 3).equals(GZIP_MAGIC);
  if (!gz) {
    if (bytesRead < 5 || first.toString('latin1') !== 'WARC/') {
      onDamage({ file: path, offset: 0, reason: 'neither gzip nor WARC data (mislabelled or not a WARC file)' });
      return;
    }
    yield* plainRecords(path, onDamage);
    return;
  }
  const yielded = new RecordIdSet();
  let failed = false;
  const input = createReadStream(path);
  const stream = input.pipe(createGunzip());
  input.on('error', (err) => stream.destroy(err));
  let buf: Buffer = Buffer.alloc(0);
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let need = 0;
  try {
    outer: for await (const chunk of stream as AsyncIterable<Buffer>) {
      pending.push(chunk);
      pendingLen += chunk.length;
      if (buf.length + pendingLen < need) continue;
      buf = Buffer.concat([buf, ...pending]);
      pending = [];
      pendingLen = 0;
      for (;;) {
        const r = splitRecord(buf);
        if (r === null) { failed = true; break outer; }
        if ('need' in r) { need = r.need; break; }
        yield r.record;
        yielded.add(r.record.get('WARC-Record-ID') ?? '');
        buf = buf.subarray(r.total);
        need = 0;
      }
    }
    if (buf.length + pendingLen > 0) failed = true;
  } catch {
    failed = true;
  } finally {
    input.destroy();
  }
  if (!failed) return;
  for await (const rec of slowRecords(path, onDamage)) if (!yielded.has(rec.get('WARC-Record-ID') ?? '')) yield rec;
}
