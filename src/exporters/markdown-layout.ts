/**
 * Where each file goes in the three layouts:
 *   flat    <blog>/<yyyy>/<mm>/<slug>.md            uploads/<yyyy>/<mm>/<file>
 *   hugo    content/<blog>/<yyyy>/<slug>/index.md   uploads beside index.md (page bundles)
 *   jekyll  [<blog>/]_posts/YYYY-MM-DD-<slug>.md     assets/uploads/<yyyy>/<mm>/<file>
 * Static pages go to `<blog>/pages/` (hugo: `content/<blog>/pages/<slug>/`); undated posts to `undated/`
 * (jekyll too: `_drafts/` would hold them, but Jekyll builds no drafts by default, and with its permalink
 * an undated post builds as a page). Every segment passes safeFileName.
 */
import type { PostRecord } from '../types.ts';
import { decodeSafe, slugify } from '../url.ts';
import type { Layout } from './front-matter.ts';
import { PathRegistry, safeFileName, safeStem, shortHash, splitExt } from './file-names.ts';

/** The folder of a blog's files in a layout (`''` at the top for a single-blog site). */
export function blogDir(layout: Layout, blog: string, multiBlog: boolean): string {
  // safeFileName, not safeStem: a sub-blog named `con` or `aux` must not become a Windows device folder.
  const seg = blog ? safeFileName(blog, '', 'blog') : '';
  if (layout === 'hugo') return seg ? `content/${seg}` : 'content';
  // Jekyll wants one `_posts` folder per site; several blogs each get their own folder with its `_posts`.
  if (layout === 'jekyll') return multiBlog ? seg : '';
  return seg;
}

function join(...parts: string[]): string {
  return parts.filter(Boolean).join('/');
}

/** The date parts of `published`, or null when it is missing or not an ISO date. */
function dateParts(published: string | null): { y: string; m: string; d: string } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published ?? '');
  return m ? { y: m[1]!, m: m[2]!, d: m[3]! } : null;
}

/** The stem a record's file is named after: its slug, else its title slugified. */
function recordStem(record: PostRecord): string {
  return safeStem(record.slug || slugify(record.title), 'untitled');
}

/** Claims the Markdown path of a post or page. Call in a deterministic order (sorted by URL). */
export function claimDocPath(reg: PathRegistry, layout: Layout, record: PostRecord, kind: 'post' | 'page', multiBlog: boolean): string {
  const base = blogDir(layout, record.blog, multiBlog);
  const stem = recordStem(record);
  const date = dateParts(record.published);
  if (layout === 'hugo') {
    const parent = kind === 'page' ? join(base, 'pages') : join(base, date ? date.y : 'undated');
    const bundle = reg.claimDir(parent, safeFileName(stem));
    return reg.claimFile(bundle, 'index', '.md');
  }
  if (layout === 'jekyll') {
    if (kind === 'page') return reg.claimFile(join(base, 'pages'), safeFileName(stem), '.md');
    if (!date) return reg.claimFile(join(base, 'undated'), safeFileName(stem), '.md');
    return reg.claimFile(join(base, '_posts'), safeFileName(`${date.y}-${date.m}-${date.d}-${stem}`), '.md');
  }
  if (kind === 'page') return reg.claimFile(join(base, 'pages'), safeFileName(stem), '.md');
  return reg.claimFile(date ? join(base, date.y, date.m) : join(base, 'undated'), safeFileName(stem), '.md');
}

/** The blog index file: `index.md` (hugo: `_index.md`, Hugo's list page). */
export function claimBlogIndex(reg: PathRegistry, layout: Layout, blog: string, multiBlog: boolean): string {
  return reg.claimFile(blogDir(layout, blog, multiBlog), layout === 'hugo' ? '_index' : 'index', '.md');
}

/** The top index linking each blog's index, when the site has several blogs. */
export function claimRootIndex(reg: PathRegistry, layout: Layout): string {
  return layout === 'hugo' ? reg.claimFile('content', '_index', '.md') : reg.claimFile('', 'index', '.md');
}

/** A category's index file in its blog: `categories/<slug>.md` (hugo: `categories/<slug>/_index.md`). */
export function claimCategoryIndex(reg: PathRegistry, layout: Layout, blog: string, slug: string, multiBlog: boolean): string {
  const dir = join(blogDir(layout, blog, multiBlog), 'categories');
  if (layout === 'hugo') return reg.claimFile(reg.claimDir(dir, safeFileName(slug, '', 'category')), '_index', '.md');
  return reg.claimFile(dir, safeFileName(slug, '', 'category'), '.md');
}

/** A safe file name for an upload URL: its last segment, decoded; a query string adds a hash. */
export function uploadFileName(url: string): { stem: string; ext: string } {
  const u = new URL(url);
  const last = decodeSafe(u.pathname.split('/').filter(Boolean).pop() ?? 'file');
  const { stem, ext } = splitExt(last);
  const q = u.search ? `-${shortHash(u.search)}` : '';
  // splitExt only accepts short alphanumeric extensions, so `ext` is already safe.
  return { stem: safeStem(`${stem}${q}`, 'file'), ext };
}

/**
 * Claims where an upload is copied. hugo: inside the post's bundle (`docPath`'s folder). flat and
 * jekyll: one shared folder, keeping WordPress's `yyyy/mm` so names from different months stay apart.
 */
export function claimUploadPath(reg: PathRegistry, layout: Layout, url: string, docPath: string): string {
  const { stem, ext } = uploadFileName(url);
  const name = safeFileName(stem, ext);
  const nameStem = name.slice(0, name.length - ext.length);
  if (layout === 'hugo') return reg.claimFile(docPath.slice(0, docPath.lastIndexOf('/')), nameStem, ext);
  const ym = /\/(\d{4})\/(\d{2})\/[^/]*$/.exec(new URL(url).pathname);
  const root = layout === 'jekyll' ? 'assets/uploads' : 'uploads';
  return reg.claimFile(ym ? join(root, ym[1]!, ym[2]!) : root, nameStem, ext);
}
