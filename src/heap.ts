/**
 * How eagerly the heap grows. V8 sizes its heap to the machine: on a 24 GB box extract grew to 2.3 GB at
 * 10,000 posts while it only ever kept 100–170 MB alive, because every page's parse tree dies at once and
 * V8, seeing memory to spare, collects late. A growth factor of 1.5 per step makes it collect sooner. At
 * 2,000 posts (docs/benchmarks.md): V8's own choice 414 MB peak and 20.8 s of CPU, 1.5 188 MB and 21.9 s,
 * 1.3 178 MB and 23.7 s; at 10,000 posts 1.5 gives 308 MB. Same output. A hard cap (--max-old-space-size)
 * would fail a big site outright instead, so the limit stays V8's own. `node --heap-growing-percent=N`
 * given by the user wins.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

export function tuneHeap(execArgv: readonly string[] = process.execArgv): boolean {
  const own = execArgv.some((a) => /heap[-_]growing[-_]percent/.test(a));
  if (!own) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return !own;
}
