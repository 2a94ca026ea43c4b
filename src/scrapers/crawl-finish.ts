/**
 * The end of every run (crawl, import wayback, import mirror): index.cdxj and crawl-summary.json rebuilt from
 * the journal. The journal holds every event of the crawl (at 50,000 posts: 127 MB, 390,000 lines), and
 * replaying it whole into JournalState took 280 MB, and the index text another 220 MB: the crawl's peak.
 * Here each done URL keeps only its status, kind and finished index line, and the index is written by
 * streaming its sorted lines, so the end costs about the index's own size.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { toJsonText, writeFileAtomic, writeStreamAtomic } from '../exporters/write.ts';
import { cdxjLine } from './archive-cdxj.ts';
import { listWarcFiles } from './archive-reader.ts';
import { JOURNAL_FILE, replayJournalAs, type Replayed } from './crawl-journal.ts';
import { buildSummary, type CrawlSummary } from './crawl-summary.ts';

interface DoneBrief { kind: string; entry: { status: number } | null; line: string | null }

/** The journal's outcome per URL, as small as the index and the summary allow. */
function readOutcome(journalPath: string): Promise<Replayed<DoneBrief>> {
  return replayJournalAs(journalPath, (j): DoneBrief => ({ kind: j.kind, entry: j.entry ? { status: j.entry.status } : null, line: j.entry ? cdxjLine(j.entry) : null }), false);
}

/** Sorted lines as chunks of about 1 MB, each line ended by `\n`. */
function* chunks(lines: readonly string[]): Generator<string> {
  let buf = '';
  for (const l of lines) {
    buf += `${l}\n`;
    if (buf.length >= 1 << 20) { yield buf; buf = ''; }
  }
  if (buf) yield buf;
}

export interface FinishArgs {
  startedAt: Date;
  scope: string[];
  interrupted: boolean;
  stoppedBy: string | null;
  queuedNotFetched: number;
  /** Fields a source adds to the summary (import wayback's archive, …). */
  extra?: Record<string, unknown>;
}

/** Writes `outDir`'s index.cdxj and crawl-summary.json from its journal; returns the summary. */
export async function writeRunFiles(outDir: string, args: FinishArgs): Promise<CrawlSummary> {
  const outcome = await readOutcome(join(outDir, JOURNAL_FILE));
  const lines: string[] = [];
  for (const d of outcome.done.values()) if (d.line !== null) lines.push(d.line);
  lines.sort();
  await writeStreamAtomic(join(outDir, 'index.cdxj'), Readable.from(chunks(lines)));
  lines.length = 0;
  const { extra, ...rest } = args;
  const summary = { ...buildSummary({ state: outcome, archiveFiles: listWarcFiles(outDir), ...rest }), ...extra };
  await writeFileAtomic(join(outDir, 'crawl-summary.json'), toJsonText(summary));
  return summary;
}
