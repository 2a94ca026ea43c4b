/**
 * The crawl's memory across runs: an append-only JSONL journal in the output folder (`crawl-state.jsonl`).
 * Every line is written with one synchronous write after the WARC bytes it refers to, so after a SIGKILL the
 * journal never claims more than the archive holds: on resume the WARC is cut back to the last journalled
 * end offset (dropping a torn record and any record the journal never confirmed) and the URLs enqueued but not
 * done are fetched again. No database, no native addon.
 */
import { closeSync, createReadStream, existsSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CdxEntry, WriterPosition } from './archive.ts';

export const JOURNAL_FILE = 'crawl-state.jsonl';

export interface QueueItem {
  url: string;
  from: string | null;
  depth: number;
  /** A guess at /sitemap.xml: archived only when the server has one. */
  probe?: boolean;
  /** Named as a sitemap (robots.txt or a sitemap index): fetched even outside the folder scope. */
  sitemap?: boolean;
}

export type JournalLine =
  | { t: 'start'; startUrls: string[] }
  | { t: 'q'; item: QueueItem }
  | { t: 'done'; url: string; kind: string; entry: CdxEntry | null; pos: WriterPosition | null; failed?: string }
  | { t: 'fail'; url: string; reason: string }
  | { t: 'skip'; url: string; reason: string }
  | { t: 'guard'; name: string };

export type DoneLine = Extract<JournalLine, { t: 'done' }>;

/**
 * The journal replayed: what a resumed crawl starts from, and no more. At 50,000 posts the journal holds
 * 390,000 lines; kept whole (each done line with its index entry, each queued item with the page that linked
 * it) they took most of a resumed crawl's 307 MB. So a done URL keeps only its record's length, a queued one
 * only its URL unless it still waits, and the URL strings are shared between the two.
 */
export interface JournalState {
  startUrls: string[] | null;
  /** Every URL ever enqueued, in order. */
  queued: string[];
  /** The queued URLs that do not count toward --max-query-variants (sitemaps, probes). */
  uncounted: Set<string>;
  /** Queued and not done, in queue order: what a resumed crawl fetches first. */
  pending: QueueItem[];
  /** Each done URL: the length of its archived response record, or -1 when nothing was archived (a probe). */
  done: Map<string, number>;
  failed: Map<string, string>;
  skipped: Set<string>;
  guards: Map<string, number>;
  position: WriterPosition | null;
}

/** Cuts a file back to its last complete line (a line torn by a kill); reads only the tail to find it. */
export function truncateToLastLine(path: string): void {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    const block = Buffer.alloc(64 * 1024);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - block.length);
      const n = readSync(fd, block, 0, end - start, start);
      const i = block.subarray(0, n).lastIndexOf(0x0a);
      if (i >= 0) {
        const cut = start + i + 1;
        if (cut < size) ftruncateSync(fd, cut);
        return;
      }
      end = start;
    }
    if (size > 0) ftruncateSync(fd, 0);
  } finally {
    closeSync(fd);
  }
}

/** Calls `visit` with each whole line of the journal, in order (a line torn by a kill is cut off first). */
export async function forEachJournalLine(path: string, visit: (line: JournalLine) => void): Promise<void> {
  if (!existsSync(path)) return;
  truncateToLastLine(path);
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    let j: JournalLine;
    try {
      j = JSON.parse(line) as JournalLine;
    } catch {
      continue;
    }
    visit(j);
  }
}

/**
 * Reads the journal back (streaming: it holds a line per URL event) for the start of a resumed crawl. The end
 * of a run counts the same events its own way (crawl-finish.ts); the tests hold the two to agree.
 */
export async function replayJournal(path: string): Promise<JournalState> {
  const state: JournalState = { startUrls: null, queued: [], uncounted: new Set(), pending: [], done: new Map(), failed: new Map(), skipped: new Set(), guards: new Map(), position: null };
  const waiting = new Map<string, QueueItem>();
  await forEachJournalLine(path, (j) => {
    switch (j.t) {
      case 'start': state.startUrls ??= j.startUrls; break;
      case 'q':
        state.queued.push(j.item.url);
        if (j.item.sitemap || j.item.probe) state.uncounted.add(j.item.url);
        if (!state.done.has(j.item.url)) waiting.set(j.item.url, j.item);
        break;
      case 'done': {
        // The queued item's URL string, so that the done map and the queue share it.
        const url = waiting.get(j.url)?.url ?? j.url;
        waiting.delete(url);
        state.done.set(url, j.entry ? j.entry.length : -1);
        state.failed.delete(url);
        if (j.failed) state.failed.set(url, j.failed);
        if (j.pos) state.position = j.pos;
        break;
      }
      case 'fail': state.failed.set(j.url, j.reason); break;
      case 'skip': state.skipped.add(j.url); break;
      case 'guard': state.guards.set(j.name, (state.guards.get(j.name) ?? 0) + 1); break;
    }
  });
  state.pending = [...waiting.values()];
  return state;
}

/** The index entry of every URL archived, in archive order: what `crawl --extract` surveys again on resume. */
export async function archivedEntries(path: string): Promise<CdxEntry[]> {
  const last = new Map<string, CdxEntry | null>();
  await forEachJournalLine(path, (j) => {
    if (j.t === 'done') last.set(j.url, j.entry);
  });
  const out: CdxEntry[] = [];
  for (const e of last.values()) if (e) out.push(e);
  return out.sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : a.offset - b.offset));
}

/** Appends journal lines; each `write` is one write(2), so a line is either whole or cut at the tail. */
export class Journal {
  private fd: number;
  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }
  write(line: JournalLine): void {
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
  }
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/** An append-only JSONL log (crawl-log.jsonl) with the same whole-line writes. */
export class LineLog {
  private fd: number;
  constructor(path: string) {
    truncateToLastLine(path);
    this.fd = openSync(path, 'a');
  }
  write(obj: unknown): void {
    writeSync(this.fd, `${JSON.stringify(obj)}\n`);
  }
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
