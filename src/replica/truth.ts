/**
 * The replica's ground truth, written from the generator's own data (never from an extractor):
 * PostRecords for fixtures/EXPECTED.json (and the static pages for EXPECTED-pages.json), and the
 * UrlEntry inventory of fixtures/site-urls.json.
 */
import { normalizeUrl } from '../url.ts';
import type { PostRecord, UrlEntry, TermRef } from '../types.ts';
import { isoLocal } from './dates.ts';
import { automaticExcerpt, parseMarkdown } from './markdown.ts';
import { bodyMarkdown, postComments } from './bodies.ts';
import {
  authorUrl, categoryUrl, pageUrl, paged, permalink, postUrlUnder, shortlink, tagUrl,
  type BlogModel, type PostMeta, type SiteModel,
} from './model.ts';
import { pageCount } from './pages.ts';
import type { BlogListing } from './listings.ts';
import { SITE_URL } from './data.ts';

/** normalizeUrl that must succeed: every URL here is one the generator itself wrote. */
export function norm(url: string): string {
  const n = normalizeUrl(url);
  if (n === null) throw new Error(`replica wrote an unparseable URL: ${url}`);
  // normalizeUrl builds its result a character at a time; held as such, 150,000 URLs (a 50,000-post
  // inventory) would keep their chains of string pieces alive. A copy is one flat string.
  return Buffer.from(n, 'utf8').toString('utf8');
}

function term(url: string, name: string, slug: string): TermRef {
  return { name, slug, url: norm(url) };
}

/** The other URLs that reach a post: its other category paths and its `?p=ID` shortlink, sorted. */
export function postAliases(post: PostMeta): string[] {
  const urls = post.categories.filter((c) => c !== post.primary).map((c) => norm(postUrlUnder(post, c)));
  urls.push(norm(shortlink(post.blog, post.id)));
  return urls.sort();
}

export function postRecord(model: SiteModel, blog: BlogModel, post: PostMeta): PostRecord {
  return {
    url: norm(permalink(post)),
    blog: blog.key,
    slug: post.slug,
    title: post.title,
    excerpt: post.excerpt,
    excerptSource: 'listing',
    categories: post.categories.map((c) => term(categoryUrl(blog.key, c), c.name, c.slug)),
    tags: post.tags.map((t) => term(tagUrl(blog.key, t), t.name, t.slug)),
    commentCount: blog.countsShown ? post.commentCount : null,
    published: isoLocal(post.date),
    author: { name: post.author.name, slug: post.author.login, url: norm(authorUrl(blog.key, post.author)) },
    contentMarkdown: bodyMarkdown(model, post, blog.posts),
    images: post.image ? [{ url: norm(post.image.url), alt: post.image.alt, caption: post.image.caption, credit: post.image.credit }] : [],
    comments: postComments(model, post).map((c) => ({
      id: String(c.id),
      author: c.author,
      published: isoLocal(c.date),
      text: c.paragraphs.join('\n\n'),
      parentId: c.parentId === null ? null : String(c.parentId),
    })),
    aliases: postAliases(post),
    provenance: {},
    capture: null,
  };
}

/** A static page's record: no listing shows it, so its excerpt is the automatic one ("generated"). */
export function pageRecord(blog: BlogModel): PostRecord {
  const page = blog.page;
  const aliases = [norm(shortlink(blog.key, page.id))];
  if (blog.key === 'innovation') aliases.push(norm(`${SITE_URL}/innovation/om`)); // linked without its slash (see special-bodies.md)
  return {
    url: norm(pageUrl(page)), blog: blog.key, slug: page.slug, title: page.title,
    excerpt: automaticExcerpt(parseMarkdown(page.markdown)), excerptSource: 'generated',
    categories: [], tags: [], commentCount: null, published: null, author: null,
    contentMarkdown: page.markdown, images: [], comments: [], aliases: aliases.sort(), provenance: {}, capture: null,
  };
}

/**
 * Every URL a crawler finds from `http://www.naringsbloggen.se/` by following in-scope links (`?replytocom`
 * dropped, fragments dropped), plus the uploads; robots.txt and the 404.html page are not linked, so not listed.
 */
export function siteUrlEntries(model: SiteModel, listings: Map<BlogModel, BlogListing[]>): UrlEntry[] {
  const out = new Map<string, UrlEntry>();
  const add = (url: string, kind: UrlEntry['kind'], status: number, target: string | null): void => {
    const u = norm(url);
    out.set(u, { url: u, kind, status, target: target === null ? null : norm(target) });
  };
  add(`${SITE_URL}/`, 'home', 200, null);
  add(model.deadLink, 'other', 404, null);
  for (const blog of model.blogs) {
    add(pageUrl(blog.page), 'page', 200, null);
    add(shortlink(blog.key, blog.page.id), 'shortlink', 301, pageUrl(blog.page));
    if (blog.key === 'innovation') add(`${SITE_URL}/innovation/om`, 'page', 301, pageUrl(blog.page));
    add(`${SITE_URL}/${blog.key}/feed/`, 'feed', 200, null);
    for (const l of listings.get(blog) ?? []) {
      add(l.url, l.kind, 200, null);
      for (let n = 2; n <= pageCount(l); n++) add(paged(l.url, n), 'pagination', 200, null);
    }
    for (const p of blog.posts) {
      add(permalink(p), 'post', 200, null);
      for (const c of p.categories) if (c !== p.primary) add(postUrlUnder(p, c), 'post', 200, permalink(p));
      add(shortlink(blog.key, p.id), 'shortlink', 301, permalink(p));
      if (p.image) add(p.image.url, 'upload', 200, null);
    }
  }
  return [...out.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}
