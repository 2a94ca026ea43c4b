/**
 * A worker thread of extract's first pass (survey-pool.ts): reads each page it is handed against the
 * template it was last sent, appends the reading's JSON text to its own spill file, and sends back the
 * survey's facts and where the reading is. On `end` it writes what it holds back and says so.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { surveyResponse } from './extract/page.ts';
import { SpillFile, isSpillFault } from './extract/spill.ts';
import type { FromSurveyWorker, SurveyWorkerInput, ToSurveyWorker } from './survey-pool.ts';

const { profile, spillPath, spillFd } = workerData as SurveyWorkerInput;
const port = parentPort!;
let template: ReadonlySet<number> = new Set();
// The main thread's file, written through its descriptor; it reads the readings back in pass 2.
const early = new SpillFile(spillPath, spillFd);

const failure = (seq: number, err: unknown): FromSurveyWorker => ({
  t: 'error', seq,
  message: err instanceof Error ? err.message : String(err),
  stack: err instanceof Error ? err.stack : undefined,
  // A full disk here is the spill folder's, as on the main thread (the command names the mend).
  code: isSpillFault(err) ? String((err as { code?: unknown }).code) : undefined,
});

port.on('message', (m: ToSurveyWorker) => {
  if (m.t === 'template') {
    template = new Set(m.hashes);
    return;
  }
  if (m.t === 'end') {
    try {
      early.flush();
      port.postMessage({ t: 'ended' } satisfies FromSurveyWorker);
    } catch (err) {
      port.postMessage(failure(-1, err));
    }
    return;
  }
  const body = m.r.body as Uint8Array;
  const r = { ...m.r, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength) };
  let reply: FromSurveyWorker;
  try {
    const { survey, early: reading } = surveyResponse(r, m.url, profile, template);
    reply = { t: 'done', seq: m.seq, survey, early: early.where(early.append(undefined, JSON.stringify(reading))) };
  } catch (err) {
    reply = failure(m.seq, err);
  }
  port.postMessage(reply);
});
