/**
 * Answers received from the archive but not yet recorded, kept in `wayback-received/` beside the journal.
 * Every final answer (a capture, the archive's 302 to a nearby capture, a CDX page) is written here the
 * moment it arrives, before it is judged, and removed once what it led to is in the journal or the state
 * log (`settle`). A kill in between (while the capture is parsed, gzipped, written to the WARC, or between
 * the WARC write and the journal line) leaves the bytes on disk: `--resume` makes the same choice again,
 * asks for the same archive URL and gets it from here, so no capture is asked of the archive twice. The WARC
 * is still cut back to the journal's last record (a record the journal never confirmed is written again from
 * these bytes), so the journal and the archive cannot disagree.
 * One file per archive URL: a JSON line (status, headers, body length) and the raw body, written to a
 * temporary name and renamed, so a file under its own name is whole.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeContentEncoding, headerValue, type FetchedResponse } from '../../fetch.ts';

export const RECEIVED_DIR = 'wayback-received';

interface Head { url: string; status: number; statusText: string; headers: [string, string][]; length: number }

export class ReceivedSpool {
  private readonly dir: string;
  /** Files written or read since the last settle. */
  private open = new Set<string>();

  constructor(outDir: string) {
    this.dir = join(outDir, RECEIVED_DIR);
    mkdirSync(this.dir, { recursive: true });
    // A temporary file is a write a kill cut short: its answer was never whole on disk.
    for (const name of readdirSync(this.dir)) if (name.endsWith('.tmp')) rmSync(join(this.dir, name), { force: true });
  }

  private fileOf(url: string): string {
    return join(this.dir, createHash('sha256').update(url).digest('hex').slice(0, 32));
  }

  /** The answer an earlier run received for `url` and did not record, or null. */
  take(url: string): FetchedResponse | null {
    const file = this.fileOf(url);
    if (!existsSync(file)) return null;
    const buf = readFileSync(file);
    const nl = buf.indexOf(0x0a);
    let head: Head;
    try {
      head = JSON.parse(buf.subarray(0, nl).toString('utf8')) as Head;
    } catch {
      return null;
    }
    const rawBody = buf.subarray(nl + 1);
    if (head.url !== url || rawBody.length !== head.length) return null;
    this.open.add(file);
    let body: Buffer = rawBody;
    let undecodable: string | undefined;
    try {
      body = decodeContentEncoding(rawBody, headerValue(head.headers, 'content-encoding'));
    } catch (err) {
      body = Buffer.alloc(0);
      undecodable = `does not decode (${(err as Error).message})`;
    }
    return { url, status: head.status, statusText: head.statusText, requestPath: '', requestHeaders: [], headers: head.headers, rawBody, body, ms: 0, ...(undecodable ? { undecodable } : {}) };
  }

  /** Keeps an answer just received (synchronously: nothing runs between its arrival and this write). */
  keep(url: string, res: FetchedResponse): void {
    const file = this.fileOf(url);
    const head: Head = { url, status: res.status, statusText: res.statusText, headers: res.headers, length: res.rawBody.length };
    writeFileSync(`${file}.tmp`, Buffer.concat([Buffer.from(`${JSON.stringify(head)}\n`), res.rawBody]));
    renameSync(`${file}.tmp`, file);
    this.open.add(file);
  }

  /** What the answers since the last settle led to is recorded: they are not needed again. */
  settle(): void {
    for (const f of this.open) rmSync(f, { force: true });
    this.open.clear();
  }

  /** The run finished: answers left over (a capture that turned out to be recorded already) go. */
  clear(): void {
    rmSync(this.dir, { recursive: true, force: true });
    this.open.clear();
  }
}
