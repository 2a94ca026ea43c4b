/**
 * Faults of the machine rather than of the tool (a full disk, a read-only folder, no permission), put in
 * words with the fix. Outputs are written aside and renamed into place, so such a fault never leaves a file
 * that looks finished; the words say what to change before running again.
 */
import { mkdirSync } from 'node:fs';

const FAULTS: Record<string, string> = {
  ENOSPC: 'the disk is full; free some space or choose another --out',
  EDQUOT: 'the disk quota is used up; free some space or choose another --out',
  // A file-size limit (ulimit -f, RLIMIT_FSIZE) is a full disk for that file: Node ignores SIGXFSZ, so the
  // write fails with EFBIG instead of killing the process; same words and fix as ENOSPC, and the limit named.
  EFBIG: 'the disk is full for this file: it reached the largest size allowed here (ulimit -f, or the file system\'s limit); free some space, raise the limit or choose another --out',
  EROFS: 'the file system is read-only; choose another --out',
  EACCES: 'permission denied; choose a folder you may write, or change its permissions',
  EPERM: 'the operation is not permitted; choose a folder you may write, or change its permissions',
  EMFILE: 'too many open files; raise the limit (ulimit -n) or lower --concurrency',
  EIO: 'the disk reported an input/output error; check the disk',
};

/**
 * The error that really stopped a write. Node's recursive mkdir reports ENOENT where the folder could not
 * be made because its parent is read-only or not writable; one plain mkdir of that folder gives the cause.
 */
function realCause(err: NodeJS.ErrnoException): NodeJS.ErrnoException {
  if (err.code !== 'ENOENT' || err.syscall !== 'mkdir' || !err.path) return err;
  try {
    mkdirSync(err.path);
  } catch (again) {
    const e = again as NodeJS.ErrnoException;
    if (e.code && e.code !== 'ENOENT' && e.code !== 'EEXIST') return e;
  }
  return err;
}

/** A machine fault as one line (`cannot write PATH: the disk is full; … (ENOSPC)`), or null if `err` is none. */
export function describeFsFault(err: unknown): string | null {
  if (!(err as NodeJS.ErrnoException | null)?.code) return null;
  const e = realCause(err as NodeJS.ErrnoException);
  const words = FAULTS[e.code!];
  if (!words) return null;
  return `cannot write${e.path ? ` ${e.path}` : ''}: ${words} (${e.code})`;
}

/** The words for any file system error: a machine fault as above, else the system's own message and a fix. */
export function fsErrorText(err: unknown): string {
  return describeFsFault(err) ?? `cannot write there (${(err as Error).message}); choose a folder you can write to`;
}
