/**
 * How links are written in one exported document: which old URLs become the new files or URLs (linkDecider),
 * where a copied upload is reached, and the navigation links a generator's template shows.
 */
import { relativeLink, type FoundLink, type LinkAction } from './links.ts';
import type { BlogIndex, CategoryIndex, IndexedDoc } from './markdown-index.ts';
import { isUploadUrl, linkKey } from './site-index.ts';
import { hrefOn, type UrlPlan } from './url-plan.ts';

export type ImageMode = 'copy' | 'link' | 'none';
export const IMAGE_MODES: readonly ImageMode[] = ['copy', 'link', 'none'];

export interface Doc extends IndexedDoc {
  kind: 'post' | 'page';
  /** Upload linkKey → output path, for this document. */
  uploads: Map<string, string>;
}

/** Where a link goes: an output file, and (hugo, jekyll) the URL the generator builds it at. */
export interface Target { path: string; href: string | null }

export type LinkTo = (from: string, to: string) => string;

/**
 * What to do with each link of one document: archived posts, categories and blog homes become relative
 * paths; uploads become copied files, original URLs or nothing; other relative links are made absolute
 * so they still point at the old site (where the redirect map answers them).
 */
export function linkDecider(doc: Doc, targets: ReadonlyMap<string, Target>, known: ReadonlySet<string>, images: ImageMode, plan: UrlPlan | null, linkTo: (from: string, to: string) => string): (l: FoundLink) => LinkAction {
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
    if (target !== undefined) return { action: 'replace', dest: `${linkTo(doc.path, target.path)}${abs.hash}` };
    if (isUploadUrl(abs.href, known)) {
      if (images === 'none') return { action: 'drop' };
      const copiedPath = doc.uploads.get(key);
      if (images === 'copy' && copiedPath !== undefined) return { action: 'replace', dest: plan ? uploadHref(doc, copiedPath, linkTo) : relativeLink(doc.path, copiedPath) };
    }
    // Any other old URL the redirect plan covers (a tag, a month) goes where the map sends it, in one step.
    const planned = plan?.byOld.get(key);
    if (planned !== undefined) return { action: 'replace', dest: `${hrefOn(plan!, planned)}${abs.hash}` };
    return isRelative ? { action: 'replace', dest: abs.href } : { action: 'keep' };
  };
}

/** Hugo publishes a bundle's files beside the page at its URL; Jekyll copies assets/ as it is. */
function uploadHref(doc: Doc, copiedPath: string, linkTo: (from: string, to: string) => string): string {
  if (!copiedPath.startsWith('content/')) return `/${copiedPath.split('/').map(encodeURIComponent).join('/')}`;
  const page = linkTo(doc.path, doc.path).split(/[?#]/)[0]!;
  const base = page.endsWith('/') ? page : `${page}/`;
  return `${base}${encodeURIComponent(copiedPath.slice(copiedPath.lastIndexOf('/') + 1))}`;
}

/** The links a generator's page template shows: the post's blog and its categories. */
export function navOf(doc: Doc, blogs: ReadonlyMap<string, BlogIndex>, cats: ReadonlyMap<string, CategoryIndex>, linkTo: (from: string, to: string) => string): { blog_page?: string; category_pages?: { name: string; url: string }[] } {
  const b = blogs.get(doc.record.blog);
  const pages = doc.kind === 'post'
    ? doc.record.categories.map((c) => cats.get(`${doc.record.blog}\u0000${c.slug || c.name}`)).filter((c): c is CategoryIndex => !!c).map((c) => ({ name: c.name, url: linkTo(doc.path, c.path) }))
    : [];
  return { ...(b ? { blog_page: linkTo(doc.path, b.path) } : {}), ...(pages.length > 0 ? { category_pages: pages } : {}) };
}

/** The URL a generator gives a file by default: its folder (`content/`, `_posts`, `index.md` left out). */
export function pathHref(path: string): string {
  const p = path.replace(/^content\//, '').replace(/(^|\/)_posts\//, '$1').replace(/(^|\/)_?index\.md$/, '').replace(/\.md$/, '');
  return `/${p.split('/').filter(Boolean).map(encodeURIComponent).join('/')}${p ? '/' : ''}`;
}
