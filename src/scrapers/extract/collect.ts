/**
 * SiteCollector: what the pipeline keeps while it streams the archive (the small partial records, the URL
 * inventory, blog roots) and the final merge into the files' contents. Nothing here holds a parsed page.
 */
import type { PageKind, PostRecord, TermRef, TermSummary, UrlEntry } from '../../types.ts';
import { type Disagreement, type MergeContext, type PostSources, UrlGroups, mergePost } from '../merge.ts';
import type { FeedItem, ListingItem, ListingPage, PostPage } from './types.ts';

export interface ReportProblem {
  url: string;
  severity: 'error' | 'warning';
  stage: 'classify' | 'extract' | 'merge' | 'profile';
  reason: string;
}

export interface ExtractReport {
  summary: { posts: number; pages: number; urls: number; errors: number; warnings: number; disagreements: number; boilerplateStripped: Record<string, number> };
  /** What the site-level step learned: permalink structures, how many template blocks. */
  site: { permalinkStructures: string[]; templateBlocks: number };
  /** Every HTML page read: the kind chosen and the evidence for it. */
  kinds: { url: string; kind: PageKind; evidence: string[] }[];
  problems: ReportProblem[];
  disagreements: Disagreement[];
}

interface Fetched { kind: PageKind; status: number; location: string | null }

/**
 * A profile selector for what every page of its kind must have (title, body, listing items) that matches
 * nothing is an error; an optional field (tags on a page without tags) only a warning.
 */
function profileSeverity(msg: string): ReportProblem['severity'] {
  return /selector (post\.(title|content)|listing\.(item|title)) /.test(msg) ? 'error' : 'warning';
}

const byUrl = <T extends { url: string }>(a: T, b: T): number => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
const ID_NODE = 'wp-id:';

export class SiteCollector {
  private fetched = new Map<string, Fetched>();
  private roots = new Set<string>();
  private pages: PostPage[] = [];
  /**
   * Listing items by permalink, identical ones counted once with a weight: a post shows on the front page,
   * its month, author and category listings, usually the same way, and only distinct views need keeping.
   */
  private listed = new Map<string, Map<string, ListingItem>>();
  private feeds: FeedItem[] = [];
  private problems: ReportProblem[] = [];
  private disagreements: Disagreement[] = [];
  private stripped: Record<string, number> = {};
  private kinds: { url: string; kind: PageKind; evidence: string[] }[] = [];
  private feedCap = 0;

  addEvidence(url: string, kind: PageKind, evidence: string[]): void {
    this.kinds.push({ url, kind, evidence });
  }

  hasFetched(url: string): boolean {
    return this.fetched.has(url);
  }

  addFetched(url: string, kind: PageKind, status: number, location: string | null): void {
    this.fetched.set(url, { kind, status, location });
  }

  addBlogRoot(url: string): void {
    this.roots.add(new URL(url).pathname);
  }

  problem(url: string, severity: ReportProblem['severity'], stage: ReportProblem['stage'], reason: string): void {
    this.problems.push({ url, severity, stage, reason });
  }

  addPostPage(p: PostPage): void {
    this.pages.push(p);
    for (const s of p.stripped) this.stripped[s] = (this.stripped[s] ?? 0) + 1;
    for (const msg of p.problems) this.problem(p.url, profileSeverity(msg), 'profile', msg);
  }

  addListing(l: ListingPage, kind: PageKind, front: boolean): void {
    for (const it of l.items) it.onFrontPage = front;
    for (const it of l.items) {
      const key = JSON.stringify(it);
      let views = this.listed.get(it.url);
      if (!views) this.listed.set(it.url, (views = new Map()));
      const seen = views.get(key);
      if (seen) seen.weight = (seen.weight ?? 1) + 1;
      else views.set(key, it);
    }
    for (const msg of l.problems) this.problem(l.url, profileSeverity(msg), 'profile', msg);
    if (l.items.length === 0 && kind !== 'home') this.problem(l.url, 'warning', 'extract', `${kind} page lists no posts that the rules recognise (give --profile listing.item if it does)`);
  }

  addFeed(url: string, items: FeedItem[] | null): void {
    if (items === null) this.problem(url, 'warning', 'extract', 'served as a feed but is not RSS 2.0 or Atom the reader understands');
    for (const it of items ?? []) this.feeds.push(it);
    // WordPress caps every feed at one number of items (posts_per_rss): a comment feed that long may be cut.
    if (items && !items.some((i) => i.fromCommentFeed)) this.feedCap = Math.max(this.feedCap, items.length);
    for (const it of items ?? []) if (it.fromCommentFeed && it.commentCount !== null) this.feedCap = Math.max(this.feedCap, it.commentCount);
  }

  /** `innovation` for `/innovation/…` when the site has several blog roots; `""` for a single blog. */
  private blogOf = (url: string): string => {
    if (this.roots.size <= 1) return '';
    const path = new URL(url).pathname;
    let best = '';
    for (const r of this.roots) if (path.startsWith(r) && r.length > best.length) best = r;
    return best.replace(/^\/|\/$/g, '');
  };

  finish(plan?: { patterns: string[]; template: ReadonlySet<number> }): { posts: PostRecord[]; pages: PostRecord[]; categories: TermSummary[]; authors: TermSummary[]; urls: UrlEntry[]; report: ExtractReport } {
    const groups = new UrlGroups();
    const rootOf = (url: string): string => {
      const b = this.blogOf(url);
      return `${new URL(url).host}/${b}`;
    };
    for (const p of this.pages) {
      groups.find(p.url);
      if (p.canonical) {
        groups.setCanonical(p.canonical);
        groups.union(p.url, p.canonical);
      }
      if (p.shortlink) groups.union(p.url, p.shortlink);
      // WordPress ids are per blog: /innovation/?p=7 and /livsmedel/?p=7 are different posts.
      if (p.postId) groups.union(p.url, `${ID_NODE}${rootOf(p.url)}:${p.postId}`);
    }
    const items = [...this.listed.values()].flatMap((views) => [...views.values()]);
    for (const it of items) {
      groups.find(it.url);
      if (it.postId) groups.union(it.url, `${ID_NODE}${rootOf(it.url)}:${it.postId}`);
    }
    for (const f of this.feeds) {
      groups.find(f.url);
      if (f.guid) groups.union(f.url, f.guid);
    }
    for (const [url, f] of [...this.fetched].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (f.location) groups.union(url, f.location);
    }

    const sources = new Map<string, PostSources>();
    const get = (u: string): PostSources => {
      const r = groups.find(u);
      let s = sources.get(r);
      if (!s) sources.set(r, (s = { urls: new Set(), pages: [], listings: [], feeds: [] }));
      s.urls.add(u);
      return s;
    };
    for (const p of this.pages) {
      get(p.url).pages.push(p);
      if (p.canonical) get(p.canonical);
      if (p.shortlink) get(p.shortlink);
    }
    for (const it of items) get(it.url).listings.push(it);
    for (const f of this.feeds) {
      get(f.url).feeds.push(f);
      if (f.guid) get(f.guid);
    }
    for (const [url, f] of this.fetched) if (f.location && sources.has(groups.find(url))) get(url);

    const terms = new Map<string, TermRef>();
    const showing = new Set<string>();
    const excerpting = new Set<string>();
    for (const it of items) {
      if (it.excerpt?.value) excerpting.add(this.blogOf(it.url));
      if (it.showsCommentArea || it.commentCount) showing.add(this.blogOf(it.url));
      for (const t of it.categories?.value ?? []) terms.set(`${this.blogOf(t.url)}|${t.name}`, t);
    }
    for (const p of this.pages) {
      if (p.commentCount && !p.commentCount.rule.endsWith(':invite')) showing.add(this.blogOf(p.url));
      for (const t of p.categories?.value ?? []) terms.set(`${this.blogOf(t.url)}|${t.name}`, t);
    }
    const ctx: MergeContext = {
      blogOf: this.blogOf,
      showsCounts: (blog) => showing.has(blog),
      showsExcerpts: (blog) => excerpting.has(blog),
      termByName: (blog, name) => terms.get(`${blog}|${name}`),
      disagree: (d) => this.disagreements.push(d),
      feedCap: this.feedCap,
    };

    const posts: PostRecord[] = [];
    const statics: PostRecord[] = [];
    const standsFor = new Map<string, string>();
    for (const src of sources.values()) {
      if (src.pages.length === 0 && src.listings.length === 0 && src.feeds.length === 0) continue;
      // A comment feed alone (of an attachment, of a page not archived) makes no post.
      if (src.pages.length === 0 && src.listings.length === 0 && src.feeds.every((f) => f.fromCommentFeed)) continue;
      if (src.pages.length === 0 && [...src.urls].some((u) => this.fetched.get(u)?.kind === 'attachment')) continue;
      const isPage = src.pages.length > 0 && src.pages.every((p) => p.isPage);
      const out = mergePost(src, ctx);
      if ('error' in out) {
        this.problem(out.url, 'error', 'merge', `missing title: ${out.error}`);
        continue;
      }
      if (!out.record.title.trim()) this.problem(out.record.url, 'error', 'merge', `missing title: the page shows none (${out.record.provenance.title}); the record is kept with an empty title`);
      if (!isPage) this.checkComplete(out.record);
      if (src.pages.length === 0) this.problem(out.record.url, 'warning', 'merge', 'post seen only in listings or feeds: its page was not archived, so body, comments and date may be missing');
      (isPage ? statics : posts).push(out.record);
      for (const u of src.urls) if (u !== out.record.url && !u.startsWith(ID_NODE)) standsFor.set(u, out.record.url);
    }
    posts.sort(byUrl);
    statics.sort(byUrl);
    const urls = this.inventory(posts, statics, standsFor);
    return {
      posts,
      pages: statics,
      categories: this.summarise(posts, (p) => p.categories),
      authors: this.summarise(posts, (p) => (p.author?.url && p.author.slug ? [{ name: p.author.name, slug: p.author.slug, url: p.author.url }] : [])),
      urls,
      report: { ...this.report(posts.length, statics.length, urls.length), site: { permalinkStructures: plan?.patterns ?? [], templateBlocks: plan?.template.size ?? 0 }, kinds: [...this.kinds].sort(byUrl) },
    };
  }

  /** A post without a body or a date is an error: the user must see it (exit 1), not find it later. */
  private checkComplete(r: PostRecord): void {
    if (!r.contentMarkdown.trim() && r.images.length === 0) this.problem(r.url, 'error', 'extract', `no post body found (${r.provenance.contentMarkdown}; tried .entry-content and the names built on it, the feed's content:encoded, and the element holding most of the page's own text — give --profile post.content)`);
    if (!r.published) this.problem(r.url, 'error', 'extract', 'no date found on the page, in listings, in feeds or in the permalink (give --profile post.date)');
  }

  private summarise(posts: PostRecord[], termsOf: (p: PostRecord) => TermRef[]): TermSummary[] {
    const m = new Map<string, TermSummary>();
    for (const p of posts) {
      for (const t of termsOf(p)) {
        const e = m.get(t.url);
        if (e) e.postCount++;
        else m.set(t.url, { blog: this.blogOf(t.url), name: t.name, slug: t.slug, url: t.url, postCount: 1 });
      }
    }
    return [...m.values()].sort(byUrl);
  }

  /** urls.json: every fetched URL, plus shortlinks and uploads the pages link to on the site's own hosts. */
  private inventory(posts: PostRecord[], statics: PostRecord[], standsFor: Map<string, string>): UrlEntry[] {
    const hosts = new Set([...this.fetched.keys()].map((u) => new URL(u).host));
    const out = new Map<string, UrlEntry>();
    const pageUrls = new Set(statics.map((p) => p.url));
    for (const [url, f] of this.fetched) {
      // robots.txt belongs to the crawler, not to the site's content: no reader needs a redirect for it.
      if (new URL(url).pathname === '/robots.txt') continue;
      const stands = standsFor.get(url);
      // A redirect of no known URL shape (`/innovation/om` → `/innovation/om/`) is the post or page it reaches.
      const kind = f.status >= 300 && f.status < 400 && f.kind === 'other' && stands ? (pageUrls.has(stands) ? 'page' : 'post') : f.kind;
      out.set(url, { url, kind, status: f.status, target: f.location ?? stands ?? null });
    }
    const seen = (url: string, kind: PageKind): void => {
      if (!out.has(url) && hosts.has(new URL(url).host)) out.set(url, { url, kind, status: null, target: standsFor.get(url) ?? null });
    };
    for (const p of this.pages) if (p.shortlink) seen(p.shortlink, 'shortlink');
    for (const r of [...posts, ...statics]) for (const im of r.images) seen(im.url, 'upload');
    return [...out.values()].sort(byUrl);
  }

  private report(posts: number, pages: number, urls: number): Omit<ExtractReport, 'site' | 'kinds'> {
    const problems = [...this.problems].sort((a, b) => byUrl(a, b) || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
    const disagreements = [...this.disagreements].sort((a, b) => byUrl(a, b) || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
    const stripped = Object.fromEntries(Object.entries(this.stripped).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    return {
      summary: {
        posts, pages, urls,
        errors: problems.filter((p) => p.severity === 'error').length,
        warnings: problems.filter((p) => p.severity === 'warning').length,
        disagreements: disagreements.length,
        boilerplateStripped: stripped,
      },
      problems,
      disagreements,
    };
  }
}
