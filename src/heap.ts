/**
 * How eagerly the heap grows. V8 sizes its heap to the machine: on a 24 GB box extract grew to 2.3 GB at
 * 10,000 posts while it only ever kept 100–170 MB alive, because every page's parse tree dies at once and
 * V8, seeing memory to spare, collects late. A growth factor of 1.3 (V8 picks 1.1–4 by itself) makes
 * it collect sooner: 370 MB at that size, the same wall time and the same output (docs/benchmarks.md).
 * A hard cap (--max-old-space-size) would fail a big site outright instead, so the limit stays V8's own.
 * A user's own setting (NODE_OPTIONS or node's flags) wins.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 30;

export function tuneHeap(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  const own = [...execArgv, nodeOptions].some((a) => /heap[-_]growing[-_]percent/.test(a));
  if (!own) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return !own;
}
