/**
 * Records kept on disk instead of the heap: what extract holds per post (bodies, comments, listing views,
 * the merged records) grows with the site, so it goes to an append-only NDJSON file and memory keeps only
 * a small integer per record. `SpillFile.append` returns that id; `read(id)` reads the line back by offset
 * (the page cache makes this cheap). The files live in one hidden temporary folder (`SpillDir`) beside
 * the output, removed by `remove()`, and also when the process exits or is stopped by Ctrl-C / SIGTERM.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<SpillDir>();
const FAULT = Symbol('spill fault');

/** A file system error of the spill folder (full disk, read-only): the caller names the folder it is in. */
export function isSpillFault(err: unknown): boolean {
  return typeof err === 'object' && err !== null && FAULT in err;
}

/** `err` marked as a file system error of the spill folder with `code` (one that happened on another thread). */
export function spillFault(err: Error, code: string): Error {
  return Object.assign(err, { code, [FAULT]: true });
}

/** Runs a file system call of the spill folder, marking its error as the folder's (isSpillFault). */
function marked<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (typeof err === 'object' && err !== null && 'code' in err) Object.assign(err, { [FAULT]: true });
    throw err;
  }
}
let hooked = false;

function removeAll(): void {
  for (const d of [...live]) d.remove();
}

/**
 * On a signal the program does not handle itself: clean up, then die of it as the default handler would.
 * A program that handles it (snapshot stops at its next checkpoint) unwinds, and the exit hook cleans up.
 */
function onSignal(sig: NodeJS.Signals): void {
  if (process.listenerCount(sig) > 1) return;
  removeAll();
  process.off(sig, onSignal);
  process.kill(process.pid, sig);
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', removeAll);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** A hidden temporary folder for spill files, removed as a whole. */
export class SpillDir {
  readonly path: string;
  private files: { close(): void }[] = [];
  private removed = false;

  /** `base`: the folder to make it in (beside the output: same disk, never a RAM-backed /tmp); default the OS's temp folder. */
  constructor(base: string = tmpdir()) {
    this.path = marked(() => mkdtempSync(join(base, '.naring-spill-')));
    live.add(this);
    hookExit();
  }

  file(name: string): SpillFile {
    return this.track(new SpillFile(join(this.path, `${name}.ndjson`)));
  }

  /** Closes `f` (a file made inside `path`) when the folder is removed. */
  track<F extends { close(): void }>(f: F): F {
    this.files.push(f);
    return f;
  }

  remove(): void {
    if (this.removed) return;
    this.removed = true;
    live.delete(this);
    for (const f of this.files) f.close();
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** One open file of the spill folder, read and written at given positions; its errors are the folder's (isSpillFault). */
export class SpillHandle {
  private fd: number | null;
  /** An fd lent by the handle that opened it (another thread's): closed by its owner, not here. */
  private readonly lent: boolean;

  /** Opens a new, empty file at `path`; or uses `fd`, open on it already (a worker thread's view of a main thread's file). */
  constructor(readonly path: string, fd?: number) {
    this.lent = fd !== undefined;
    this.fd = fd ?? marked(() => openSync(path, 'w+'));
  }

  /** The open file descriptor, for a SpillHandle on another thread of this process to write through. */
  get descriptor(): number {
    return this.open();
  }

  /** Writes all of `bytes` at `position`. */
  writeAt(bytes: Uint8Array, position: number): void {
    const fd = this.open();
    let done = 0;
    marked(() => {
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
    });
  }

  /** Reads up to `length` bytes at `position` into `buf` at `offset`; the number read (0 at the end). */
  readAt(buf: Uint8Array, offset: number, length: number, position: number): number {
    const fd = this.open();
    return marked(() => readSync(fd, buf, offset, length, position));
  }

  close(): void {
    if (this.fd !== null && !this.lent) closeSync(this.fd);
    this.fd = null;
  }

  private open(): number {
    if (this.fd === null) throw new Error(`spill ${this.path}: already removed`);
    return this.fd;
  }
}

/** A typed array twice as long holding `a`'s values first (the id tables of a spill file grow so). */
export function doubled<A extends Float64Array | Uint32Array>(a: A): A {
  const out = new (a.constructor as new (n: number) => A)(a.length * 2);
  out.set(a);
  return out;
}

// Writes of 64 KB: few enough system calls, and little held back in memory.
const FLUSH_AT = 64 * 1024;

/** One append-only file of JSON lines. Values must survive JSON (plain data: no undefined in arrays, no Maps). */
export class SpillFile {
  private readonly file: SpillHandle;
  private size = 0;
  private pending: string[] = [];
  private pendingBytes = 0;
  /** Offset and byte length of each record, by id. */
  private offsets = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private count = 0;
  private buf = Buffer.alloc(64 * 1024);

  /** `fd`: write through another SpillFile's open descriptor (SpillHandle), as a worker thread does. */
  constructor(readonly path: string, fd?: number) {
    this.file = new SpillHandle(path, fd);
  }

  /** The open descriptor, for a SpillFile on another thread to append through (`new SpillFile(path, fd)`). */
  get descriptor(): number {
    return this.file.descriptor;
  }

  get length(): number {
    return this.count;
  }

  /** Appends a value; returns its id. `json` may be given when the caller already has the JSON text. */
  append(value: unknown, json: string = JSON.stringify(value)): number {
    const bytes = Buffer.byteLength(json);
    const id = this.index(this.size + this.pendingBytes, bytes);
    this.pending.push(json, '\n');
    this.pendingBytes += bytes + 1;
    if (this.pendingBytes >= FLUSH_AT) this.flush();
    return id;
  }

  /** Where record `id` is in the file: its first byte and its length (the newline after it not counted). */
  where(id: number): { at: number; bytes: number } {
    if (id < 0 || id >= this.count) throw new Error(`spill ${this.path}: no record ${id}`);
    return { at: this.offsets[id]!, bytes: this.lengths[id]! };
  }

  /**
   * Takes in a record another thread wrote to this file (through a SpillFile on this one's `descriptor`, where
   * `where` told it); returns its id here. The writer must have flushed it before it is read.
   */
  adopt(at: number, bytes: number): number {
    this.size = Math.max(this.size, at + bytes + 1);
    return this.index(at, bytes);
  }

  /** A new id for the record at byte `at`, `bytes` long. */
  private index(at: number, bytes: number): number {
    if (this.count === this.offsets.length) {
      this.offsets = doubled(this.offsets);
      this.lengths = doubled(this.lengths);
    }
    this.offsets[this.count] = at;
    this.lengths[this.count] = bytes;
    return this.count++;
  }

  read<T>(id: number): T {
    if (id < 0 || id >= this.count) throw new Error(`spill ${this.path}: no record ${id}`);
    const off = this.offsets[id]!;
    const len = this.lengths[id]!;
    if (off + len > this.size) this.flush();
    if (this.buf.length < len) this.buf = Buffer.alloc(Math.max(len, this.buf.length * 2));
    let got = 0;
    while (got < len) {
      const n = this.file.readAt(this.buf, got, len - got, off + got);
      if (n === 0) throw new Error(`spill ${this.path}: record ${id} cut short`);
      got += n;
    }
    return JSON.parse(this.buf.toString('utf8', 0, len)) as T;
  }

  close(): void {
    this.file.close();
  }

  /** Writes what is held back (appends are written 64 KB at a time). */
  flush(): void {
    if (this.pending.length === 0) return;
    const chunk = Buffer.from(this.pending.join(''), 'utf8');
    this.file.writeAt(chunk, this.size);
    this.size += chunk.length;
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/** Files one SpillMap can read from: its own and one per worker thread (survey-pool.ts has at most 8). */
const MAP_FILES = 16;

/**
 * A Map of values kept on disk: the keys and one number each stay in memory. The values are in one file,
 * or in several when other threads write them (`addFile`, `setAt`).
 */
export class SpillMap<V> {
  /** Each key's file and id there, as `id * MAP_FILES + file` (a small integer, as a single id was). */
  private ids = new Map<string, number>();
  private readonly files: SpillFile[];

  constructor(file: SpillFile) {
    this.files = [file];
  }

  get size(): number {
    return this.ids.size;
  }

  /** Another file values may be in (one a worker thread writes); its number for `setAt`. */
  addFile(f: SpillFile): number {
    if (this.files.length === MAP_FILES) throw new Error(`SpillMap: at most ${MAP_FILES} files`);
    return this.files.push(f) - 1;
  }

  /** Keeps the value whose JSON text is `json` (made by the caller: pass 1 makes it on the thread that read the page). */
  setJson(key: string, json: string): this {
    this.ids.set(key, this.files[0]!.append(undefined, json) * MAP_FILES);
    return this;
  }

  /** Keeps the value another thread wrote to file `file` (`addFile`) at byte `at`, `bytes` long. */
  setAt(key: string, file: number, at: number, bytes: number): this {
    const f = this.files[file];
    if (!f || file === 0) throw new Error(`SpillMap: no file ${file} added`);
    this.ids.set(key, f.adopt(at, bytes) * MAP_FILES + file);
    return this;
  }

  get(key: string): V | undefined {
    const id = this.ids.get(key);
    return id === undefined ? undefined : this.files[id % MAP_FILES]!.read<V>(Math.floor(id / MAP_FILES));
  }

  has(key: string): boolean {
    return this.ids.has(key);
  }

  delete(key: string): boolean {
    return this.ids.delete(key);
  }
}
