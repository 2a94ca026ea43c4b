/**
 * One crawl per folder at a time. Two writers appending to the same WARC and journal interleave records and
 * make index.cdxj point at the wrong bytes; a `--resume` started beside a crawl that is still running (its
 * wrapper was killed, not the crawl) archives pages twice. So the crawl holds `DIR/crawl.lock`, a file made
 * with O_EXCL that names the process, for as long as it writes, and a second crawl is refused (exit 2)
 * naming the lock and the pid. A lock whose process is gone (a SIGKILL, a reboot) is stale and taken over.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';

export const LOCK_FILE = 'crawl.lock';

export interface CrawlLock {
  path: string;
  release(): void;
}

interface LockInfo {
  pid: number;
  host: string;
}

function readLock(path: string): LockInfo | null {
  try {
    const j = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockInfo>;
    return typeof j.pid === 'number' ? { pid: j.pid, host: String(j.host ?? '') } : null;
  } catch {
    return null;
  }
}

/** Whether `pid` is a running process on this machine (EPERM: it runs, under another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, `${JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() })}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function refuse(dir: string, path: string, info: LockInfo | null): UsageError {
  const who = info ? `another crawl (pid ${info.pid}${info.host && info.host !== hostname() ? ` on ${info.host}` : ''})` : 'another crawl';
  return new UsageError(`--out ${dir}: ${who} is writing into this folder (lock ${path}); wait for it to finish or stop it${info ? ` (kill ${info.pid})` : ''}, then run again`);
}

/**
 * Takes the lock of crawl folder `dir` (which must exist) or throws a UsageError naming the holder. A lock
 * left by a dead process on this host is moved aside and replaced; the move is checked so that two crawls
 * taking over the same stale lock cannot both win.
 */
export function acquireCrawlLock(dir: string): CrawlLock {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path)) return held(path);
    const info = readLock(path);
    // A lock from another machine (a shared folder) cannot be checked from here: never take it over.
    if (info && info.host === hostname() && !processAlive(info.pid)) {
      const aside = `${path}.stale-${process.pid}`;
      try {
        renameSync(path, aside);
      } catch {
        continue; // someone else moved it first; try again
      }
      const moved = readLock(aside);
      if (moved?.pid !== info.pid) {
        // We moved a fresh lock another crawl had just made: put it back and stand down.
        renameSync(aside, path);
        throw refuse(dir, path, moved);
      }
      rmSync(aside, { force: true });
      continue;
    }
    if (!info && existsSync(path)) {
      // Half-written by a process killed between create and write: its pid is unknown, so it is stale
      // only if still unreadable a moment later (a live writer fills it within microseconds).
      const until = Date.now() + 200;
      while (Date.now() < until) { /* brief wait, synchronous on purpose: nothing else may start */ }
      if (readLock(path) === null) { rmSync(path, { force: true }); continue; }
    }
    throw refuse(dir, path, readLock(path));
  }
  throw refuse(dir, path, readLock(path));
}

function held(path: string): CrawlLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only our own lock: never remove one a later crawl made after ours was (wrongly) taken over.
    if (readLock(path)?.pid === process.pid) rmSync(path, { force: true });
  };
  // A second Ctrl-C ends the process with process.exit(): the lock must go with it.
  process.on('exit', release);
  return { path, release };
}

/**
 * Runs `work` (a crawl or an import) under the folder's lock, making the folder if need be. A folder made
 * only to hold the lock is removed again when the work fails before writing anything, so an unreachable
 * start URL or archive leaves no empty folder behind.
 */
export async function withCrawlLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const created = !existsSync(dir);
  mkdirSync(dir, { recursive: true });
  let lock: CrawlLock;
  try {
    lock = acquireCrawlLock(dir);
  } catch (err) {
    if (created) rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  try {
    return await work();
  } catch (err) {
    lock.release();
    if (created && readdirSync(dir).length === 0) rmSync(dir, { recursive: true, force: true });
    throw err;
  } finally {
    lock.release();
  }
}
