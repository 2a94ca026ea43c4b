/**
 * The snapshot folder of ../shared/CONTRACT.md: DIR/{crawl,data,markdown,redirects} + DIR/manifest.json.
 * Every module that reads or writes a snapshot names its parts through here, so the layout lives in one place.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError, cannotRead } from '../errors.ts';

export const SNAPSHOT_PARTS = {
  crawl: 'crawl',
  data: 'data',
  markdown: 'markdown',
  redirects: 'redirects',
} as const;

/** Written last: a snapshot folder without it is unfinished (a run that failed or is still going). */
export const MANIFEST_NAME = 'manifest.json';
/** The HTML report `demo` writes beside the parts: a view of the snapshot, so not listed in manifest.json. */
export const REPORT_NAME = 'report.html';
/** The browsable copy `demo` (or `export site SNAP --out SNAP/site`) writes beside the parts: a view, not in manifest.json. */
export const SITE_DIR = 'site';
/** The BagIt package that `snapshot --bag` writes beside the parts; never listed in manifest.json. */
export const BAG_DIR = 'bag';

export function snapshotPaths(dir: string) {
  return {
    root: dir,
    crawl: join(dir, SNAPSHOT_PARTS.crawl),
    data: join(dir, SNAPSHOT_PARTS.data),
    markdown: join(dir, SNAPSHOT_PARTS.markdown),
    redirects: join(dir, SNAPSHOT_PARTS.redirects),
    manifest: join(dir, MANIFEST_NAME),
    bag: join(dir, BAG_DIR),
  };
}

/** Fails with one clear line unless `dir` is a finished snapshot folder (data/ and manifest.json present). */
export async function assertSnapshotDir(dir: string, role: string): Promise<void> {
  const st = await stat(dir).catch(() => null);
  if (!st) throw new UsageError(`${role} ${dir}: no such folder; give a folder that \`naring-archive snapshot --out\` wrote`);
  if (!st.isDirectory()) throw new UsageError(`${role} ${dir}: not a folder; give a folder that \`naring-archive snapshot --out\` wrote`);
  const p = snapshotPaths(dir);
  const data = await stat(p.data).catch(() => null);
  if (!data?.isDirectory()) {
    throw new UsageError(`${role} ${dir}: has no data/ folder, so it is not a snapshot; give a folder that \`naring-archive snapshot --out\` wrote`);
  }
  const manifest = await stat(p.manifest).catch(() => null);
  if (!manifest?.isFile()) {
    throw new UsageError(`${role} ${dir}: has no manifest.json, so the snapshot never finished; run \`naring-archive snapshot\` again`);
  }
}

/** Reads a JSON file; `undefined` when it does not exist, UsageError when it is not JSON. */
export async function readJsonIfExists(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw cannotRead(path, err);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`${path}: not valid JSON (${(err as Error).message}); rerun \`naring-archive snapshot\` to write it again`);
  }
}

/** Reads a text file; `undefined` when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw cannotRead(path, err);
  }
}
