/**
 * Partial records from listings, post pages, feeds and redirects → one PostRecord per post, keyed by its
 * canonical URL. URLs that reach the same post (other category paths, `?p=ID` shortlinks, redirects, the
 * feed's guid) are joined in a union-find; each group with a post page or listing item becomes one record.
 * Each field takes its value from the first source that has it, in the order documented per field below,
 * and names that source in `provenance`; sources that disagree are reported.
 */
import type { AuthorRef, CaptureRef, PostRecord, TermRef } from '../types.ts';
import type { FeedItem, ListingItem, PostPage } from './extract/types.ts';
import type { Found } from './extract/text.ts';
import { slugOf } from '../url.ts';

export interface Disagreement {
  url: string;
  field: string;
  values: { source: string; value: unknown }[];
}

/** Joins URLs that stand for the same post; refuses to join two different canonical posts. */
export class UrlGroups {
  private parent = new Map<string, string>();
  private canon = new Map<string, string>();

  find(u: string): string {
    if (!this.parent.has(u)) this.parent.set(u, u);
    let root = u;
    for (let p = this.parent.get(root)!; p !== root; p = this.parent.get(root)!) root = p;
    // Path compression keeps later look-ups flat on sites with many aliases.
    for (let x = u; x !== root;) {
      const next: string = this.parent.get(x)!;
      this.parent.set(x, root);
      x = next;
    }
    return root;
  }

  /** Marks `u` as a canonical post URL (a group holds at most one). */
  setCanonical(u: string): void {
    const r = this.find(u);
    if (!this.canon.has(r)) this.canon.set(r, u);
  }

  canonicalOf(u: string): string | undefined {
    return this.canon.get(this.find(u));
  }

  /** Joins a and b unless each already belongs to a different canonical post. */
  union(a: string, b: string): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return true;
    const ca = this.canon.get(ra);
    const cb = this.canon.get(rb);
    if (ca !== undefined && cb !== undefined && ca !== cb) return false;
    // Deterministic root choice, so the same archive always gives the same groups.
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent.set(child, root);
    const c = ca ?? cb;
    if (c !== undefined) this.canon.set(root, c);
    this.canon.delete(child);
    return true;
  }
}

/** Everything known about one post before merging. */
export interface PostSources {
  urls: Set<string>;
  pages: PostPage[];
  listings: ListingItem[];
  feeds: FeedItem[];
}

export interface MergeContext {
  /** The blog segment of a URL (`innovation`, or `""`). */
  blogOf(url: string): string;
  /** Whether the blog shows comment counts anywhere (so "nothing shown" means 0, not unknown). */
  showsCounts(blog: string): boolean;
  /** Whether the blog's listings show excerpts (so an item without one displayed none). */
  showsExcerpts(blog: string): boolean;
  /** Known category terms by blog and name, to give feed categories (names only) their URLs. */
  termByName(blog: string, name: string): TermRef | undefined;
  disagree(d: Disagreement): void;
  /** The most items any feed of the site holds: a comment feed that long may have been cut. */
  feedCap?: number;
}

function pick<T>(...cands: (Found<T> | null | undefined)[]): Found<T> | null {
  for (const c of cands) if (c) return c;
  return null;
}

/**
 * The value the blog's front page (and its /page/N/) showed, else the most frequent among the other
 * listings (ties: first seen). The front page is what readers of the blog saw first; archives may show a
 * different, shorter form (the_excerpt() where the front page shows a teaser).
 */
function fromListings<T>(items: ListingItem[], get: (i: ListingItem) => Found<T> | null): Found<T> | null {
  const front = items.filter((i) => i.onFrontPage && get(i));
  return mostCommon(front.length > 0 ? front : items, get);
}

function mostCommon<T>(items: ListingItem[], get: (i: ListingItem) => Found<T> | null): Found<T> | null {
  const counts = new Map<string, { n: number; f: Found<T> }>();
  for (const i of items) {
    const f = get(i);
    if (!f) continue;
    const k = JSON.stringify(f.value);
    const e = counts.get(k);
    if (e) e.n += i.weight ?? 1;
    else counts.set(k, { n: i.weight ?? 1, f });
  }
  let best: { n: number; f: Found<T> } | null = null;
  for (const e of counts.values()) if (!best || e.n > best.n) best = e;
  return best?.f ?? null;
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Chooses the canonical URL: rel=canonical, else a listing's permalink, else a feed link, else the page URL. */
export function chooseCanonical(src: PostSources): string {
  const fromPage = src.pages.map((p) => p.canonical).filter((c): c is string => !!c).sort()[0];
  if (fromPage) return fromPage;
  const listed = src.listings.map((l) => l.url).sort()[0];
  if (listed) return listed;
  const fed = src.feeds.map((f) => f.url).sort()[0];
  if (fed) return fed;
  return src.pages.map((p) => p.url).sort()[0] ?? [...src.urls].sort()[0]!;
}

function commentCount(src: PostSources, page: PostPage | undefined, blog: string, ctx: MergeContext): Found<number | null> {
  const listed = fromListings(src.listings, (l) => l.commentCount);
  const onPage = page?.commentCount ?? null;
  const pageExplicit = onPage && !onPage.rule.endsWith(':invite') ? onPage : null;
  if (listed && pageExplicit && listed.value !== pageExplicit.value) {
    ctx.disagree({ url: '', field: 'commentCount', values: [{ source: listed.rule, value: listed.value }, { source: pageExplicit.rule, value: pageExplicit.value }] });
  }
  // A comment feed as long as the site's feeds get may have been cut (posts_per_rss): no count then.
  const feed = src.feeds.find((f) => f.commentCount !== null && (!f.fromCommentFeed || f.commentCount < (ctx.feedCap ?? Infinity)));
  const chosen = listed ?? pageExplicit;
  if (chosen && feed && feed.commentCount !== chosen.value) {
    ctx.disagree({ url: '', field: 'commentCount', values: [{ source: chosen.rule, value: chosen.value }, { source: 'feed:slash:comments', value: feed.commentCount }] });
  }
  if (chosen) return chosen;
  // A static page shows no count unless it says one: WordPress themes print none on pages.
  const isPage = src.pages.length > 0 && src.pages.every((p) => p.isPage);
  if (isPage) return page && page.comments.length > 0 ? { value: page.comments.length, rule: 'post:comment-list-length' } : { value: null, rule: 'page-shows-no-count' };
  if (ctx.showsCounts(blog)) {
    // The contract's count is the one displayed: a feed's count stands in only on a blog that displays counts.
    if (feed && feed.commentCount !== null) return { value: feed.commentCount, rule: feed.fromCommentFeed ? 'comment-feed:items' : 'feed:slash:comments' };
    if (page && page.comments.length > 0) return { value: page.comments.length, rule: 'post:comment-list-length' };
    return onPage ? onPage : { value: 0, rule: src.listings.length > 0 ? 'listing:none-shown' : 'blog-shows-counts:none-shown' };
  }
  return { value: null, rule: 'blog-never-shows-counts' };
}

function excerpt(src: PostSources, page: PostPage | undefined, blog: string, ctx: MergeContext): { value: string; source: PostRecord['excerptSource']; rule: string } {
  const listed = fromListings(src.listings, (l) => l.excerpt);
  if (listed) return { value: listed.value, source: 'listing', rule: listed.rule };
  // Listed, but with no excerpt where the blog's other items show one: the listing displayed nothing.
  if (src.listings.length > 0 && ctx.showsExcerpts(blog)) return { value: '', source: 'listing', rule: 'listing:none-shown' };
  if (page?.metaExcerpt) return { value: page.metaExcerpt.value, source: 'meta', rule: page.metaExcerpt.rule };
  const feed = src.feeds.find((f) => f.excerpt);
  if (feed?.excerpt) return { value: feed.excerpt, source: 'feed', rule: 'feed:description' };
  return { value: page?.generatedExcerpt ?? '', source: 'generated', rule: 'generated:first-55-words' };
}

function categories(src: PostSources, page: PostPage | undefined, blog: string, ctx: MergeContext): Found<TermRef[]> {
  const onPage = page?.categories ?? null;
  const listed = fromListings(src.listings, (l) => l.categories);
  if (onPage && listed) {
    const a = onPage.value.map((t) => t.name).join(' | ');
    const b = listed.value.map((t) => t.name).join(' | ');
    if (a !== b) ctx.disagree({ url: '', field: 'categories', values: [{ source: onPage.rule, value: a }, { source: listed.rule, value: b }] });
  }
  const chosen = pick(onPage, listed);
  if (chosen) return chosen;
  const names = src.feeds.find((f) => f.categories.length > 0)?.categories ?? [];
  const terms = names.map((n) => ctx.termByName(blog, n)).filter((t): t is TermRef => !!t);
  return terms.length > 0 ? { value: terms, rule: 'feed:category' } : { value: [], rule: 'none-found' };
}

function title(src: PostSources, page: PostPage | undefined, ctx: MergeContext): Found<string> | null {
  const onPage = page?.title ?? null;
  const listed = fromListings(src.listings, (l) => l.title);
  const feed = src.feeds.find((f) => f.title)?.title;
  const chosen = pick(onPage, listed, feed ? { value: feed, rule: 'feed:title' } : null);
  const others = [listed, feed ? { value: feed, rule: 'feed:title' } : null].filter((x): x is Found<string> => !!x && !!chosen && norm(x.value) !== norm(chosen.value));
  if (chosen && others.length > 0) ctx.disagree({ url: '', field: 'title', values: [chosen, ...others].map((f) => ({ source: f.rule, value: f.value })) });
  return chosen;
}

/** Builds the record of one post (or static page). Returns null with a reason when it has no title. */
export function mergePost(input: PostSources, ctx: MergeContext): { record: PostRecord } | { error: string; url: string } {
  // Post feeds before a post's own comment feed, each in a fixed order: the archive's order must not decide.
  const feeds = [...input.feeds].sort((a, b) => Number(Boolean(a.fromCommentFeed)) - Number(Boolean(b.fromCommentFeed)) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const src: PostSources = { ...input, feeds };
  const url = chooseCanonical(src);
  const blog = ctx.blogOf(url);
  // The capture whose URL is the canonical one, else the first by URL: deterministic either way.
  const page = [...src.pages].sort((a, b) => Number(b.url === url) - Number(a.url === url) || (a.url < b.url ? -1 : 1))[0];
  const disagreements: Disagreement[] = [];
  const local: MergeContext = { ...ctx, disagree: (d) => disagreements.push({ ...d, url }) };
  const found = title(src, page, local);
  // Without a page there is nothing to keep; with one, the record is kept and the missing title is an error.
  if ((!found || !found.value) && !page) return { error: 'no title found on its page, listings or feed', url };
  const t = found ?? { value: '', rule: 'none-found' };
  const cats = categories(src, page, blog, local);
  const count = commentCount(src, page, blog, local);
  const ex = excerpt(src, page, blog, local);
  const tags = pick(page?.tags, fromListings(src.listings, (l) => l.tags)) ?? { value: [], rule: 'none-found' };
  const feedDate = src.feeds.find((f) => f.published)?.published;
  const published = pick<string>(page?.published, fromListings(src.listings, (l) => l.published), feedDate ? { value: feedDate, rule: 'feed:pubDate' } : null);
  const feedAuthor = src.feeds.find((f) => f.author)?.author;
  const author = pick<AuthorRef>(page?.author, fromListings(src.listings, (l) => l.author), feedAuthor ? { value: { name: feedAuthor, slug: null, url: null }, rule: 'feed:dc:creator' } : null);
  // The page's comment list where it shows one; else the post's own comment feed (not threaded, and
  // cut at the site's feed length: used only when shorter than that).
  const fedComments = src.feeds.find((f) => f.fromCommentFeed && (f.comments?.length ?? 0) > 0 && f.comments!.length < (ctx.feedCap ?? Infinity))?.comments;
  const comments = page && page.comments.length > 0 ? { value: page.comments, rule: 'post:comment-list' }
    : fedComments ? { value: fedComments, rule: 'comment-feed:items' } : { value: page?.comments ?? [], rule: page ? 'post:comment-list' : 'no-post-page' };
  // The page's body where it has one; else the feed's full text (content:encoded).
  const fedBody = src.feeds.find((f) => f.contentMarkdown)?.contentMarkdown;
  const body = page?.contentMarkdown?.value ? page.contentMarkdown : fedBody ? { value: fedBody, rule: 'feed:content:encoded' } : { value: '', rule: page ? page.contentMarkdown?.rule ?? 'none-found' : 'no-post-page' };
  for (const d of disagreements) ctx.disagree(d);
  // `?replytocom=N` is WordPress's comment-reply form on the same page, not another address of the post.
  const aliases = [...src.urls].filter((u) => u !== url && !/[?&]replytocom=/.test(u)).sort();
  const capture: CaptureRef | null = page ? page.capture : null;
  const record: PostRecord = {
    url,
    blog,
    slug: slugOf(url),
    title: t.value,
    excerpt: ex.value,
    excerptSource: ex.source,
    categories: cats.value,
    tags: tags.value,
    commentCount: count.value,
    published: published?.value ?? null,
    author: author?.value ?? null,
    contentMarkdown: body.value,
    images: page?.images ?? [],
    comments: comments.value,
    aliases,
    provenance: {
      url: page?.canonical === url ? 'post:link[rel=canonical]' : src.listings.some((l) => l.url === url) ? 'listing:permalink' : 'post:fetched-url',
      blog: 'url:blog-root',
      slug: 'url:last-segment',
      title: t.rule,
      excerpt: ex.rule,
      excerptSource: ex.source,
      categories: cats.rule,
      tags: tags.rule,
      commentCount: count.rule,
      published: published?.rule ?? 'none-found',
      author: author?.rule ?? 'none-found',
      contentMarkdown: body.rule,
      images: page ? 'post:content img' : 'no-post-page',
      comments: comments.rule,
      aliases: 'url-groups:canonical+shortlink+redirects+listing-links',
    },
    capture,
  };
  return { record };
}
