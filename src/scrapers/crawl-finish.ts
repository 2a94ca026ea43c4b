/**
 * The end of every run (crawl, import wayback, import mirror): index.cdxj and crawl-summary.json rebuilt from
 * the journal. The journal holds every event of the crawl (at 50,000 posts: 127 MB, 390,000 lines); keeping
 * each URL's outcome in a map to replay it took 166 MB, and made the end the crawl's peak (430 MB, against
 * 216 MB while crawling). So the journal is streamed: each done URL's index line goes to an external sort
 * (sorted-lines.ts) and its status and kind straight into the summary's counts.
 *
 * Counting as the lines stream by is right only when each URL is done (and skipped) once, which the crawl
 * and the imports ensure. That is checked, not assumed: a 53-bit hash of every such URL is kept (8 bytes
 * each), and when one repeats (a URL journalled twice, or two URLs with the same hash) the journal is read
 * again with those hashes' URLs held in maps, last line winning, as a replay would.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { toJsonText, writeFileAtomic, writeStreamAtomic } from '../exporters/write.ts';
import { cdxjLine } from './archive-cdxj.ts';
import { listWarcFiles } from './archive-reader.ts';
import { doubled } from './extract/spill.ts';
import { JOURNAL_FILE, forEachJournalLine, type DoneLine } from './crawl-journal.ts';
import { buildSummary, SummaryTally, type CrawlSummary } from './crawl-summary.ts';
import { RUN_CHARS, SortedLines } from './sorted-lines.ts';

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
export async function writeRunFiles(outDir: string, args: FinishArgs, runChars = RUN_CHARS): Promise<CrawlSummary> {
  const journal = join(outDir, JOURNAL_FILE);
  let held: Held = { done: new Set(), skip: new Set() };
  let pass = await readJournal(journal, outDir, held, runChars);
  while (pass.repeated) {
    pass.index.remove();
    held = pass.repeated;
    pass = await readJournal(journal, outDir, held, runChars);
  }
  try {
    await writeStreamAtomic(join(outDir, 'index.cdxj'), Readable.from(pass.index.chunks()));
  } finally {
    pass.index.remove();
  }
  const { extra, ...rest } = args;
  const summary = { ...buildSummary({ tally: pass.tally, archiveFiles: listWarcFiles(outDir), ...rest }), ...extra };
  await writeFileAtomic(join(outDir, 'crawl-summary.json'), toJsonText(summary));
  return summary;
}

/** Hashes of the URLs whose done (or skip) lines are held back and settled by URL at the end. */
interface Held { done: Set<number>; skip: Set<number> }

interface Pass {
  tally: SummaryTally;
  index: SortedLines;
  /** The hashes seen more than once and not held: this pass counted them as they came, so it is void. */
  repeated: Held | null;
}

async function readJournal(path: string, outDir: string, held: Held, runChars: number): Promise<Pass> {
  const tally = new SummaryTally();
  const index = new SortedLines(outDir, runChars);
  const doneHashes = new HashList();
  const skipHashes = new HashList();
  const lastDone = new Map<string, DoneLine>();
  const lastSkip = new Map<string, string>();
  const settle = (j: DoneLine) => {
    tally.done(j.url, j.kind, j.entry ? j.entry.status : null);
    if (j.entry) index.add(cdxjLine(j.entry));
  };
  try {
    await forEachJournalLine(path, (j) => {
      switch (j.t) {
        case 'start': tally.startUrls ??= j.startUrls; break;
        case 'done': {
          tally.failed.delete(j.url);
          if (j.failed) tally.failed.set(j.url, j.failed);
          const h = hash53(j.url);
          if (held.done.has(h)) lastDone.set(j.url, j); else { doneHashes.push(h); settle(j); }
          break;
        }
        case 'fail': tally.failed.set(j.url, j.reason); break;
        case 'skip': {
          const h = hash53(j.url);
          if (held.skip.has(h)) lastSkip.set(j.url, j.reason); else { skipHashes.push(h); tally.skip(j.reason); }
          break;
        }
        case 'guard': tally.guards.set(j.name, (tally.guards.get(j.name) ?? 0) + 1); break;
        case 'q': break;
      }
    });
  } catch (err) {
    index.remove();
    throw err;
  }
  for (const j of lastDone.values()) settle(j);
  for (const reason of lastSkip.values()) tally.skip(reason);
  const again = { done: doneHashes.repeated(), skip: skipHashes.repeated() };
  const repeated = again.done.size || again.skip.size ? { done: new Set([...held.done, ...again.done]), skip: new Set([...held.skip, ...again.skip]) } : null;
  return { tally, index, repeated };
}

/** A growing list of hashes; `repeated()` sorts it and names those that occur more than once. */
class HashList {
  private a = new Float64Array(1024);
  private n = 0;
  push(h: number): void {
    if (this.n === this.a.length) this.a = doubled(this.a);
    this.a[this.n++] = h;
  }
  repeated(): Set<number> {
    const s = this.a.subarray(0, this.n).sort();
    const out = new Set<number>();
    for (let i = 1; i < s.length; i++) if (s[i] === s[i - 1]) out.add(s[i]!);
    return out;
  }
}

/** cyrb53 (public domain, github.com/bryc/code): a 53-bit string hash, exact in a double. */
function hash53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
