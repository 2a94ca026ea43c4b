/**
 * Index files: one per blog (its posts, pages and categories), one per category (its posts), and a top
 * index linking the blogs when the site has several. Posts are listed newest first, then by URL.
 */
import type { OutputFile, PostRecord } from '../types.ts';
import { renderFrontMatter } from './front-matter.ts';
import { escapeInline, relativeLink } from './links.ts';

export interface IndexedDoc {
  record: PostRecord;
  path: string;
}

export interface CategoryIndex {
  blog: string;
  name: string;
  slug: string;
  url: string;
  path: string;
  posts: IndexedDoc[];
}

export interface BlogIndex {
  blog: string;
  path: string;
  posts: IndexedDoc[];
  pages: IndexedDoc[];
  categories: CategoryIndex[];
}

/** Newest first; undated last; ties by URL so the order never depends on input order. */
export function newestFirst(a: IndexedDoc, b: IndexedDoc): number {
  const da = a.record.published ?? '';
  const db = b.record.published ?? '';
  if (da !== db) return da < db ? 1 : -1;
  return a.record.url < b.record.url ? -1 : a.record.url > b.record.url ? 1 : 0;
}

/** How an index links to another output file: a relative file link (flat) or the page's URL (generators). */
export type LinkTo = (from: string, to: string) => string;

function item(from: string, doc: IndexedDoc, linkTo: LinkTo): string {
  const title = escapeInline(doc.record.title) || escapeInline(doc.record.slug) || 'untitled';
  const date = doc.record.published ? ` · ${escapeInline(doc.record.published.slice(0, 10))}` : '';
  return `- [${title}](${linkTo(from, doc.path)})${date}`;
}

export function page(path: string, title: string, sections: string[], extra: Record<string, unknown> = {}): OutputFile {
  const body = [`# ${escapeInline(title)}`, ...sections].join('\n\n');
  return { path, contents: `${renderFrontMatter({ title, ...extra })}\n${body}\n` };
}

/** A list of documents, newest first. */
export function docList(from: string, docs: readonly IndexedDoc[], linkTo: LinkTo): string {
  return [...docs].sort(newestFirst).map((d) => item(from, d, linkTo)).join('\n');
}

export function renderCategoryIndex(cat: CategoryIndex, linkTo: LinkTo = relativeLink, extra: Record<string, unknown> = {}): OutputFile {
  const lines = [...cat.posts].sort(newestFirst).map((d) => item(cat.path, d, linkTo));
  // cat.url is normalised (no spaces or angle brackets), so it is safe as an autolink.
  const from = cat.url ? `, archived from <${cat.url}>` : '';
  const sections = [`Posts in the category ${escapeInline(cat.name)} (${cat.posts.length})${from}.`];
  if (lines.length > 0) sections.push(lines.join('\n'));
  return page(cat.path, cat.name, sections, extra);
}

export function renderBlogIndex(b: BlogIndex, linkTo: LinkTo = relativeLink, extra: Record<string, unknown> = {}): OutputFile {
  const sections: string[] = [];
  if (b.posts.length > 0) sections.push(`## Posts (${b.posts.length})`, docList(b.path, b.posts, linkTo));
  if (b.pages.length > 0) sections.push(`## Pages (${b.pages.length})`, docList(b.path, b.pages, linkTo));
  if (b.categories.length > 0) {
    const cats = [...b.categories]
      .sort((x, y) => (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0))
      .map((c) => `- [${escapeInline(c.name)}](${linkTo(b.path, c.path)}) (${c.posts.length})`);
    sections.push(`## Categories (${b.categories.length})`, cats.join('\n'));
  }
  return page(b.path, b.blog || 'Blog', sections, extra);
}

/** The blogs as a list: the top index, and a generator's general landing page. */
export function blogList(from: string, blogs: readonly BlogIndex[], linkTo: LinkTo): string {
  return blogs.map((b) => `- [${escapeInline(b.blog || 'Blog')}](${linkTo(from, b.path)}) (${b.posts.length} posts)`).join('\n');
}

export function renderRootIndex(path: string, blogs: readonly BlogIndex[], linkTo: LinkTo = relativeLink, extra: Record<string, unknown> = {}): OutputFile {
  return page(path, 'Archive', [blogList(path, blogs, linkTo)], extra);
}
