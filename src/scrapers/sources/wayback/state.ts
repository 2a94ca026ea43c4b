/**
 * What an import has learnt from the archive, kept across runs in `wayback-state.jsonl` beside the crawl
 * journal: every CDX page with the resume key after it, and every captured redirect found to leave the
 * site. With it, `--resume` asks the archive for nothing it has already answered. Lines are written with one
 * write each, like the crawl journal, and a torn last line is cut off.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineLog, truncateToLastLine } from '../../crawl-journal.ts';
import type { CdxRow } from './cdx.ts';

export const WAYBACK_STATE_FILE = 'wayback-state.jsonl';

export type StateLine =
  | { t: 'cdx'; query: string; rows: CdxRow[]; next: string | null }
  | { t: 'offsite'; url: string; timestamp: string; location: string };

export interface WaybackState {
  /** Query id → the resume key of its next page; null when the listing is complete. */
  cursors: Map<string, string | null>;
  rows: CdxRow[];
  /** URL → (timestamp → off-site Location). */
  offsite: Map<string, Map<string, string>>;
}

export function readWaybackState(outDir: string): WaybackState {
  const state: WaybackState = { cursors: new Map(), rows: [], offsite: new Map() };
  const path = join(outDir, WAYBACK_STATE_FILE);
  if (!existsSync(path)) return state;
  truncateToLastLine(path);
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    let j: StateLine;
    try {
      j = JSON.parse(line) as StateLine;
    } catch {
      continue;
    }
    if (j.t === 'cdx') {
      state.cursors.set(j.query, j.next);
      state.rows.push(...j.rows);
    } else if (j.t === 'offsite') {
      addOffsite(state, j.url, j.timestamp, j.location);
    }
  }
  return state;
}

export function addOffsite(state: WaybackState, url: string, timestamp: string, location: string): void {
  let m = state.offsite.get(url);
  if (!m) state.offsite.set(url, (m = new Map()));
  m.set(timestamp, location);
}

export function openStateLog(outDir: string): LineLog {
  return new LineLog(join(outDir, WAYBACK_STATE_FILE));
}
