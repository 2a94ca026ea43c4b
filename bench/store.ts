/**
 * What each size measured, kept in bench/out/results/SIZE.json, so the doc covers every size measured even
 * when the sizes ran in separate invocations (a quick 2,000-post rerun keeps the last 50,000-post figures).
 * Each size's section in the doc names its own time, load and build, so an older figure is never mistaken
 * for a new one. Delete bench/out/results/ to start over.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sample } from './lib.ts';

export interface SizeRecord {
  size: number;
  rounds: number;
  htmlBytes: number;
  startedAt: string;
  finishedAt: string;
  loadStart: number[];
  loadEnd: number[];
  /** The naring-archive build measured: "commit subject". */
  build: string;
  /** Peer name → one sample per round, in the order the peers ran. */
  samples: [string, Sample[]][];
  commands: [string, string][];
  notes: string[];
}

export function saveSize(dir: string, rec: SizeRecord): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${rec.size}.json`), `${JSON.stringify(rec, null, 1)}\n`);
}

export function loadSizes(dir: string): SizeRecord[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /^\d+\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as SizeRecord)
    .sort((a, b) => a.size - b.size);
}
