/** Checks on a Markdown export that do not trust the exporter: links resolve, front matter matches records. */
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { splitFrontMatter } from '../../src/exporters/front-matter.ts';
import { listMarkdownLinks } from '../../src/exporters/links.ts';
import type { OutputFile, PostRecord } from '../../src/types.ts';

export function text(f: OutputFile): string {
  return typeof f.contents === 'string' ? f.contents : f.contents.toString('utf8');
}

export function byPath(files: readonly OutputFile[]): Map<string, OutputFile> {
  return new Map(files.map((f) => [f.path, f]));
}

/**
 * Where a generator will publish each output file, read from the files themselves: a page at its front
 * matter's `url:` (Hugo) or `permalink:` (Jekyll), Hugo's home at `/`, a Hugo bundle's files beside its
 * page, any other file (Jekyll's assets) at its own path. Decoded paths → output paths.
 */
export function publishedAt(files: readonly OutputFile[]): Map<string, string> {
  const at = new Map<string, string>();
  const pages = new Map<string, string>();
  for (const f of files) {
    if (!f.path.endsWith('.md')) continue;
    const data = splitFrontMatter(text(f)).data ?? {};
    const url = typeof data.url === 'string' ? data.url : typeof data.permalink === 'string' ? data.permalink : f.path === 'content/_index.md' ? '/' : null;
    if (url !== null) { at.set(url, f.path); pages.set(posix.dirname(f.path), url); }
  }
  for (const f of files) {
    if (f.path.endsWith('.md')) continue;
    const page = f.path.startsWith('content/') ? pages.get(posix.dirname(f.path)) : undefined;
    at.set(page !== undefined ? `${page}${posix.basename(f.path)}` : `/${f.path}`, f.path);
  }
  return at;
}

/**
 * Internal links of every .md file, resolved to output paths: relative file links (flat) by the file
 * system's rules, root-relative URLs (hugo, jekyll) by where `all` is published.
 */
export function relativeLinks(files: readonly OutputFile[], all: readonly OutputFile[] = files): { from: string; dest: string; target: string; isImage: boolean }[] {
  const out: { from: string; dest: string; target: string; isImage: boolean }[] = [];
  let published: Map<string, string> | null = null;
  for (const f of files) {
    if (!f.path.endsWith('.md')) continue;
    for (const l of listMarkdownLinks(text(f))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(l.dest) || l.dest.startsWith('#')) continue;
      const path = l.dest.split('#')[0]!.split('/').map((s) => decodeURIComponent(s)).join('/');
      if (path.startsWith('/')) {
        published ??= publishedAt(all);
        out.push({ from: f.path, dest: l.dest, target: published.get(path) ?? `(nothing published at ${path})`, isImage: l.isImage });
      } else out.push({ from: f.path, dest: l.dest, target: posix.normalize(posix.join(posix.dirname(f.path), path)), isImage: l.isImage });
    }
  }
  return out;
}

export function assertLinksResolve(files: readonly OutputFile[]): void {
  const paths = new Set(files.map((f) => f.path));
  for (const l of relativeLinks(files)) assert.ok(paths.has(l.target), `${l.from}: link ${l.dest} resolves to ${l.target}, which is not in the output`);
}

/** The Markdown file whose front matter says it is `record`, checked field by field. */
export function assertFrontMatterMatches(file: OutputFile, r: PostRecord, layout: 'flat' | 'hugo' | 'jekyll'): void {
  const { data } = splitFrontMatter(text(file));
  assert.ok(data, `${file.path}: no front matter`);
  assert.equal(data.title, r.title, `${file.path}: title`);
  assert.equal(data.date ?? null, r.published, `${file.path}: date`);
  assert.equal(data.author, r.author?.name ?? null, `${file.path}: author`);
  assert.deepEqual(data.categories, r.categories.map((c) => c.name), `${file.path}: categories`);
  assert.deepEqual(data.tags, r.tags.map((c) => c.name), `${file.path}: tags`);
  assert.equal(data.excerpt, r.excerpt, `${file.path}: excerpt`);
  assert.equal(data.comment_count, r.commentCount, `${file.path}: comment_count`);
  assert.equal(data.original_url, r.url, `${file.path}: original_url`);
  if (layout === 'hugo') {
    // Every old path, but none where the site builds a page (Hugo would overwrite the page with a redirect stub).
    const own = typeof data.url === 'string' ? data.url : null;
    const paths = [r.url, ...r.aliases].map((u) => new URL(u)).filter((u) => !u.search).map((u) => u.pathname).filter((p) => decodeURIComponent(p) !== own);
    assert.deepEqual(data.aliases, [...new Set(paths)].sort(), `${file.path}: aliases`);
  } else {
    assert.deepEqual(data.aliases, r.aliases, `${file.path}: aliases`);
  }
  const source = r.capture ? { warc_target_uri: r.capture.url, payload_digest: r.capture.payloadDigest } : undefined;
  assert.deepEqual(data.source, source, `${file.path}: source`);
}

const indexes = new WeakMap<readonly OutputFile[], Map<string, OutputFile[]>>();

/** The one .md file whose front matter has original_url === url (front matter parsed once per export). */
export function fileFor(files: readonly OutputFile[], url: string): OutputFile {
  let index = indexes.get(files);
  if (!index) {
    index = new Map();
    for (const f of files) {
      if (!f.path.endsWith('.md')) continue;
      const u = splitFrontMatter(text(f)).data?.original_url;
      if (typeof u === 'string') index.set(u, [...(index.get(u) ?? []), f]);
    }
    indexes.set(files, index);
  }
  const found = index.get(url) ?? [];
  assert.equal(found.length, 1, `expected one file for ${url}, found ${found.map((f) => f.path).join(', ')}`);
  return found[0]!;
}
