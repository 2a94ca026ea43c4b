/**
 * Extract's first pass on every core. Pass 1 decodes, parses and reads each page (page.ts,
 * `surveyResponse`), which is nearly all of extract's time and needs nothing but the page and the
 * template learned so far; so after the first pages (read here, where a small site ends before a thread
 * would have started) the pages go to worker threads (survey-worker.ts), and their results come back and
 * are taken in archive order, exactly as one thread would take them. A page read against an older
 * template than one thread would have used is no different: pass 2 keeps a first-pass reading only when
 * the final template answers it alike (template-probe.ts), so the files are the same bytes either way.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ArchivedResponse } from '../types.ts';
import type { Profile } from './profile.ts';
import type { SurveyResult } from './extract/page.ts';
import type { SiteExtraction, SpilledEarly } from './extract-site.ts';
import { spillFault } from './extract/spill.ts';
import { spawnWorker } from './worker-thread.ts';

/** Pages read on the calling thread before any worker starts (about a third of a second of work). */
export const SEQUENTIAL_FIRST = 128;
/**
 * Pages handed to one worker and not yet taken back. More in flight means fewer wake-ups of the threads
 * for the same pages: at 2,000 posts (two alternating runs each) 4 took 11.0 s, 8 11.0 s, 16 10.6–10.8 s,
 * 32 10.4–10.7 s. Each holds one page's bytes and reading; 16 keeps that small.
 */
const IN_FLIGHT = 16;
/**
 * A worker keeps nothing from page to page, so its young generation need not grow as far as V8 would let
 * it: at 16 MB the 2,000-post replica's extract peaked at about 310 MB instead of 360 MB, in the same time
 * (three alternating runs each). The old generation is left unbounded: a huge page must not kill the run.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 };

/** The default number of threads reading pages: one per core, at most 8. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

export interface SurveyWorkerInput {
  profile?: Profile;
  /** The worker's own file for its early readings, made and opened by SiteExtraction.workerSpill (fds are the process's). */
  spillPath: string;
  spillFd: number;
}

export type ToSurveyWorker =
  | { t: 'template'; hashes: number[] }
  | { t: 'page'; seq: number; url: string; r: ArchivedResponse }
  | { t: 'end' };

export type FromSurveyWorker =
  | { t: 'done'; seq: number; survey: SurveyResult; early: { at: number; bytes: number } }
  | { t: 'ended' }
  /** `seq` -1: the end failed. `code`: a file system error of the spill folder. */
  | { t: 'error'; seq: number; message: string; stack?: string; code?: string };

interface PoolWorker { worker: Worker; busy: number; file: number; ended: boolean }

class SurveyPool {
  private readonly workers: PoolWorker[] = [];
  private readonly urls = new Map<number, string>();
  private readonly done = new Map<number, { survey: SurveyResult; early: SpilledEarly }>();
  private readonly waiters: (() => void)[] = [];
  private template: ReadonlySet<number> | null = null;
  private next = 0;
  private taken = 0;
  private failure: Error | null = null;

  constructor(private readonly x: SiteExtraction, jobs: number, profile?: Profile) {
    for (let i = 0; i < jobs; i++) {
      // The file is opened here and written by the thread through the same descriptor (positioned writes):
      // it is closed with the spill folder whatever becomes of the thread.
      const { path, fd, file } = x.workerSpill(`w${i}`);
      const worker = spawnWorker(import.meta.url, './survey-worker', { profile, spillPath: path, spillFd: fd } satisfies SurveyWorkerInput, WORKER_LIMITS);
      const w: PoolWorker = { worker, busy: 0, file, ended: false };
      worker.on('message', (m: FromSurveyWorker) => this.hear(w, m));
      worker.on('error', (err) => this.fail(new Error(`extract (worker thread) failed: ${err.message}`)));
      worker.on('exit', (code) => this.fail(new Error(`extract (worker thread) ended early (exit ${code})`)));
      this.workers.push(w);
    }
  }

  /** Hands a claimed page to the least busy worker; waits first while every worker has enough. */
  async submit(r: ArchivedResponse, url: string): Promise<void> {
    await this.until(() => this.workers.some((w) => w.busy < IN_FLIGHT));
    const template = this.x.surveyTemplate;
    if (template !== this.template) {
      this.template = template;
      const hashes = [...template];
      for (const w of this.workers) w.worker.postMessage({ t: 'template', hashes } satisfies ToSurveyWorker);
    }
    const w = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const seq = this.next++;
    this.urls.set(seq, url);
    w.busy++;
    // A copy of the body in a buffer of its own, moved rather than copied again (a Buffer may be a view
    // of a larger pool, all of which a structured clone would send).
    const body = new Uint8Array(r.body);
    w.worker.postMessage({ t: 'page', seq, url, r: { ...r, body: body as Buffer } } satisfies ToSurveyWorker, [body.buffer]);
  }

  /** Waits until every page handed out is taken, then until every worker has written all it read. */
  async drain(): Promise<void> {
    await this.until(() => this.taken === this.next);
    for (const w of this.workers) w.worker.postMessage({ t: 'end' } satisfies ToSurveyWorker);
    await this.until(() => this.workers.every((w) => w.ended));
  }

  async close(): Promise<void> {
    this.failure ??= new Error('survey pool closed');
    await Promise.all(this.workers.map((w) => { w.worker.removeAllListeners('exit'); return w.worker.terminate(); }));
  }

  private hear(w: PoolWorker, m: FromSurveyWorker): void {
    if (m.t === 'ended') {
      w.ended = true;
      this.wake();
      return;
    }
    if (m.t === 'done' || m.seq >= 0) w.busy--; // an error of `end` answers no page
    if (m.t === 'error') {
      const err = new Error(m.seq < 0 ? `extract (worker thread): ${m.message}` : `${this.urls.get(m.seq)}: ${m.message}`);
      if (m.stack) err.stack = m.stack;
      this.fail(m.code ? spillFault(err, m.code) : err);
      return;
    }
    this.done.set(m.seq, { survey: m.survey, early: { file: w.file, ...m.early } });
    // Taken in the order handed out, whichever worker finished first.
    for (let d = this.done.get(this.taken); d; d = this.done.get(this.taken)) {
      this.done.delete(this.taken);
      const url = this.urls.get(this.taken)!;
      this.urls.delete(this.taken++);
      try {
        this.x.take(url, d.survey, d.early);
      } catch (err) {
        this.fail(err as Error);
        return;
      }
    }
    this.wake();
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private until(ready: () => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.failure) reject(this.failure);
        else if (ready()) resolve();
        else this.waiters.push(check);
      };
      check();
    });
  }
}

export interface SurveyAllOptions {
  profile?: Profile;
  /** Asked before each page once SEQUENTIAL_FIRST are read: may the workers start now? Default: yes. */
  poolMayStart?: () => boolean;
  /** Hears each response pass 1 takes (claims), in archive order. */
  onClaim?: (r: ArchivedResponse) => void;
}

/**
 * Pass 1 over `responses` into `x`: on this thread for the first SEQUENTIAL_FIRST pages, then on `jobs`
 * worker threads (when `poolMayStart` allows: `crawl --extract` waits until the crawl has ended, since
 * until then the crawl has the other core).
 */
export async function surveyAll(x: SiteExtraction, responses: AsyncIterable<ArchivedResponse> | Iterable<ArchivedResponse>, jobs: number, o: SurveyAllOptions = {}): Promise<void> {
  let pool: SurveyPool | null = null;
  let surveyed = 0;
  try {
    for await (const r of responses) {
      const url = x.claim(r);
      if (url === null) continue;
      o.onClaim?.(r);
      if (!pool && jobs > 1 && ++surveyed > SEQUENTIAL_FIRST && (o.poolMayStart?.() ?? true)) pool = new SurveyPool(x, jobs, o.profile);
      if (pool) await pool.submit(r, url);
      else x.surveyClaimed(r, url);
    }
    await pool?.drain();
  } finally {
    await pool?.close();
  }
}
