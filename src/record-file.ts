/**
 * Post records read from posts.json (or pages.json) one at a time, each kept in memory with only its small
 * fields. The body, comments, excerpt, provenance and capture (four fifths of a record's bytes) stay in the
 * file and are read back by byte range when an exporter reads them, so exporting a 50,000-post blog holds
 * about 100 MB of records instead of 550 MB. The exporters see ordinary records: the read-back fields are
 * enumerable getters in the file's key order, so JSON.stringify, spreads and deep comparisons see them too.
 *
 * The file stays open while the records are used: an export that replaces posts.json in the same folder
 * (snapshot writes the JSON export over extract's copy) renames a new file into place, and the open one
 * still reads the bytes the records came from.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { UsageError, cannotRead } from './errors.ts';
import { JsonShapeError, readArrayElements } from './json-array.ts';

/** The fields left in the file until read. */
const READ_BACK = new Set(['excerpt', 'contentMarkdown', 'comments', 'provenance', 'capture']);
const SOURCE = Symbol('naring-archive record source');

/** Checks one parsed element (throwing a message for the user) and returns the record to keep. */
export type PrepareRecord = (value: unknown, index: number) => Record<string, unknown>;

interface Source {
  file: RecordFile;
  offset: number;
  length: number;
  index: number;
}

/** An open posts.json: reads one record back by its byte range, the last one kept for the next field. */
export class RecordFile {
  #fd: number | null;
  #last: { offset: number; record: Record<string, unknown> } | null = null;

  constructor(readonly path: string, private readonly prepare: PrepareRecord) {
    this.#fd = openSync(path, 'r');
  }

  read(s: Source): Record<string, unknown> {
    if (this.#last?.offset === s.offset) return this.#last.record;
    if (this.#fd === null) throw new Error(`${this.path}: read after the data folder was closed`);
    const buf = Buffer.allocUnsafe(s.length);
    const n = readSync(this.#fd, buf, 0, s.length, s.offset);
    let value: unknown;
    try {
      value = JSON.parse(buf.toString('utf8', 0, n));
    } catch {
      throw new UsageError(`${this.path}: record ${s.index} changed on disk while it was being exported (the file was rewritten in place); run the export again`);
    }
    // The same checks as the first read, so a field reads back as it was loaded.
    const record = this.prepare(value, s.index);
    this.#last = { offset: s.offset, record };
    return record;
  }

  close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
    this.#last = null;
  }
}

const descriptors = new Map<string, PropertyDescriptor>();

/** One getter per field name, shared by every record: it reads the record back through its source. */
function readBackDescriptor(key: string): PropertyDescriptor {
  let d = descriptors.get(key);
  if (!d) {
    d = {
      enumerable: true,
      configurable: true,
      get(this: { [SOURCE]: Source }) {
        const s = this[SOURCE];
        return s.file.read(s)[key];
      },
      // A caller that sets the field gets an ordinary field from then on.
      set(this: object, value: unknown) {
        Object.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true });
      },
    };
    descriptors.set(key, d);
  }
  return d;
}

/** Shares the strings that repeat from record to record (terms, authors, blogs) instead of one copy each. */
class Strings {
  #seen = new Map<string, string>();
  get(s: unknown): unknown {
    if (typeof s !== 'string') return s;
    const had = this.#seen.get(s);
    if (had !== undefined) return had;
    this.#seen.set(s, s);
    return s;
  }
  terms(list: unknown): void {
    if (!Array.isArray(list)) return;
    for (const t of list) {
      if (!t || typeof t !== 'object') continue;
      const o = t as Record<string, unknown>;
      for (const k of ['name', 'slug', 'url']) if (k in o) o[k] = this.get(o[k]);
    }
  }
}

function keepSmall(full: Record<string, unknown>, source: Source, strings: Strings): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  Object.defineProperty(kept, SOURCE, { value: source });
  for (const key of Object.keys(full)) {
    if (READ_BACK.has(key)) Object.defineProperty(kept, key, readBackDescriptor(key));
    else kept[key] = full[key];
  }
  if ('blog' in kept) kept.blog = strings.get(kept.blog);
  strings.terms(kept.categories);
  strings.terms(kept.tags);
  if (kept.author) strings.terms([kept.author]);
  return kept;
}

/**
 * Reads every record of a JSON array file, checking each with `prepare` (which throws a UsageError for a
 * record the caller cannot take). A file that is no JSON array of records, or cannot be read, is a
 * UsageError naming it and ending with `rerun` (what writes the file again). The returned file must be
 * closed once the records are no longer read (the exporters' commands close it when they finish).
 */
export async function readRecordFile<T>(path: string, prepare: PrepareRecord, rerun: string): Promise<{ records: T[]; file: RecordFile }> {
  let file: RecordFile;
  try {
    file = new RecordFile(path, prepare);
  } catch (err) {
    throw cannotRead(path, err);
  }
  const strings = new Strings();
  const records: Record<string, unknown>[] = [];
  try {
    for await (const el of readArrayElements(path)) {
      let value: unknown;
      try {
        value = JSON.parse(el.bytes.toString('utf8'));
      } catch (err) {
        throw new UsageError(`${path}: record ${el.index} (at byte ${el.offset}) is not valid JSON (${(err as Error).message}); ${rerun}`);
      }
      records.push(keepSmall(prepare(value, el.index), { file, offset: el.offset, length: el.bytes.length, index: el.index }, strings));
    }
  } catch (err) {
    file.close();
    if (err instanceof JsonShapeError) throw new UsageError(`${path}: not a JSON array of records: ${err.message}; ${rerun}`);
    throw err instanceof UsageError ? err : cannotRead(path, err);
  }
  return { records: records as T[], file };
}

