/**
 * Where a snapshot is built and how it replaces the last one. The new snapshot is built in a hidden sibling,
 * `.<name>.partial`, and renamed over --out only when manifest.json is written. So a run that fails (site
 * down, bad rules, Ctrl-C) leaves the previous snapshot in --out untouched and finished, never a mix of old
 * and new files, and a post that disappeared leaves no stale Markdown behind.
 */
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors.ts';
import { describeFsFault } from '../fs-fault.ts';
import { BAG_DIR, MANIFEST_NAME, REPORT_NAME, SITE_DIR, SNAPSHOT_PARTS } from './layout.ts';

// site/ is the browsable copy demo writes (a view of the snapshot, replaced with it).
const KNOWN = new Set<string>([...Object.values(SNAPSHOT_PARTS), MANIFEST_NAME, BAG_DIR, REPORT_NAME, SITE_DIR]);

/** The folder a snapshot of `outDir` is built in. */
export function partialDirOf(outDir: string): string {
  const out = resolve(outDir);
  return join(dirname(out), `.${basename(out)}.partial`);
}

/**
 * Refuses an --out that is a file or holds anything but a snapshot's parts (someone's own files are never
 * replaced). An absent or empty folder, or an earlier snapshot, is fine.
 */
export async function checkSnapshotTarget(outDir: string): Promise<void> {
  const st = await stat(outDir).catch(() => null);
  if (!st) return;
  if (!st.isDirectory()) throw new UsageError(`--out ${outDir}: is a file; give a folder for the snapshot, e.g. --out snapshot`);
  // Hidden files count too: the whole folder is replaced at the end, and a .git must never go with it.
  const foreign = (await readdir(outDir)).filter((n) => !KNOWN.has(n)).sort();
  if (foreign.length > 0) {
    throw new UsageError(`--out ${outDir}: holds files that are not a snapshot's (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); choose a new or empty folder`);
  }
}

/**
 * Makes the build folder ready. With `resume`, the crawl of an interrupted or failed run is kept (the
 * crawler continues it) and everything derived from it is cleared; otherwise the folder starts empty.
 */
export async function preparePartial(outDir: string, resume: boolean): Promise<string> {
  const work = partialDirOf(outDir);
  try {
    if (!resume) {
      await rm(work, { recursive: true, force: true });
    } else if ((await stat(work).catch(() => null))?.isDirectory()) {
      for (const n of await readdir(work)) if (n !== SNAPSHOT_PARTS.crawl) await rm(join(work, n), { recursive: true, force: true });
    }
    await mkdir(work, { recursive: true });
  } catch (err) {
    // A file where a folder must go, no permission, a full disk: the user's to mend, so one line, not a bug report.
    if (!(err as NodeJS.ErrnoException).code) throw err;
    const fault = describeFsFault(err);
    if (fault) throw new UsageError(`--out ${outDir}: cannot build the snapshot beside it: ${fault}`);
    throw new UsageError(`--out ${outDir}: cannot build the snapshot beside it in ${dirname(work)} (${(err as Error).message}); choose a folder you can write to`);
  }
  return work;
}

/** Puts the finished build in place of --out: the old snapshot is moved aside first, then removed. */
export async function replaceSnapshot(work: string, outDir: string): Promise<void> {
  const out = resolve(outDir);
  const old = join(dirname(out), `.${basename(out)}.old-${randomBytes(4).toString('hex')}`);
  const had = (await stat(out).catch(() => null)) !== null;
  if (had) await rename(out, old);
  await rename(work, out);
  if (had) await rm(old, { recursive: true, force: true });
}

/**
 * `--since PREV`: a previous snapshot folder (its crawl/ is used) or a crawl folder itself; it may be the
 * --out folder (the new snapshot replaces it only when finished). Returns the crawl folder.
 */
export async function resolveSinceCrawl(since: string, outDir: string): Promise<string> {
  const prev = resolve(since);
  const work = partialDirOf(outDir);
  if (prev === work || prev.startsWith(`${work}${sep}`)) {
    throw new UsageError(`--since ${since}: is the unfinished build of --out; give a finished snapshot's folder`);
  }
  for (const candidate of [join(prev, SNAPSHOT_PARTS.crawl), prev]) {
    if ((await stat(join(candidate, 'index.cdxj')).catch(() => null))?.isFile()) return candidate;
  }
  throw new UsageError(`--since ${since}: holds no crawl (no crawl/index.cdxj); give the folder of a previous \`naring-archive snapshot --out\``);
}
