/**
 * Other tools' WARCs as a source for extract: a `.warc`/`.warc.gz` file (wget's `--warc-file`, warcprox,
 * Heritrix), or a folder holding such files directly. A crawl folder (archive/ inside) is read as before.
 * Whether a folder is one of OUR crawls (so that a missing crawl-summary.json means it was killed) is told by
 * its journal: another tool's folder has none, and is not "an unfinished crawl".
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listWarcFiles } from '../archive-reader.ts';
import { JOURNAL_FILE } from '../crawl-journal.ts';

const WARC_NAME = /\.warc(\.gz)?$/i;

/** The WARC files `path` names when it is not a crawl folder; null when it is one, or names none. */
export function foreignWarcFiles(path: string): string[] | null {
  const st = existsSync(path) ? statSync(path) : null;
  if (!st) return null;
  if (st.isFile()) return WARC_NAME.test(path) ? [path] : null;
  if (listWarcFiles(path).length > 0) return null;
  const files = readdirSync(path).filter((n) => WARC_NAME.test(n)).sort().map((n) => join(path, n));
  return files.length > 0 ? files : null;
}

/** True when `dir` was written by this tool's crawl or import (it has the resumable journal). */
export function isOwnCrawl(dir: string): boolean {
  return existsSync(join(dir, JOURNAL_FILE));
}
