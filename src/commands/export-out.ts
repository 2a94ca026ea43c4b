/** The --out checks the commands that write outputs share: a clear line instead of a stack trace from fs. */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { fsErrorText } from '../fs-fault.ts';

/** --out must be a folder or not exist yet (it is created). */
export function assertFolderOrAbsent(out: string): void {
  let isDir = true;
  try {
    isDir = statSync(out).isDirectory();
  } catch {
    return;
  }
  if (!isDir) throw new UsageError(`--out ${out}: this is a file; give a folder to write into (it is created if missing)`);
}

/** Runs a write; a file system refusal (permissions, full disk, a file where a folder must go) becomes one line. */
export async function writeOrExplain(out: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    // Only file system errors (they carry a code) are the user's to mend; anything else is a bug.
    if (!(err as NodeJS.ErrnoException).code) throw err;
    throw new UsageError(`--out ${out}: ${fsErrorText(err)}`);
  }
}

/** Marks a folder an export wrote, so a later export knows it may replace the whole folder. */
export const EXPORT_MARKER = '.naring-archive-export';

/**
 * Writes an export's files as the folder's whole contents: into a fresh sibling first, then swapped in, so
 * files of an earlier export (another layout, posts since removed) never mix with the new ones, and a
 * failed run leaves the earlier export whole. A folder with other files (not written by an export) is
 * refused rather than deleted.
 */
export async function replaceExportFolder(out: string, marker: Record<string, string>, write: (dir: string) => Promise<void>): Promise<void> {
  const dir = resolve(out);
  const entries = await readdir(dir).catch(() => null);
  if (entries !== null && entries.length > 0 && !entries.includes(EXPORT_MARKER)) {
    throw new UsageError(`--out ${out}: the folder holds files that no export wrote; give an empty or new folder (an earlier export there is replaced whole)`);
  }
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const fresh = `${dir}.new-${tag}`;
  await writeOrExplain(out, async () => {
    try {
      await mkdir(dirname(dir), { recursive: true });
      await write(fresh);
      await writeFile(join(fresh, EXPORT_MARKER), `${JSON.stringify(marker)}\n`);
      if (entries !== null) await rename(dir, `${dir}.old-${tag}`);
      await rename(fresh, dir);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
    if (entries !== null) await rm(`${dir}.old-${tag}`, { recursive: true, force: true });
  });
}
