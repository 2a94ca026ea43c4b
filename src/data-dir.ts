/**
 * Reads an `extract --out` folder (the `<data-dir>` of the contract in docs/) for the exporters' commands.
 * Every file is checked against schema/ as it is read, so a wrong or broken folder gives one clear line
 * naming the file, the record and the field, never a crash halfway through writing. Post and page records
 * are read one at a time and keep their large fields in the file (record-file.ts): close() the folder
 * once the export is written.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError, cannotRead } from './errors.ts';
import { checkAgainstSchema, type SchemaName } from './exporters/json-schema.ts';
import { readRecordFile, type RecordFile } from './record-file.ts';
import type { PostRecord, TermSummary, UrlEntry } from './types.ts';

export interface DataDir {
  dir: string;
  posts: PostRecord[];
  pages: PostRecord[];
  categories: TermSummary[];
  authors: TermSummary[];
  urls: UrlEntry[];
  /** Closes posts.json and pages.json; the records' large fields cannot be read after it. */
  close(): void;
}

const RERUN = 'rerun `naring-archive extract` to write it again';

const GIVE_DATA = 'give the folder that `naring-archive extract --out` wrote';

/** Record `index` and a problem from checkAgainstSchema (`/tags: must be array`) as the user reads them. */
function recordProblem(index: number, record: unknown, problem: string): string {
  const url = record && typeof (record as { url?: unknown }).url === 'string' ? ` (${(record as { url: string }).url})` : '';
  const m = /^\/([^:]*): (.*)$/.exec(problem);
  return `record ${index}${url}: ${m && m[1] ? `${m[1]}: ` : ''}${m ? m[2] : problem}`;
}

/** categories.json, authors.json (checked against `schema`) or urls.json, read whole: a few short fields per URL. */
async function readJsonArray<T>(dir: string, file: string, schema: SchemaName | null, required: boolean): Promise<T[]> {
  const path = join(dir, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !required) return [];
    throw cannotRead(path, err, GIVE_DATA);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${path}: not valid JSON (${(err as Error).message}); ${RERUN}`);
  }
  if (!Array.isArray(value)) throw new UsageError(`${path}: expected a JSON array; ${RERUN}`);
  // Keys the schemas do not know are dropped (a newer extract may add fields).
  const problem = schema ? checkAgainstSchema(schema, value, true) : null;
  if (problem !== null) {
    const m = /^\/(\d+)(.*)$/.exec(problem);
    // `/3/name: …` or `/3: …`: the record's own problem is what follows its number.
    const which = m ? recordProblem(Number(m[1]), value[Number(m[1])], m[2]!.startsWith('/') ? m[2]! : `/${m[2]}`) : problem;
    throw new UsageError(`${path}: ${which} (see schema/${schema}.schema.json); ${RERUN}`);
  }
  return value as T[];
}

/** posts.json or pages.json, each record checked against schema/post-record.schema.json as it is read. */
async function readRecords(dir: string, name: 'posts' | 'pages', required: boolean): Promise<{ records: PostRecord[]; file: RecordFile | null }> {
  const path = join(dir, `${name}.json`);
  try {
    await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !required) return { records: [], file: null };
    throw cannotRead(path, err, GIVE_DATA);
  }
  const prepare = (value: unknown, index: number): Record<string, unknown> => {
    const problem = checkAgainstSchema('post-record', value, true);
    if (problem !== null) throw new UsageError(`${path}: ${recordProblem(index, value, problem)} (see schema/${name}.schema.json); ${RERUN}`);
    return value as Record<string, unknown>;
  };
  return readRecordFile<PostRecord>(path, prepare, RERUN);
}

/** Loads a data folder. posts.json and urls.json are required; the others default to empty. */
export async function loadDataDir(dir: string): Promise<DataDir> {
  let st;
  try {
    st = await stat(dir);
  } catch {
    throw new UsageError(`${dir}: no such folder; give the folder that \`naring-archive extract --out\` wrote`);
  }
  if (!st.isDirectory()) throw new UsageError(`${dir}: not a folder; give the folder that \`naring-archive extract --out\` wrote`);
  const posts = await readRecords(dir, 'posts', true);
  let pages: Awaited<ReturnType<typeof readRecords>> | null = null;
  try {
    pages = await readRecords(dir, 'pages', false);
    const [categories, authors, urls] = await Promise.all([
      readJsonArray<TermSummary>(dir, 'categories.json', 'categories', false),
      readJsonArray<TermSummary>(dir, 'authors.json', 'authors', false),
      readJsonArray<UrlEntry>(dir, 'urls.json', null, true),
    ]);
    const files = [posts.file, pages.file];
    return { dir, posts: posts.records, pages: pages.records, categories, authors, urls, close: () => { for (const f of files) f?.close(); } };
  } catch (err) {
    posts.file?.close();
    pages?.file?.close();
    throw err;
  }
}
