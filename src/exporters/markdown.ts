/**
 * `export markdown`: one Markdown file per post and static page, YAML front matter, links between archived
 * posts rewritten (to relative file paths in `flat`; to the URL plan's URLs in `hugo` and `jekyll`, which
 * also get the generator's configuration, templates and landing pages), uploads copied (or linked, or
 * dropped), comments, and index files per blog and category. Pure: records (and upload bytes) in, OutputFile[] out.
 */
import { UsageError } from '../errors.ts';
import type { OutputFile } from '../types.ts';
import { normalizeUrl } from '../url.ts';
import { buildFrontMatter, overlongAliases, renderFrontMatter, type Layout } from './front-matter.ts';
import { PathRegistry } from './file-names.ts';
import { relativeLink, rewriteMarkdownLinks } from './links.ts';
import { linkDecider, navOf, pathHref, type Doc, type ImageMode, type Target } from './markdown-links.ts';
import { renderComments } from './markdown-comments.ts';
import { renderBlogIndex, renderCategoryIndex, renderRootIndex, type BlogIndex, type CategoryIndex } from './markdown-index.ts';
import { safeCommentsMarkdown, safeMarkdownBody } from './markdown-safe.ts';
import { claimBlogIndex, claimCategoryIndex, claimDocPath, claimRootIndex, claimUploadPath } from './markdown-layout.ts';
import { byUrl, knownUploadKeys, linkKey, recordUploads, type ExportInput } from './site-index.ts';
import { buildPath, categoryId, hrefOn, planUrls, type UrlPlan } from './url-plan.ts';
import { generatorFiles, landingFiles } from './site-generator.ts';
import { lazyFile } from './write.ts';

/** Jekyll index pages: the page layout, and no Liquid run over titles from the old site. */
const JEKYLL_INDEX = { layout: 'listing', render_with_liquid: false };

export { IMAGE_MODES, type ImageMode } from './markdown-links.ts';

export interface MarkdownOptions {
  layout: Layout;
  images: ImageMode;
  /** Upload bytes by URL (any spelling; compared by linkKey). Needed for `images: 'copy'`. */
  imageBytes?: ReadonlyMap<string, Buffer>;
  /**
   * Where each page will live on the new site (hugo, jekyll): written as `url:` / `permalink:` and used for
   * every link. Default: planUrls(input, null), the old paths kept. Ignored by `flat`, which links files.
   */
  plan?: UrlPlan;
  /** Site title for the generator's configuration (hugo, jekyll). */
  siteTitle?: string;
}

export interface MarkdownExport {
  files: OutputFile[];
  posts: number;
  pages: number;
  /** Upload URLs copied into the output. */
  copied: string[];
  /** Upload URLs wanted for `copy` but absent from imageBytes: their links keep the original URL. */
  missing: string[];
  /** Old paths too long for a generator's alias (hugo, jekyll): left out, for the server's redirect map. */
  overlongAliases: string[];
}


function compareStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every Markdown file of an export, plus what was copied and what was missing. */
export function exportMarkdown(input: ExportInput, options: MarkdownOptions): MarkdownExport {
  const { layout, images } = options;
  const plan = layout === 'flat' ? null : options.plan ?? planUrls(input, null);
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
  // linkKey → the spelling imageBytes holds it under; the bytes themselves are read only when written.
  const bytes = new Map<string, string>();
  for (const url of options.imageBytes?.keys() ?? []) { const k = linkKey(url); if (k) bytes.set(k, url); }
  const files: OutputFile[] = [];
  const shared = new Map<string, string>();
  // By linkKey, so one upload linked in two spellings counts once (the first spelling is reported).
  const copied = new Map<string, string>();
  const missing = new Map<string, string>();
  if (images === 'copy') {
    for (const doc of docs) {
      for (const url of recordUploads(doc.record, known)) {
        const key = linkKey(url)!;
        const source = bytes.get(key);
        if (source === undefined) { if (!missing.has(key)) missing.set(key, url); continue; }
        let path = layout === 'hugo' ? undefined : shared.get(key);
        if (path === undefined) {
          path = claimUploadPath(reg, layout, url, doc.path);
          files.push(lazyFile(path, () => uploadBytes(options.imageBytes!, source)));
          if (layout !== 'hugo') shared.set(key, path);
        }
        if (!copied.has(key)) copied.set(key, url);
        doc.uploads.set(key, path);
      }
    }
  }

  // 3. Index paths, so links to category pages and blog home pages can point at them.
  const targets = new Map<string, Target>();
  const hrefs = new Map<string, string | null>();
  const claimTarget = (url: string | null | undefined, path: string): void => {
    const k = url ? linkKey(url) : null;
    if (k !== null && !targets.has(k)) targets.set(k, { path, href: hrefs.get(path) ?? null });
  };
  // A page the plan has no URL for is built where its file lies, said explicitly so the generator adds nothing.
  const placeAt = (path: string, to: string | undefined): void => { hrefs.set(path, !plan ? null : to !== undefined ? hrefOn(plan, to) : pathHref(path)); };
  for (const doc of docs) placeAt(doc.path, plan?.records.get(doc.record.url));
  // Canonical URLs before aliases: a stale alias that names another post's URL must not steal its links.
  for (const doc of docs) claimTarget(doc.record.url, doc.path);
  for (const doc of docs) for (const u of doc.record.aliases) claimTarget(u, doc.path);
  const blogIndexes = new Map<string, BlogIndex>();
  for (const blog of blogs) {
    const path = claimBlogIndex(reg, layout, blog, multiBlog);
    placeAt(path, plan?.blogs.get(blog));
    blogIndexes.set(blog, { blog, path, posts: [], pages: [], categories: [] });
  }
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
        placeAt(cat.path, plan?.categories.get(categoryId(doc.record.blog, c.slug || c.name)));
        categories.set(id, cat);
        b.categories.push(cat);
      }
      if (!cat.posts.includes(doc)) cat.posts.push(doc);
      claimTarget(c.url, cat.path);
    }
  }
  const rootPath = multiBlog ? claimRootIndex(reg, layout) : null;
  if (rootPath && plan) hrefs.set(rootPath, '/');
  if (rootPath) for (const doc of docs) { const o = originOf(doc.record.url); if (o) claimTarget(`${o}/`, rootPath); }

  // 4. Render the documents, then the indexes. Generators link by URL (a file path would not survive
  // their permalinks); plain Markdown links file to file.
  const linkTo = (from: string, to: string): string => hrefs.get(to) ?? (plan ? `/${to}` : relativeLink(from, to));
  const built = (path: string): Record<string, string> => {
    const href = hrefs.get(path);
    if (!plan || href === null || href === undefined) return {};
    return layout === 'hugo' ? { url: buildPath(plan, href) } : { permalink: buildPath(plan, href) };
  };
  const indexFm = (path: string): Record<string, unknown> => (layout === 'jekyll' ? { ...built(path), ...JEKYLL_INDEX } : built(path));
  const taken = plan ? new Set([...[...hrefs.values()].filter((h): h is string => !!h), ...plan.landings.map((l) => l.url)].map((h) => buildPath(plan, h))) : undefined;
  // Each document is rendered when its file is written, so the export never holds every page at once.
  const render = (doc: Doc): string => {
    const decide = linkDecider(doc, targets, known, images, plan, linkTo);
    // Text from the old site stays text: tags, script links and template syntax neutralised (markdown-safe.ts).
    const body = safeMarkdownBody(rewriteMarkdownLinks(doc.record.contentMarkdown.replace(/\r\n?/g, '\n'), decide), layout).trim();
    // Generators render comments from the front matter (their templates give each its id); Markdown keeps them in the body.
    const commentsMd = plan ? '' : renderComments(doc.record.comments);
    const comments = commentsMd ? safeCommentsMarkdown(commentsMd, layout) : commentsMd;
    const nav = plan ? navOf(doc, blogIndexes, categories, linkTo) : {};
    const fm = buildFrontMatter(doc.record, layout, doc.kind, { ...built(doc.path), ...nav, taken, withComments: plan !== null });
    const parts = [renderFrontMatter(fm)];
    if (body) parts.push(`${body}\n`);
    if (comments) parts.push(comments);
    return parts.join('\n');
  };
  for (const doc of docs) files.push(lazyFile(doc.path, () => render(doc)));
  for (const b of blogIndexes.values()) files.push(renderBlogIndex(b, linkTo, indexFm(b.path)));
  for (const c of categories.values()) files.push(renderCategoryIndex(c, linkTo, indexFm(c.path)));
  if (rootPath) files.push(renderRootIndex(rootPath, [...blogIndexes.values()], linkTo, layout === 'jekyll' ? { permalink: '/', ...JEKYLL_INDEX } : {}));
  if (plan) {
    files.push(...landingFiles(plan, layout, reg, docs, linkTo, [...blogIndexes.values()]));
    files.push(...generatorFiles(layout, { title: options.siteTitle ?? 'Archive', origin: plan.origin }));
  }

  files.sort((a, b) => compareStr(a.path, b.path));
  return {
    files,
    posts: input.posts.length,
    pages: input.pages.length,
    copied: [...copied.values()].sort(compareStr),
    missing: [...missing.values()].sort(compareStr),
    overlongAliases: plan ? [...new Set(docs.flatMap((d) => overlongAliases(d.record)))].sort(compareStr) : [],
  };
}

/** The Markdown files only; see exportMarkdown for the copied/missing report. */
export function toMarkdownFiles(input: ExportInput, options: MarkdownOptions): OutputFile[] {
  return exportMarkdown(input, options).files;
}

/** An upload's bytes when its file is written; found when the export was planned, so gone means the archive changed. */
function uploadBytes(from: ReadonlyMap<string, Buffer>, url: string): Buffer {
  const b = from.get(url);
  if (b === undefined) throw new UsageError(`${url}: the upload could no longer be read from the archive (was the crawl folder changed during the export?); run the export again`);
  return b;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
