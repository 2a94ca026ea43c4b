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

function item(from: string, doc: IndexedDoc): string {
  const title = escapeInline(doc.record.title) || escapeInline(doc.record.slug) || 'untitled';
  const date = doc.record.published ? ` · ${escapeInline(doc.record.published.slice(0, 10))}` : '';
  return `- [${title}](${relativeLink(from, doc.path)})${date}`;
}

function page(path: string, title: string, sections: string[]): OutputFile {
  const body = [`# ${escapeInline(title)}`, ...sections].join('\n\n');
  return { path, contents: `${renderFrontMatter({ title })}\n${body}\n` };
}

export function renderCategoryIndex(cat: CategoryIndex): OutputFile {
  const lines = [...cat.posts].sort(newestFirst).map((d) => item(cat.path, d));
  // cat.url is normalised (no spaces or angle brackets), so it is safe as an autolink.
  const from = cat.url ? `, archived from <${cat.url}>` : '';
  const sections = [`Posts in the category ${escapeInline(cat.name)} (${cat.posts.length})${from}.`];
  if (lines.length > 0) sections.push(lines.join('\n'));
  return { path: cat.path, contents: page(cat.path, cat.name, sections).contents };
}

export function renderBlogIndex(b: BlogIndex): OutputFile {
  const sections: string[] = [];
  if (b.posts.length > 0) sections.push(`## Posts (${b.posts.length})`, [...b.posts].sort(newestFirst).map((d) => item(b.path, d)).join('\n'));
  if (b.pages.length > 0) sections.push(`## Pages (${b.pages.length})`, [...b.pages].sort(newestFirst).map((d) => item(b.path, d)).join('\n'));
  if (b.categories.length > 0) {
    const cats = [...b.categories]
      .sort((x, y) => (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0))
      .map((c) => `- [${escapeInline(c.name)}](${relativeLink(b.path, c.path)}) (${c.posts.length})`);
    sections.push(`## Categories (${b.categories.length})`, cats.join('\n'));
  }
  return page(b.path, b.blog || 'Blog', sections);
}

export function renderRootIndex(path: string, blogs: readonly BlogIndex[]): OutputFile {
  const lines = blogs.map((b) => `- [${escapeInline(b.blog || 'Blog')}](${relativeLink(path, b.path)}) (${b.posts.length} posts)`);
  return page(path, 'Archive', [lines.join('\n')]);
}
