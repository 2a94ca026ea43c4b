/**
 * Builds a theme site's model from its data file: every URL, listing, count and archive the way WordPress
 * derives them (term order by name, `%category%` from the lowest term id, sticky posts on the front page,
 * pagination), so the theme renderers only print.
 */
import type { AuthorData, CategoryData, CommentData, PageData, PostData, SiteData } from './types.ts';
import { byName, isoDay, parseLocal, plainText, wpSlug, type LocalDate } from './text.ts';

export interface Term {
  id: number;
  name: string;
  slug: string;
  /** URL path as WordPress writes it (`/category/parent/child/`). */
  path: string;
  count: number;
  description?: string;
}

export interface Author extends AuthorData {
  path: string;
  count: number;
}

export interface Comment extends CommentData {
  local: LocalDate;
  depth: number;
  children: Comment[];
}

export interface Post {
  data: PostData;
  id: number;
  title: string;
  path: string;
  local: LocalDate;
  modified: LocalDate | null;
  author: Author;
  /** In the order the theme lists them: by name, as get_the_category_list does. */
  categories: Term[];
  tags: Term[];
  /** Top-level comments in date order, replies under `children`. */
  thread: Comment[];
  commentCount: number;
  open: boolean;
  sticky: boolean;
  /** Paragraphs shown on listings: those before `<!--more-->`, or all. */
  teaser: string[];
  hasMore: boolean;
  /** What the_excerpt() prints before the theme's "more" text: hand-written, or the first 55 words. */
  excerptText: string;
  autoExcerpt: boolean;
  /** Other category paths that WordPress redirects to this post (`%category%` sites only). */
  otherPaths: string[];
}

export interface Page extends PageData {
  path: string;
}

export type ListingKind = 'home' | 'category' | 'tag' | 'author' | 'date';

export interface Listing {
  kind: ListingKind;
  /** Path of page 1; page N is `${path}page/N/`. */
  path: string;
  term?: Term;
  author?: Author;
  month?: { year: number; month: number };
  posts: Post[];
  pageCount: number;
  /** Plain permalinks: pages are `?paged=N`. */
  plain?: boolean;
}

export interface MonthArchive {
  year: number;
  month: number;
  path: string;
  count: number;
}

export interface Site {
  data: SiteData;
  /** Newest first. */
  posts: Post[];
  pages: Page[];
  categories: Term[];
  tags: Term[];
  authors: Author[];
  months: MonthArchive[];
  listings: Listing[];
  /** `/feed/`, or `/?feed=rss2` with plain permalinks. */
  feedPath: string;
  abs(path: string): string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A path WordPress would print for a slug: non-ASCII percent-encoded with LOWER-case hex, as WordPress does. */
function encodeSegment(slug: string): string {
  return encodeURIComponent(slug).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
}

function categoryPath(cat: CategoryData, all: CategoryData[]): string {
  const chain: string[] = [];
  let c: CategoryData | undefined = cat;
  while (c) {
    chain.unshift(encodeSegment(c.slug));
    const parent: string | undefined = c.parent;
    c = parent ? all.find((x) => x.slug === parent) : undefined;
  }
  return chain.join('/');
}

export function buildSite(data: SiteData): Site {
  const catBase = data.categoryBase ?? 'category';
  const tagBase = data.tagBase ?? 'tag';
  const plain = data.permalink === 'plain';
  const authorPath = (a: AuthorData): string => {
    if (!plain) return `/author/${a.login}/`;
    if (a.id === undefined) throw new Error(`author ${a.login}: plain permalinks need an id`);
    return `/?author=${a.id}`;
  };
  const authors = new Map<string, Author>(data.authors.map((a) => [a.login, { ...a, path: authorPath(a), count: 0 }]));
  const cats = new Map<string, Term>(
    data.categories.map((c) => [c.slug, {
      id: c.id, name: c.name, slug: c.slug, count: 0, description: c.description,
      path: plain ? `/?cat=${c.id}` : `/${catBase}/${categoryPath(c, data.categories)}/`,
    }]),
  );
  const tags = new Map<string, Term>();
  let tagId = 1000;

  const posts: Post[] = data.posts.map((p) => {
    const author = authors.get(p.author);
    if (!author) throw new Error(`post ${p.id}: unknown author ${p.author}`);
    author.count++;
    const catSlugs = p.categories && p.categories.length > 0 ? p.categories : [data.defaultCategory];
    const postCats = catSlugs.map((s) => {
      const t = cats.get(s);
      if (!t) throw new Error(`post ${p.id}: unknown category ${s}`);
      t.count++;
      return t;
    });
    const postTags = (p.tags ?? []).map((name) => {
      const slug = wpSlug(name, data.language);
      let t = tags.get(slug);
      if (!t) {
        t = { id: tagId++, name, slug, path: plain ? `/?tag=${slug}` : `/${tagBase}/${slug}/`, count: 0 };
        tags.set(slug, t);
      }
      t.count++;
      return t;
    });
    const local = parseLocal(p.date);
    const slug = encodeSegment(p.slug);
    // WordPress fills %category% with the post's category of lowest term id, whatever order the theme shows.
    const byId = [...postCats].sort((a, b) => a.id - b.id);
    const catPathOf = (t: Term): string => t.path.slice(`/${catBase}/`.length);
    let path: string;
    switch (data.permalink) {
      case '/%year%/%monthnum%/%day%/%postname%/': path = `/${local.year}/${pad(local.month)}/${pad(local.day)}/${slug}/`; break;
      case '/%year%/%monthnum%/%postname%/': path = `/${local.year}/${pad(local.month)}/${slug}/`; break;
      case '/%postname%/': path = `/${slug}/`; break;
      case '/%category%/%postname%/': path = `/${catPathOf(byId[0]!)}${slug}/`; break;
      case 'plain': path = `/?p=${p.id}`; break;
    }
    const otherPaths = data.permalink === '/%category%/%postname%/' ? byId.slice(1).map((t) => `/${catPathOf(t)}${slug}/`) : [];
    const thread = buildThread(p.comments ?? []);
    const more = p.more !== undefined && p.more < p.body.length;
    const words = plainText(p.body.join(' ')).split(' ');
    return {
      data: p,
      id: p.id,
      title: p.title,
      path,
      local,
      modified: p.modified ? parseLocal(p.modified) : null,
      author,
      categories: [...postCats].sort(byName),
      tags: [...postTags].sort(byName),
      thread,
      commentCount: (p.comments ?? []).length,
      open: !p.closed,
      sticky: p.sticky === true,
      teaser: more ? p.body.slice(0, p.more) : p.body,
      hasMore: more,
      excerptText: p.excerpt ?? words.slice(0, 55).join(' '),
      autoExcerpt: p.excerpt === undefined && words.length > 55,
      otherPaths,
    };
  });
  posts.sort((a, b) => (b.data.date < a.data.date ? -1 : b.data.date > a.data.date ? 1 : b.id - a.id));

  const monthMap = new Map<string, MonthArchive>();
  for (const p of posts) {
    const key = `${p.local.year}/${pad(p.local.month)}`;
    const m = monthMap.get(key) ?? { year: p.local.year, month: p.local.month, path: plain ? `/?m=${key.replace('/', '')}` : `/${key}/`, count: 0 };
    m.count++;
    monthMap.set(key, m);
  }
  const months = [...monthMap.values()];

  const per = data.postsPerPage;
  const pagesOf = (n: number): number => Math.max(1, Math.ceil(n / per));
  const listings: Listing[] = [{ kind: 'home', path: '/', posts, pageCount: pagesOf(posts.length) }];
  for (const t of cats.values()) {
    const ps = posts.filter((p) => p.categories.includes(t));
    if (ps.length > 0) listings.push({ kind: 'category', path: t.path, term: t, posts: ps, pageCount: pagesOf(ps.length) });
  }
  for (const t of tags.values()) {
    const ps = posts.filter((p) => p.tags.includes(t));
    listings.push({ kind: 'tag', path: t.path, term: t, posts: ps, pageCount: pagesOf(ps.length) });
  }
  for (const a of authors.values()) {
    const ps = posts.filter((p) => p.author === a);
    if (ps.length > 0) listings.push({ kind: 'author', path: a.path, author: a, posts: ps, pageCount: pagesOf(ps.length) });
  }
  for (const m of months) {
    const ps = posts.filter((p) => p.local.year === m.year && p.local.month === m.month);
    listings.push({ kind: 'date', path: m.path, month: { year: m.year, month: m.month }, posts: ps, pageCount: pagesOf(ps.length) });
  }

  for (const l of listings) l.plain = plain;
  return {
    data,
    posts,
    pages: data.pages.map((pg) => ({ ...pg, path: plain ? `/?page_id=${pg.id}` : `/${encodeSegment(pg.slug)}/` })),
    categories: [...cats.values()].sort(byName),
    tags: [...tags.values()].sort(byName),
    authors: [...authors.values()],
    months,
    listings,
    feedPath: plain ? '/?feed=rss2' : '/feed/',
    abs: (path: string) => `${data.siteUrl}${path}`,
  };
}

function buildThread(comments: CommentData[]): Comment[] {
  const all = comments.map((c) => ({ ...c, local: parseLocal(c.date), depth: 1, children: [] as Comment[] }));
  all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  const byId = new Map(all.map((c) => [c.id, c]));
  const top: Comment[] = [];
  for (const c of all) {
    const parent = c.parent !== undefined ? byId.get(c.parent) : undefined;
    if (c.parent !== undefined && !parent) throw new Error(`comment ${c.id}: unknown parent ${c.parent}`);
    if (parent) {
      c.depth = parent.depth + 1;
      parent.children.push(c);
    } else top.push(c);
  }
  return top;
}

/** The posts a listing shows on page `n` (1-based). WordPress puts sticky posts atop the FRONT page's page 1
 * (and still shows them again at their natural place on later pages). */
export function postsOnPage(listing: Listing, n: number, perPage: number): Post[] {
  const natural = listing.posts.slice((n - 1) * perPage, n * perPage);
  if (listing.kind !== 'home' || n !== 1) return natural;
  const sticky = listing.posts.filter((p) => p.sticky);
  return [...sticky, ...natural.filter((p) => !p.sticky)];
}

/** Path of page `n` of a listing: `/category/x/page/2/`, or `/?cat=3&paged=2` with plain permalinks. */
export function pagePath(listing: Listing, n: number): string {
  if (n === 1) return listing.path;
  if (!listing.plain) return `${listing.path}page/${n}/`;
  return listing.path === '/' ? `/?paged=${n}` : `${listing.path}&paged=${n}`;
}

/** A URL with one more query parameter: `/slug/?replytocom=5`, or `/?p=12&replytocom=5`. */
export function withParam(path: string, param: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${param}`;
}

/** Every comment of a post, in display order (depth first). */
export function flatComments(thread: Comment[]): Comment[] {
  return thread.flatMap((c) => [c, ...flatComments(c.children)]);
}

export { isoDay };
