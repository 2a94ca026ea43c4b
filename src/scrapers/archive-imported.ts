/**
 * WARC records for captures that were not fetched by this tool: a web archive's raw capture (`import
 * wayback`) or a file of a saved mirror (`import mirror`). Both are written through the crawl's WarcWriter,
 * so the folder is the one `crawl` writes; what differs is what the records say about where they came from:
 * - a web archive capture is a `response` record holding the ORIGINAL status line and headers, dated with the
 *   capture's own time, followed by a `metadata` record naming the memento URL and the archive (no `request`
 *   record: we never sent a request to the old site);
 * - a mirror file is a `resource` record (the WARC type for "content without its HTTP exchange"), since the
 *   status and headers are gone and anything we wrote there would be invented, plus a `metadata` record
 *   naming the file it was rebuilt from.
 */
import { randomUUID } from 'node:crypto';
import { WARCRecord } from 'warcio';
import { cdxTimestamp, serialize, sha256Digest, type CdxEntry, type WarcWriter, type WrittenCapture } from './archive.ts';

export interface ImportedResponse {
  url: string;
  /** ISO 8601 time of the capture (WARC-Date). */
  date: string;
  status: number;
  statusText: string;
  /** The original response headers, lower-case names, as the site sent them (Content-Encoding included). */
  headers: [string, string][];
  /** The payload as the site sent it. */
  rawBody: Buffer;
}

/** `name: value` lines (application/warc-fields), values kept on one line. */
function warcFields(fields: readonly [string, string][]): Buffer {
  return Buffer.from(fields.map(([k, v]) => `${k}: ${v.replace(/[\r\n]+/g, ' ')}\r\n`).join(''), 'utf8');
}

function metadataRecord(url: string, date: string, concurrentTo: string, fields: readonly [string, string][]): WARCRecord {
  const body = warcFields(fields);
  const rec = WARCRecord.create({
    url, date, type: 'metadata', warcVersion: 'WARC/1.1',
    warcHeaders: { 'WARC-Record-ID': `<urn:uuid:${randomUUID()}>`, 'WARC-Concurrent-To': concurrentTo, 'Content-Type': 'application/warc-fields' },
  }, [body]);
  rec.warcHeaders.headers.set('WARC-Block-Digest', sha256Digest(body));
  return rec;
}

const mimeOf = (contentType: string | undefined) => (contentType ?? '').split(';')[0]!.trim().toLowerCase() || 'unk';

/** Writes a web archive's capture as response + metadata; resolves to the index entry of the response. */
export async function writeImportedResponse(writer: WarcWriter, r: ImportedResponse, metadata: readonly [string, string][], onWritten?: (c: WrittenCapture) => void): Promise<WrittenCapture> {
  const id = `<urn:uuid:${randomUUID()}>`;
  const response = WARCRecord.create({
    url: r.url, date: r.date, type: 'response', warcVersion: 'WARC/1.1',
    warcHeaders: { 'WARC-Record-ID': id },
    statusline: `HTTP/1.1 ${r.status} ${r.statusText}`.trimEnd(), httpHeaders: r.headers,
  }, [r.rawBody]);
  const parts = [await serialize(response, r.rawBody, 3), await serialize(metadataRecord(r.url, r.date, id, metadata), null, 3)];
  const entry: Omit<CdxEntry, 'offset' | 'length' | 'filename'> = {
    url: r.url, timestamp: cdxTimestamp(r.date), mime: mimeOf(r.headers.find(([k]) => k === 'content-type')?.[1]), status: r.status,
    digest: response.warcHeaders.headers.get('WARC-Payload-Digest') ?? '', recordId: id,
  };
  return writer.appendRecords(parts, 0, entry, onWritten);
}

/** Writes a saved file as resource + metadata; the index lists it as a 200 of its content type. */
export async function writeResourceRecord(writer: WarcWriter, url: string, date: string, contentType: string, body: Buffer, metadata: readonly [string, string][], onWritten?: (c: WrittenCapture) => void): Promise<WrittenCapture> {
  const id = `<urn:uuid:${randomUUID()}>`;
  const digest = sha256Digest(body);
  const resource = WARCRecord.create({
    url, date, type: 'resource', warcVersion: 'WARC/1.1',
    warcHeaders: { 'WARC-Record-ID': id, 'Content-Type': contentType, 'WARC-Block-Digest': digest, 'WARC-Payload-Digest': digest },
  }, [body]);
  const parts = [await serialize(resource, null, 3), await serialize(metadataRecord(url, date, id, metadata), null, 3)];
  return writer.appendRecords(parts, 0, { url, timestamp: cdxTimestamp(date), mime: mimeOf(contentType), status: 200, digest, recordId: id }, onWritten);
}
