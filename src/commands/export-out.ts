/** The --out checks the commands that write outputs share: a clear line instead of a stack trace from fs. */
import { statSync } from 'node:fs';
import { UsageError } from '../errors.ts';

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
    throw new UsageError(`--out ${out}: cannot write there (${(err as Error).message}); choose a folder you can write to`);
  }
}
