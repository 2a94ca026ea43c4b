/**
 * The worker thread of `crawl --extract` and `snapshot` (extract-live.ts starts it). While the crawl runs it
 * hears where each response record was written, reads it back from disk (only offsets cross between the
 * threads) and runs extract's first pass on it; what is left of pass 1 when the crawl ends goes to worker
 * threads of its own (survey-pool.ts), and then it runs the second pass over the archive as `extract` would
 * and writes the folder. Pass 2 checks that the archive holds exactly the responses pass 1
 * saw, in that order; if not (a record the crawl never announced, damage), it extracts the archive again from
 * the start, so the files are always those `extract` writes.
 */
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { readRecordAt } from './archive-reader.ts';
import { extractArchive, writeExtractResult, SiteExtraction, type ExtractResult } from './extract-site.ts';
import { siteUrl } from '../url.ts';
import { fsErrorText } from '../fs-fault.ts';
import { UsageError } from '../errors.ts';
import type { ArchivedResponse } from '../types.ts';
import { surveyAll } from './survey-pool.ts';
import { digestOf, type FromWorker, type ToWorker, type WorkerInput } from './extract-live.ts';

const input = workerData as WorkerInput;
const port = parentPort!;
const aborted = () => Atomics.load(new Int32Array(input.abort), 0) !== 0;
const post = (m: FromWorker) => port.postMessage(m);

class Stopped extends Error {}
class NotAsSurveyed extends Error {}

const extraction = new SiteExtraction();

/**
 * 48 bits of SHA-1 over a capture's URL and record id. Pass 2 compares captures by it: 8 bytes each where
 * the two strings were about 200 (30 MB at 50,000 posts); two captures share a digest with a chance of
 * about n²/2⁴⁹ per archive (10⁻⁵ at 150,000 records), which could only hide a difference, never invent one.
 */
function captureDigest(url: string, recordId: string): number {
  return createHash('sha1').update(url).update('\0').update(recordId).digest().readUIntBE(0, 6);
}

/** What pass 1 took (the digest of each first capture of a URL), in archive order. */
const surveyed: number[] = [];
let surveyedLive = 0;
let crawlEnded = false;

/** Where the crawl wrote each response not yet surveyed, in the order written; `wake` hears a new one or the end. */
let announced: Extract<ToWorker, { t: 'capture' }>[] = [];
let next = 0;
let wake: (() => void) | null = null;

/** The announced responses, read back from the WARC in the order they were written, until the crawl ends. */
async function* responses(): AsyncIterable<ArchivedResponse> {
  for (;;) {
    if (aborted()) throw new Stopped();
    const m = announced[next];
    if (m) next++;
    // Taken from the front by index (a 50,000-post crawl announces 150,000): compacted once half is taken.
    if (next > 1024 && next * 2 > announced.length) {
      announced = announced.slice(next);
      next = 0;
    }
    if (!m) {
      if (crawlEnded) return;
      await new Promise<void>((resolve) => { wake = resolve; });
      wake = null;
      continue;
    }
    const r = await readRecordAt(input.crawlDir, m.filename, m.offset, m.length);
    if (r) yield r;
  }
}

// Pass 1 runs as the crawl writes: on this thread while the crawl has the other core, then (what is left
// when the crawl ends) on every core, as `extract` would.
const passOne = surveyAll(extraction, responses(), input.jobs, {
  poolMayStart: () => crawlEnded,
  onClaim: (r) => {
    surveyed.push(captureDigest(r.url, r.recordId));
    if (!crawlEnded) surveyedLive++;
  },
});
passOne.catch(() => {});

/** Pass 2 (with the check that the archive is what pass 1 saw), falling back to a whole extract. */
async function finish(): Promise<{ result: ExtractResult; fellBack: boolean }> {
  const onResponse = () => { if (aborted()) throw new Stopped(); };
  // The URLs met so far, by digest too: only a URL's first capture is surveyed.
  const seen = new Set<number>();
  let i = 0;
  const check = (r: ArchivedResponse) => {
    const url = siteUrl(r.url);
    const key = url ? captureDigest(url, '') : 0;
    if (!url || seen.has(key)) return;
    seen.add(key);
    if (i >= surveyed.length || surveyed[i++] !== captureDigest(r.url, r.recordId)) throw new NotAsSurveyed();
  };
  try {
    const result = await extractArchive(input.crawlDir, { onResponse }, { extraction, check });
    if (i === surveyed.length) return { result, fellBack: false };
    result.records?.dispose();
  } catch (err) {
    if (!(err instanceof NotAsSurveyed)) throw err;
  }
  return { result: await extractArchive(input.crawlDir, { onResponse, jobs: input.jobs }), fellBack: true };
}

async function end(): Promise<void> {
  crawlEnded = true;
  wake?.();
  await passOne;
  post({ t: 'pass2' });
  const { result, fellBack } = await finish();
  if (aborted()) throw new Stopped();
  try {
    await writeExtractResult(input.outDir, result);
  } catch (err) {
    // A file system refusal (permissions, full disk, a file where the folder must go) is the user's to mend.
    if (!(err as NodeJS.ErrnoException).code) throw err;
    throw new UsageError(`${input.flag} ${input.outDir}: ${fsErrorText(err)}`);
  }
  post({ t: 'done', digest: digestOf(result), surveyedLive, surveyed: surveyed.length, fellBack });
}

port.on('message', (m: ToWorker) => {
  if (m.t === 'capture') {
    // Surveyed in the order the records were written: pass 1 must see archive order.
    announced.push(m);
    wake?.();
  } else if (m.t === 'end') {
    end().then(
      () => port.close(),
      (err: unknown) => {
        if (err instanceof Stopped) post({ t: 'stopped' });
        else post({ t: 'error', message: err instanceof Error ? err.message : String(err), usage: err instanceof UsageError });
        port.close();
      },
    );
  }
});
