/**
 * The report's post rows: each post with its new URL (from redirects.json, the URL plan the maps were
 * written from), its Markdown file (found by the `original_url` in the front matter of markdown/, so any
 * layout works) and its page in the browsable copy (site/, from the index `export site` writes).
 * Links are relative to the report file, so the folder can be moved or served as a whole.
 */
import { open, readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { PostRow } from '../exporters/report/types.ts';
import type { PostRecord } from '../types.ts';
import { normalizeUrl } from '../url.ts';
import { readJsonIfExists } from './layout.ts';
import { sourceByUrl, type SourcedRow } from './numbers.ts';

import { URL_INDEX as SITE_INDEX } from '../exporters/site-copy/paths.ts';
export { SITE_INDEX };

async function walkMd(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walkMd(p)));
    else if (e.isFile() && e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

/** Bytes read first from each Markdown file: front matter is at the top, the body is never needed. */
const HEAD_BYTES = 16 * 1024;
/** Files read at once: the reads are small, and one at a time the report mostly waited on the disk. */
const READERS = 16;

/** The file's front matter (between the first two `---` lines), reading only its head when that suffices. */
async function frontMatterOf(file: string): Promise<string | null> {
  const fh = await open(file, 'r');
  let text: string;
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(head, 0, HEAD_BYTES, 0);
    text = head.toString('utf8', 0, bytesRead);
    if (bytesRead === HEAD_BYTES && !/^---\n[\s\S]*?\n---\n/.test(text)) text = await readFile(file, 'utf8');
  } finally {
    await fh.close();
  }
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  return m ? m[1]! : null;
}

/**
 * original_url from front matter. The one line is parsed as YAML on its own (a URL is one line, and the
 * front matter of 50,000 files parsed whole was a quarter of the report's time); anything else, a value
 * continued on the next line or the key spelled in quotes, gets the whole front matter parsed.
 */
export function originalUrlOf(frontMatter: string): string | null {
  const line = /^original_url:[^\n]*(\n[ \t]+\S)?/m.exec(frontMatter);
  let fm: unknown;
  try {
    if (line && !line[1]) fm = parseYaml(line[0]);
    else if (frontMatter.includes('original_url')) fm = parseYaml(frontMatter);
    else return null;
  } catch {
    return null;
  }
  const url = (fm as { original_url?: unknown } | null)?.original_url;
  return typeof url === 'string' ? url : null;
}

/** original_url → absolute path of its Markdown file, for every .md under `markdownDir` that has one. */
export async function markdownFilesByUrl(markdownDir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const files = (await walkMd(markdownDir)).sort();
  for (let i = 0; i < files.length; i += READERS) {
    const batch = files.slice(i, i + READERS);
    const fronts = await Promise.all(batch.map(frontMatterOf));
    // In path order, so when two files claim one URL the later path wins, whatever order the reads end in.
    for (const [n, fm] of fronts.entries()) {
      const url = fm === null ? null : originalUrlOf(fm);
      if (url !== null) out.set(normalizeUrl(url) ?? url, batch[n]!);
    }
  }
  return out;
}

/** url → absolute path of its page in the browsable copy, from the copy's own index. */
export async function siteFilesByUrl(siteDir: string): Promise<Map<string, string>> {
  const index = await readJsonIfExists(join(siteDir, ...SITE_INDEX.split('/')));
  const out = new Map<string, string>();
  if (!Array.isArray(index)) return out;
  for (const e of index as Array<{ url?: unknown; path?: unknown }>) {
    if (typeof e?.url === 'string' && typeof e.path === 'string') out.set(normalizeUrl(e.url) ?? e.url, join(siteDir, ...e.path.split('/')));
  }
  return out;
}

/** A relative href from the report's folder to `file`, each segment percent-encoded (names hold å, –, spaces). */
export function hrefFrom(reportDir: string, file: string): string {
  return relative(reportDir, file).split(sep).map((s) => encodeURIComponent(s)).join('/');
}

export interface PostLinks {
  reportFile: string;
  rows: SourcedRow[] | null;
  markdown: Map<string, string>;
  site: Map<string, string>;
}

export function postRows(posts: readonly PostRecord[], l: PostLinks): PostRow[] {
  const reportDir = dirname(l.reportFile);
  const bySource = l.rows ? sourceByUrl(l.rows) : null;
  const key = (u: string) => normalizeUrl(u) ?? u;
  return posts.map((p) => {
    const row = bySource?.get(p.url) ?? bySource?.get(key(p.url)) ?? null;
    const md = l.markdown.get(key(p.url));
    const page = l.site.get(key(p.url)) ?? (p.capture ? l.site.get(key(p.capture.url)) : undefined);
    return {
      title: p.title,
      blog: p.blog ?? '',
      date: p.published ? p.published.slice(0, 10) : null,
      categories: (p.categories ?? []).map((c) => c.name),
      comments: typeof p.commentCount === 'number' ? p.commentCount : null,
      commentsArchived: Array.isArray(p.comments) ? p.comments.length : 0,
      oldUrl: p.url,
      newUrl: row?.to ?? null,
      newSource: row?.source || null,
      markdownHref: md ? hrefFrom(reportDir, md) : null,
      archivedHref: page ? hrefFrom(reportDir, page) : null,
    };
  });
}
