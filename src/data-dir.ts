/**
 * Reads an `extract --out` folder (the `<data-dir>` of ../shared/CONTRACT.md) for the exporters' commands.
 * Every file is checked enough that a wrong folder gives one clear line, never a stack trace.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './errors.ts';
import type { PostRecord, TermSummary, UrlEntry } from './types.ts';

export interface DataDir {
  dir: string;
  posts: PostRecord[];
  pages: PostRecord[];
  categories: TermSummary[];
  authors: TermSummary[];
  urls: UrlEntry[];
}

async function readJsonArray<T>(dir: string, name: string, required: boolean): Promise<T[]> {
  const path = join(dir, name);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !required) return [];
    throw new UsageError(`${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); give the folder that \`naring-archive extract --out\` wrote`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${path}: not valid JSON (${(err as Error).message}); rerun \`naring-archive extract\` to write it again`);
  }
  if (!Array.isArray(value)) throw new UsageError(`${path}: expected a JSON array; rerun \`naring-archive extract\` to write it again`);
  return value as T[];
}

function checkPosts(path: string, posts: unknown[]): void {
  posts.forEach((p, i) => {
    const r = p as Partial<PostRecord> | null;
    if (!r || typeof r !== 'object' || typeof r.url !== 'string' || typeof r.title !== 'string' || !Array.isArray(r.categories)) {
      throw new UsageError(`${path}: record ${i} is not a post record (needs url, title, categories); rerun \`naring-archive extract\``);
    }
  });
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
  const [posts, pages, categories, authors, urls] = await Promise.all([
    readJsonArray<PostRecord>(dir, 'posts.json', true),
    readJsonArray<PostRecord>(dir, 'pages.json', false),
    readJsonArray<TermSummary>(dir, 'categories.json', false),
    readJsonArray<TermSummary>(dir, 'authors.json', false),
    readJsonArray<UrlEntry>(dir, 'urls.json', true),
  ]);
  checkPosts(join(dir, 'posts.json'), posts);
  checkPosts(join(dir, 'pages.json'), pages);
  return { dir, posts, pages, categories, authors, urls };
}
