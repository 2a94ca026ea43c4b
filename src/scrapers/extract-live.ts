/**
 * Extraction while the crawl runs (`crawl --extract DIR`, `snapshot`): a worker thread (extract-worker.ts)
 * surveys each response as the crawl archives it, so both cores work, and when the crawl ends it reads the
 * posts and writes DIR exactly as `extract <crawl-dir> --out DIR` would. Only where a record lies crosses to
 * the worker; it reads the bytes back from the WARC itself. Stopping (Ctrl-C) is a shared flag the worker
 * checks after every response, so DIR is either written whole or not touched.
 */
import { spawnWorker } from './worker-thread.ts';
import { defaultJobs } from './survey-pool.ts';
import { InterruptedError, UsageError } from '../errors.ts';
import type { CdxEntry } from './archive.ts';
import type { ExtractResult, ReportProblem } from './extract-site.ts';
import type { ExtractReport } from './extract/collect.ts';

export interface WorkerInput {
  crawlDir: string;
  outDir: string;
  /** The flag that named outDir, for messages (`--extract`). */
  flag: string;
  /** An Int32 the main thread sets to 1 to stop the worker before it writes. */
  abort: SharedArrayBuffer;
  /** Threads for what is left of pass 1 once the crawl has ended (survey-pool.ts). */
  jobs: number;
}

export type ToWorker = { t: 'capture'; filename: string; offset: number; length: number } | { t: 'end' };

/** What the closing summary needs, without sending the records back across threads. */
export interface ExtractDigest {
  summary: ExtractReport['summary'];
  categories: number;
  authors: number;
  /** The first ten errors of the report. */
  errors: Pick<ReportProblem, 'url' | 'reason'>[];
}

export function digestOf(result: ExtractResult): ExtractDigest {
  return {
    summary: result.report.summary,
    categories: result.categories.length,
    authors: result.authors.length,
    errors: result.report.problems.filter((p) => p.severity === 'error').slice(0, 10).map((p) => ({ url: p.url, reason: p.reason })),
  };
}

export interface LiveExtractDone {
  digest: ExtractDigest;
  /** Responses pass 1 took while the crawl was still running (on the worker), and in all. */
  surveyedLive: number;
  surveyed: number;
  /** The archive held other responses than the crawl announced, so it was extracted from the start. */
  fellBack: boolean;
}

export type FromWorker =
  | ({ t: 'done' } & LiveExtractDone)
  | { t: 'pass2' }
  | { t: 'stopped' }
  | { t: 'error'; message: string; usage: boolean };

export interface LiveExtract {
  /** A response record the crawl wrote (its index entry): the worker surveys it. */
  capture(entry: CdxEntry): void;
  /** The crawl ended whole: pass 2 and DIR. `onPass2` hears when pass 2 starts. */
  finish(onPass2?: () => void): Promise<LiveExtractDone>;
  /** Stops the worker; DIR is left as it was. Safe to call at any time, more than once. */
  stop(): Promise<void>;
}

/**
 * Starts the worker for a crawl into `crawlDir` whose extract goes to `outDir`. `signal` (Ctrl-C) stops it:
 * finish() then rejects with an InterruptedError and DIR is not written.
 */
export function startLiveExtract(crawlDir: string, outDir: string, flag: string, signal?: AbortSignal, jobs = defaultJobs()): LiveExtract {
  const abort = new SharedArrayBuffer(4);
  const stopFlag = new Int32Array(abort);
  const input: WorkerInput = { crawlDir, outDir, flag, abort, jobs };
  const worker = spawnWorker(import.meta.url, './extract-worker', input);
  let onPass2: (() => void) | undefined;
  let settled = false;
  const outcome = new Promise<LiveExtractDone>((resolve, reject) => {
    const fail = (err: Error) => { if (!settled) { settled = true; reject(err); } };
    worker.on('message', (m: FromWorker) => {
      if (m.t === 'pass2') onPass2?.();
      else if (m.t === 'done') { settled = true; resolve(m); }
      else if (m.t === 'stopped') fail(new InterruptedError(`interrupted during extract; ${outDir} was not changed`));
      else fail(m.usage ? new UsageError(m.message) : new Error(`extract (worker thread) failed: ${m.message}`));
    });
    worker.on('error', (err) => fail(new Error(`extract (worker thread) failed: ${err.message}`)));
    worker.on('exit', (code) => fail(new Error(`extract (worker thread) ended before it finished (exit ${code}); ${outDir} was not changed`)));
  });
  outcome.catch(() => {});
  let finishing = false;
  // Before pass 2 nothing is written, so the worker can simply go; in pass 2 it stops at the next response
  // and is waited for, so a write already under way is never cut in half.
  const stop = async () => {
    Atomics.store(stopFlag, 0, 1);
    if (finishing) await outcome.catch(() => {});
    else if (!settled) await worker.terminate();
  };
  if (signal?.aborted) Atomics.store(stopFlag, 0, 1);
  else signal?.addEventListener('abort', () => Atomics.store(stopFlag, 0, 1), { once: true });
  return {
    capture: (e) => worker.postMessage({ t: 'capture', filename: e.filename, offset: e.offset, length: e.length } satisfies ToWorker),
    async finish(hear) {
      onPass2 = hear;
      finishing = true;
      worker.postMessage({ t: 'end' } satisfies ToWorker);
      return outcome;
    },
    stop,
  };
}
