/**
 * `export markdown`: one Markdown file per post and static page, YAML front matter, links between archived
 * posts rewritten to relative file paths, uploads copied (or linked, or dropped), comments at the end, and
 * index files per blog and category. Pure: records (and upload bytes) in, OutputFile[] out.
 */
import type { OutputFile, PostRecord } from '../types.ts';
import { normalizeUrl } from '../url.ts';
import { buildFrontMatter, renderFrontMatter, type Layout } from './front-matter.ts';
import { PathRegistry } from './file-names.ts';
import { relativeLink, rewriteMarkdownLinks, type FoundLink, type LinkAction } from './links.ts';
import { renderComments } from './markdown-comments.ts';
import { renderBlogIndex, renderCategoryIndex, renderRootIndex, type BlogIndex, type CategoryIndex, type IndexedDoc } from './markdown-index.ts';
import { safeCommentsMarkdown, safeMarkdownBody } from './markdown-safe.ts';
import { claimBlogIndex, claimCategoryIndex, claimDocPath, claimRootIndex, claimUploadPath } from './markdown-layout.ts';
import { byUrl, isUploadUrl, knownUploadKeys, linkKey, recordUploads, type ExportInput } from './site-index.ts';

export type ImageMode = 'copy' | 'link' | 'none';
export const IMAGE_MODES: readonly ImageMode[] = ['copy', 'link', 'none'];

export interface MarkdownOptions {
  layout: Layout;
  images: ImageMode;
  /** Upload bytes by URL (any spelling; compared by linkKey). Needed for `images: 'copy'`. */
  imageBytes?: ReadonlyMap<string, Buffer>;
}

export interface MarkdownExport {
  files: OutputFile[];
  posts: number;
  pages: number;
  /** Upload URLs copied into the output. */
  copied: string[];
  /** Upload URLs wanted for `copy` but absent from imageBytes: their links keep the original URL. */
  missing: string[];
}

interface Doc extends IndexedDoc {
  kind: 'post' | 'page';
  /** Upload linkKey → output path, for this document. */
  uploads: Map<string, string>;
}

function compareStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every Markdown file of an export, plus what was copied and what was missing. */
export function exportMarkdown(input: ExportInput, options: MarkdownOptions): MarkdownExport {
  const { layout, images } = options;
  const reg = new PathRegistry();
  const blogs = [...new Set([...input.posts, ...input.pages].map((r) => r.blog))].sort(compareStr);
  const multiBlog = blogs.length > 1;

  // 1. Claim every document's path first (sorted by URL), so suffixes for colliding names are deterministic.
  const docs: Doc[] = [];
  for (const [kind, records] of [['post', input.posts], ['page', input.pages]] as const) {
    for (const record of byUrl(records)) docs.push({ record, kind, path: claimDocPath(reg, layout, record, kind, multiBlog), uploads: new Map() });
  }

  // 2. Uploads: copy what the archive had; hugo keeps a copy in each bundle that uses it.
  const known = knownUploadKeys(input);
  const bytes = new Map<string, Buffer>();
  for (const [url, b] of options.imageBytes ?? []) { const k = linkKey(url); if (k) bytes.set(k, b); }
  const files: OutputFile[] = [];
  const shared = new Map<string, string>();
  // By linkKey, so one upload linked in two spellings counts once (the first spelling is reported).
  const copied = new Map<string, string>();
  const missing = new Map<string, string>();
  if (images === 'copy') {
    for (const doc of docs) {
      for (const url of recordUploads(doc.record, known)) {
        const key = linkKey(url)!;
        const data = bytes.get(key);
        if (!data) { if (!missing.has(key)) missing.set(key, url); continue; }
        let path = layout === 'hugo' ? undefined : shared.get(key);
        if (path === undefined) {
          path = claimUploadPath(reg, layout, url, doc.path);
          files.push({ path, contents: data });
          if (layout !== 'hugo') shared.set(key, path);
        }
        if (!copied.has(key)) copied.set(key, url);
        doc.uploads.set(key, path);
      }
    }
  }

  // 3. Index paths, so links to category pages and blog home pages can point at them.
  const targets = new Map<string, string>();
  const claimTarget = (url: string | null | undefined, path: string): void => {
    const k = url ? linkKey(url) : null;
    if (k !== null && !targets.has(k)) targets.set(k, path);
  };
  // Canonical URLs before aliases: a stale alias that names another post's URL must not steal its links.
  for (const doc of docs) claimTarget(doc.record.url, doc.path);
  for (const doc of docs) for (const u of doc.record.aliases) claimTarget(u, doc.path);
  const blogIndexes = new Map<string, BlogIndex>();
  for (const blog of blogs) blogIndexes.set(blog, { blog, path: claimBlogIndex(reg, layout, blog, multiBlog), posts: [], pages: [], categories: [] });
  const categories = new Map<string, CategoryIndex>();
  for (const doc of docs) {
    const b = blogIndexes.get(doc.record.blog)!;
    (doc.kind === 'post' ? b.posts : b.pages).push(doc);
    const origin = originOf(doc.record.url);
    if (origin) claimTarget(`${origin}/${doc.record.blog ? `${encodeURIComponent(doc.record.blog)}/` : ''}`, b.path);
    if (doc.kind !== 'post') continue;
    for (const c of doc.record.categories) {
      const id = `${doc.record.blog}\u0000${c.slug || c.name}`;
      let cat = categories.get(id);
      if (!cat) {
        cat = { blog: doc.record.blog, name: c.name, slug: c.slug || c.name, url: normalizeUrl(c.url) ?? '', path: claimCategoryIndex(reg, layout, doc.record.blog, c.slug || c.name, multiBlog), posts: [] };
        categories.set(id, cat);
        b.categories.push(cat);
      }
      if (!cat.posts.includes(doc)) cat.posts.push(doc);
      claimTarget(c.url, cat.path);
    }
  }
  const rootPath = multiBlog ? claimRootIndex(reg, layout) : null;
  if (rootPath) for (const doc of docs) { const o = originOf(doc.record.url); if (o) claimTarget(`${o}/`, rootPath); }

  // 4. Render the documents, then the indexes.
  for (const doc of docs) {
    const decide = linkDecider(doc, targets, known, images);
    // Text from the old site stays text: tags, script links and template syntax neutralised (markdown-safe.ts).
    const body = safeMarkdownBody(rewriteMarkdownLinks(doc.record.contentMarkdown.replace(/\r\n?/g, '\n'), decide), layout).trim();
    const commentsMd = renderComments(doc.record.comments);
    const comments = commentsMd ? safeCommentsMarkdown(commentsMd, layout) : commentsMd;
    const parts = [renderFrontMatter(buildFrontMatter(doc.record, layout, doc.kind))];
    if (body) parts.push(`${body}\n`);
    if (comments) parts.push(comments);
    files.push({ path: doc.path, contents: parts.join('\n') });
  }
  for (const b of blogIndexes.values()) files.push(renderBlogIndex(b));
  for (const c of categories.values()) files.push(renderCategoryIndex(c));
  if (rootPath) files.push(renderRootIndex(rootPath, [...blogIndexes.values()]));

  files.sort((a, b) => compareStr(a.path, b.path));
  return {
    files,
    posts: input.posts.length,
    pages: input.pages.length,
    copied: [...copied.values()].sort(compareStr),
    missing: [...missing.values()].sort(compareStr),
  };
}

/** The Markdown files only; see exportMarkdown for the copied/missing report. */
export function toMarkdownFiles(input: ExportInput, options: MarkdownOptions): OutputFile[] {
  return exportMarkdown(input, options).files;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * What to do with each link of one document: archived posts, categories and blog homes become relative
 * paths; uploads become copied files, original URLs or nothing; other relative links are made absolute
 * so they still point at the old site (where the redirect map answers them).
 */
function linkDecider(doc: Doc, targets: ReadonlyMap<string, string>, known: ReadonlySet<string>, images: ImageMode): (l: FoundLink) => LinkAction {
  return (link) => {
    const dest = link.dest.trim();
    if (dest === '' || dest.startsWith('#')) return { action: 'keep' };
    let abs: URL;
    try {
      abs = new URL(dest, doc.record.url);
    } catch {
      return { action: 'keep' };
    }
    if (abs.protocol !== 'http:' && abs.protocol !== 'https:') return { action: 'keep' };
    const key = linkKey(abs.href);
    if (key === null) return { action: 'keep' };
    const isRelative = !/^[a-z][a-z0-9+.-]*:/i.test(dest);
    const target = targets.get(key);
    if (target !== undefined) return { action: 'replace', dest: `${relativeLink(doc.path, target)}${abs.hash}` };
    if (isUploadUrl(abs.href, known)) {
      if (images === 'none') return { action: 'drop' };
      const copiedPath = doc.uploads.get(key);
      if (images === 'copy' && copiedPath !== undefined) return { action: 'replace', dest: relativeLink(doc.path, copiedPath) };
    }
    return isRelative ? { action: 'replace', dest: abs.href } : { action: 'keep' };
  };
}
