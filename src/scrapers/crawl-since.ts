/**
 * Conditional re-crawl for snapshots (`--since DIR`): for each URL the previous crawl archived with a 200, send
 * its ETag / Last-Modified back as If-None-Match / If-Modified-Since. A 304 is stored as a WARC `revisit`
 * (profile server-not-modified) and the previous response record is copied in just before it, byte for byte,
 * so the new folder alone still yields the full page.
 */
import { open, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeUrl } from '../url.ts';
import { readRecordAt } from './archive-reader.ts';
import { cdxTimestamp, type CdxEntry } from './archive.ts';

export interface PreviousCapture {
  entry: CdxEntry;
  headers: [string, string][];
  conditionalHeaders: Record<string, string>;
  body(): Promise<Buffer>;
  /** What WarcWriter.writeExchange needs to store a 304: the original's index entry and its record bytes. */
  revisit(): Promise<{ original: CdxEntry; originalRecord: Buffer }>;
}

export interface PreviousCrawl {
  lookup(url: string): Promise<PreviousCapture | null>;
}

interface IndexRow { filename: string; offset: number; length: number; status: number; mime: string; digest: string }

export async function openPreviousCrawl(dir: string): Promise<PreviousCrawl> {
  const rows = new Map<string, IndexRow>();
  const path = join(dir, 'index.cdxj');
  if (existsSync(path)) {
    for (const line of (await readFile(path, 'utf8')).split('\n')) {
      const i = line.indexOf(' {');
      if (i < 0) continue;
      const j = JSON.parse(line.slice(i + 1)) as Record<string, string>;
      rows.set(normalizeUrl(j.url!) ?? j.url!, { filename: j.filename!, offset: Number(j.offset), length: Number(j.length), status: Number(j.status), mime: j.mime ?? '', digest: j.digest ?? '' });
    }
  }
  return {
    async lookup(url) {
      const row = rows.get(url);
      if (!row || row.status !== 200) return null;
      const rec = await readRecordAt(dir, row.filename, row.offset, row.length);
      if (!rec) return null;
      const conditionalHeaders: Record<string, string> = {};
      if (rec.headers.etag) conditionalHeaders['if-none-match'] = rec.headers.etag;
      if (rec.headers['last-modified']) conditionalHeaders['if-modified-since'] = rec.headers['last-modified'];
      if (Object.keys(conditionalHeaders).length === 0) return null;
      const entry: CdxEntry = { url, timestamp: cdxTimestamp(rec.date), mime: row.mime, status: rec.status, digest: rec.payloadDigest || row.digest, length: row.length, offset: row.offset, filename: row.filename, recordId: rec.recordId };
      return {
        entry,
        headers: Object.entries(rec.headers),
        conditionalHeaders,
        body: async () => rec.body,
        async revisit() {
          const fh = await open(join(dir, 'archive', row.filename), 'r');
          try {
            const buf = Buffer.alloc(row.length);
            await fh.read(buf, 0, row.length, row.offset);
            return { original: entry, originalRecord: buf };
          } finally {
            await fh.close();
          }
        },
      };
    },
  };
}
