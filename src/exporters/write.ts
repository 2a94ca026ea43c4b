/**
 * The one module that writes output files. Every file is written to a temporary name beside its target
 * and renamed into place, so a killed run never leaves a half-written file where a finished one is expected.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { OutputFile } from '../types.ts';

/**
 * Writes `data` to `path` atomically (temp file in the same folder, fsync, rename). `sync: false` skips the
 * fsync, for files inside a folder that is itself built aside and renamed into place once complete (the
 * browsable copy: hundreds of small pages, where one fsync each cost more than the rest of the work).
 */
export async function writeFileAtomic(path: string, data: string | Buffer, options: { sync?: boolean } = {}): Promise<void> {
  await atomically(path, (fh) => fh.writeFile(data), options.sync !== false);
}

/**
 * Writes text made piece by piece (a generator of the report's sections) to `path` atomically, about 1 MB
 * per write, so a page of tens of megabytes is never one string in memory.
 */
export async function writeChunksAtomic(path: string, chunks: Iterable<string>): Promise<void> {
  await atomically(path, (fh) => writeChunks(fh, chunks), true);
}

/** Temp file in the same folder, `write`, fsync (unless told not to), rename; the temp file goes on failure. */
async function atomically(path: string, write: (fh: FileHandle) => Promise<void>, sync: boolean): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const fh = await open(tmp, 'w');
  try {
    await write(fh);
    if (sync) await fh.sync();
  } catch (err) {
    await fh.close().catch(() => {});
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  await rename(tmp, path);
}

/**
 * Writes a stream to `path` atomically, like writeFileAtomic: for outputs too large to hold in memory
 * (a WACZ holds every WARC of the crawl).
 */
export async function writeStreamAtomic(path: string, source: NodeJS.ReadableStream): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await pipeline(source, createWriteStream(tmp));
    // The stream has closed its descriptor; a second one makes the bytes durable before the rename.
    const fh = await open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await rename(tmp, path);
}

/**
 * Resolves an exporter's relative path inside `outDir`, refusing anything that would land outside it.
 * Exporters already make safe names; this is the last guard against a hostile slug.
 */
export function resolveInside(outDir: string, relPath: string): string {
  if (isAbsolute(relPath) || relPath.includes('\0')) throw new Error(`refusing to write outside the output folder: ${JSON.stringify(relPath)}`);
  const norm = normalize(relPath);
  if (norm === '..' || norm.startsWith(`..${sep}`) || norm.split(sep).includes('..')) {
    throw new Error(`refusing to write outside the output folder: ${JSON.stringify(relPath)}`);
  }
  return join(outDir, norm);
}

/** A file written from pieces as they are made (records read back from disk), never held whole. */
export interface StreamedFile {
  path: string;
  chunks: () => Iterable<string>;
}

/**
 * A text file made piece by piece as it is written (writeOutputFiles reads `chunks`), so posts.json of a
 * large blog is never one string; `contents` still gives the whole text to a caller that wants it (tests,
 * small exports). `chunks` is not enumerable, so two such files compare equal by their text.
 */
export function streamedText(path: string, chunks: () => Iterable<string>): OutputFile & StreamedFile {
  const file = { path, get contents(): string { return [...chunks()].join(''); } } as OutputFile & StreamedFile;
  Object.defineProperty(file, 'chunks', { value: chunks });
  return file;
}

/**
 * A file whose contents are made only when it is written (or read): a Markdown export of 50,000 posts holds
 * each rendered page, or each copied upload, only while it is written.
 */
export function lazyFile(path: string, make: () => string | Buffer): OutputFile {
  return { path, get contents() { return make(); } };
}

async function writeChunks(fh: FileHandle, chunks: Iterable<string>): Promise<void> {
  // Pieces are gathered to about 1 MB per write: one write per record would cost more than the records.
  let batch: string[] = [];
  let size = 0;
  for (const c of chunks) {
    batch.push(c);
    size += c.length;
    if (size >= 1 << 20) {
      await fh.writeFile(batch.join(''));
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) await fh.writeFile(batch.join(''));
}

/**
 * Files written at once. Each is synced before it is renamed into place; the file system commits the syncs
 * of files written together in one go, so a Markdown export of 50,000 pages does not wait for 50,000
 * journal commits one after another.
 */
const WRITERS = 8;

/**
 * Writes every file of an exporter into `outDir` as one set: all are written to temporary names first and
 * renamed into place only once every one is on disk, so a full disk or a refused write part-way leaves the
 * folder as it was (no new posts.json beside an old urls.json that together look whole).
 */
export async function writeOutputFiles(outDir: string, files: readonly (OutputFile | StreamedFile)[]): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staged: { n: number; tmp: string; path: string }[] = [];
  const made = new Set<string>([outDir]);
  let next = 0;
  let failed = false;
  const writeOne = async (f: OutputFile | StreamedFile, n: number): Promise<void> => {
    const path = resolveInside(outDir, f.path);
    if (!made.has(dirname(path))) {
      await mkdir(dirname(path), { recursive: true });
      made.add(dirname(path));
    }
    const tmp = `${path}.tmp-${tag}-${n}`;
    staged.push({ n, tmp, path });
    const fh = await open(tmp, 'w');
    try {
      if ('chunks' in f) await writeChunks(fh, f.chunks());
      else await fh.writeFile(f.contents);
      await fh.sync();
    } finally {
      await fh.close();
    }
  };
  // After the first failure no writer starts another file; every writer is waited for before cleaning up.
  const writer = async (): Promise<void> => {
    while (!failed && next < files.length) {
      const n = next++;
      try {
        await writeOne(files[n]!, n);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const done = await Promise.allSettled(Array.from({ length: Math.min(WRITERS, files.length) }, writer));
  const refused = done.find((d): d is PromiseRejectedResult => d.status === 'rejected');
  if (refused) {
    await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
    throw refused.reason;
  }
  // In the files' own order, so a reader of the folder sees them appear as the exporter listed them.
  staged.sort((a, b) => a.n - b.n);
  for (const s of staged) await rename(s.tmp, s.path);
}

/** JSON as every data file of this project writes it: 2-space indent, LF, trailing newline. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * `toJsonText` of an array, one element at a time: the same bytes, for arrays too large to hold as one
 * string (the records, read back from disk as they are written).
 */
export function* toJsonChunks(items: Iterable<unknown>): Generator<string> {
  yield* arrayChunks(items, '', 1);
  yield '\n';
}

/**
 * `toJsonText` of any value, written a member at a time down to `depth` levels of objects and arrays (the
 * report's `kinds` and urls.json are each about 30 MB at 50,000 posts: as one string, and again as the
 * buffer written, they were the peak of extract's memory). Below `depth`, each member is one
 * `JSON.stringify`. The same bytes as `toJsonText`, by JSON.stringify's own rules: members whose value is
 * undefined, a function or a symbol are left out of objects and written as null in arrays, and a value
 * with `toJSON` is written as what that gives.
 */
export function* toJsonValueChunks(value: unknown, depth = 2): Generator<string> {
  yield* valueChunks(value, '', depth);
  yield '\n';
}

/**
 * One value at `indent`, as JSON.stringify(v, null, 2) nests it there. JSON text holds no raw newline inside
 * a string, so indenting every line break of a member's text nests it exactly.
 */
function* valueChunks(v: unknown, indent: string, depth: number): Generator<string> {
  if (depth <= 0 || v === null || typeof v !== 'object' || typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    yield (JSON.stringify(v, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`);
    return;
  }
  if (Array.isArray(v)) return yield* arrayChunks(v, indent, depth);
  const inner = `${indent}  `;
  let first = true;
  for (const [key, x] of Object.entries(v)) {
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    yield* valueChunks(x, inner, depth - 1);
    first = false;
  }
  yield first ? '{}' : `\n${indent}}`;
}

/** The elements of an array (or any iterable: records read back one by one) at `indent`; a hole, undefined or a function is null. */
function* arrayChunks(items: Iterable<unknown>, indent: string, depth: number): Generator<string> {
  const inner = `${indent}  `;
  let first = true;
  for (const it of items) {
    yield `${first ? '[' : ','}\n${inner}`;
    yield* valueChunks(it, inner, depth - 1);
    first = false;
  }
  yield first ? '[]' : `\n${indent}]`;
}
