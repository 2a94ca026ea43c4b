/**
 * Starting one of our worker threads from its own file: the built .js, or the .ts source when run through
 * tsx (tests, `npm run`), where the thread registers tsx itself first (a worker does not inherit the main
 * thread's loader).
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** `base` is the worker's file name without its extension, resolved against `from` (the caller's import.meta.url). */
export function spawnWorker(from: string, base: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  if (!from.endsWith('.ts')) return new Worker(new URL(`${base}.js`, from), { workerData, resourceLimits });
  const source = new URL(`${base}.ts`, from).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((t) => t.register()).then(() => import(${JSON.stringify(source)}))`, { eval: true, workerData, resourceLimits });
}
