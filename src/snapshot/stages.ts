/**
 * The stages `snapshot` and `demo` compose (crawl, extract, exporters, redirect maps, replica), loaded by
 * name so that a stage that is not built yet makes those two commands fail with one clear line (exit 2,
 * naming the stage) instead of breaking every command of the CLI at import time.
 */
import { UsageError } from '../errors.ts';

/** `.ts` when running from source (tsx), `.js` in the built dist/ copy. */
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

export interface StageSpec {
  /** What a user calls it: "crawl (issue 3)". */
  label: string;
  /** Module path relative to src/, without extension. */
  module: string;
  /** Exports the composition needs. */
  exports: readonly string[];
}

type Loaded = Record<string, unknown>;
const cache = new Map<string, Promise<Loaded | string>>();

async function tryLoad(spec: StageSpec): Promise<Loaded | string> {
  let mod: Loaded;
  try {
    mod = (await import(new URL(`../${spec.module}${EXT}`, import.meta.url).href)) as Loaded;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(spec.module)) return `src/${spec.module}.ts does not exist yet`;
    return `src/${spec.module}.ts failed to load (${(err as Error).message.split('\n')[0]})`;
  }
  const missing = spec.exports.filter((name) => typeof mod[name] !== 'function');
  return missing.length ? `src/${spec.module}.ts does not export ${missing.join(', ')} yet` : mod;
}

/** The stage's module, or a UsageError naming the stage that is missing and that nothing was done. */
export async function loadStage(spec: StageSpec, command: string): Promise<Loaded> {
  let p = cache.get(spec.module);
  if (!p) cache.set(spec.module, (p = tryLoad(spec)));
  const r = await p;
  if (typeof r === 'string') {
    throw new UsageError(`${command}: the ${spec.label} stage is not built yet (${r}); nothing was done`);
  }
  return r;
}
