/**
 * A worker thread of extract's first pass (survey-pool.ts): reads each page it is handed against the
 * template it was last sent, and sends back the survey's facts and the reading's JSON text.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { surveyResponse } from './extract/page.ts';
import type { FromSurveyWorker, SurveyWorkerInput, ToSurveyWorker } from './survey-pool.ts';

const { profile } = workerData as SurveyWorkerInput;
const port = parentPort!;
let template: ReadonlySet<number> = new Set();

port.on('message', (m: ToSurveyWorker) => {
  if (m.t === 'template') {
    template = new Set(m.hashes);
    return;
  }
  const body = m.r.body as Uint8Array;
  const r = { ...m.r, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength) };
  let reply: FromSurveyWorker;
  try {
    const { survey, early } = surveyResponse(r, m.url, profile, template);
    reply = { t: 'done', seq: m.seq, survey, early: JSON.stringify(early) };
  } catch (err) {
    reply = { t: 'error', seq: m.seq, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined };
  }
  port.postMessage(reply);
});
