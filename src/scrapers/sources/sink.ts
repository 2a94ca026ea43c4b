/**
 * The crawl folder as an import writes it: the crawl's own WarcWriter, journal (crawl-state.jsonl), crawl
 * log, index.cdxj and crawl-summary.json, so `extract`, the exports, `snapshot` and `diff` cannot tell an
 * import from a crawl, and `--resume` works the same way (the WARC is cut back to the last journalled record,
 * URLs already done are never taken again). Only the records differ (see archive-imported.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../errors.ts';
import { DEFAULT_MAX_WARC_BYTES, WarcWriter, type WrittenCapture } from '../archive.ts';
import { writeRunFiles } from '../crawl-finish.ts';
import { writeImportedResponse, writeResourceRecord, type ImportedResponse } from '../archive-imported.ts';
import { captureKind } from '../crawl-links.ts';
import { JOURNAL_FILE, Journal, LineLog, replayJournal, type JournalState, type QueueItem } from '../crawl-journal.ts';
import type { CrawlSummary } from '../crawl-summary.ts';
import { holdsCrawl } from '../crawl.ts';
import { decodeContentEncoding } from '../fetch.ts';

export interface SinkOptions {
  outDir: string;
  resume: boolean;
  /** What the folder is an import of (archive prefixes, or the mirror's base URL): resume checks it. */
  startUrls: string[];
  /** How to name this source in messages (`import wayback`). */
  command: string;
  warcPrefix: string;
  /** warcinfo fields: what the records are and where they came from. */
  info: Record<string, string>;
  maxWarcBytes?: number;
}

export class ImportSink {
  readonly startedAt = new Date();
  private archived = 0;

  private constructor(
    private readonly o: SinkOptions,
    /** What earlier runs finished; read-only. */
    readonly prior: JournalState,
    private readonly journal: Journal,
    private readonly log: LineLog,
    private readonly writer: WarcWriter,
  ) {
    this.archived = [...prior.done.values()].filter((length) => length >= 0).length;
  }

  /** Opens (or, with resume, reopens) the folder; refuses a folder holding another crawl or import. */
  static async open(o: SinkOptions): Promise<ImportSink> {
    const existing = holdsCrawl(o.outDir);
    if (existing && !o.resume) throw new UsageError(`--out ${o.outDir}: holds a crawl already; add --resume to continue it, or choose an empty folder`);
    const journalPath = join(o.outDir, JOURNAL_FILE);
    const prior = await replayJournal(journalPath);
    if (prior.startUrls && prior.startUrls.join(' ') !== o.startUrls.join(' ')) {
      throw new UsageError(`--resume: ${o.outDir} holds an import of ${prior.startUrls.join(' ')}; resume it with ${o.command} ${prior.startUrls.join(' ')}, or choose another --out`);
    }
    mkdirSync(o.outDir, { recursive: true });
    const journal = new Journal(journalPath);
    if (!prior.startUrls) journal.write({ t: 'start', startUrls: o.startUrls });
    const writer = new WarcWriter(o.outDir, o.warcPrefix, { isPartOf: o.startUrls.join(' '), ...o.info }, o.maxWarcBytes ?? DEFAULT_MAX_WARC_BYTES, prior.position ?? undefined);
    return new ImportSink(o, prior, journal, new LineLog(join(o.outDir, 'crawl-log.jsonl')), writer);
  }

  /** URLs archived (this run and earlier ones). */
  get archivedCount(): number {
    return this.archived;
  }

  isDone(url: string): boolean {
    return this.prior.done.has(url);
  }

  queue(item: QueueItem): void {
    this.journal.write({ t: 'q', item });
  }

  /** One line of crawl-log.jsonl: what was taken for a URL, and why. */
  logLine(obj: Record<string, unknown>): void {
    this.log.write(obj);
  }

  private done(url: string, kind: string) {
    return (c: WrittenCapture) => {
      this.journal.write({ t: 'done', url, kind, entry: c.entry, pos: c.position });
      this.archived++;
    };
  }

  async writeResponse(r: ImportedResponse, metadata: readonly [string, string][]): Promise<void> {
    const headers = r.headers;
    let body = r.rawBody;
    try {
      body = decodeContentEncoding(r.rawBody, headers.find(([k]) => k === 'content-encoding')?.[1]);
    } catch {
      // The kind is only a count in the summary; an undecodable body is still archived as sent.
    }
    const kind = captureKind({ url: r.url, status: r.status, statusText: r.statusText, headers, body, rawBody: r.rawBody, requestPath: '', requestHeaders: [], ms: 0 }, false);
    await writeImportedResponse(this.writer, r, metadata, this.done(r.url, kind));
  }

  async writeResource(url: string, date: string, contentType: string, body: Buffer, metadata: readonly [string, string][], kind: string): Promise<void> {
    await writeResourceRecord(this.writer, url, date, contentType, body, metadata, this.done(url, kind));
  }

  fail(url: string, reason: string): void {
    this.journal.write({ t: 'fail', url, reason });
  }

  skip(url: string, reason: string): void {
    this.journal.write({ t: 'skip', url, reason });
  }

  /** Closes the files and writes index.cdxj and crawl-summary.json (with `extra` fields of the source). */
  async finish(args: { scope: string[]; interrupted: boolean; stoppedBy: string | null; queuedNotFetched: number; extra: Record<string, unknown> }): Promise<CrawlSummary> {
    this.writer.close();
    this.journal.close();
    this.log.close();
    return writeRunFiles(this.o.outDir, { startedAt: this.startedAt, ...args });
  }
}
