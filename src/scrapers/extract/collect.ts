/**
 * SiteCollector: what the pipeline keeps while it streams the archive (the partial records, the URL
 * inventory, blog roots) and the final merge into the files' contents. Nothing here holds a parsed page,
 * and the partial records themselves (bodies, comments, listing views, feed items) are spilled to disk
 * (spill.ts): memory keeps a small key per record, the few fields the merge joins and counts by, and the
 * merge reads each post's records back when it merges that post, then spills the merged record.
 */
import { createHash } from 'node:crypto';
import type { PageKind, PostRecord, TermRef, UrlEntry } from '../../types.ts';
import { type Disagreement, type MergeContext, type PostSources, UrlGroups, mergePost } from '../merge.ts';
import type { FeedItem, ListingItem, ListingPage, PostPage } from './types.ts';
import { SpillDir, type SpillFile } from './spill.ts';
import { CollectedRecords, type CollectedSite } from './records.ts';

export interface ReportProblem {
  url: string;
  severity: 'error' | 'warning';
  stage: 'classify' | 'extract' | 'merge' | 'profile' | 'archive';
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

/** The blog of a URL among a site's blog roots (SiteCollector.blogOf). */
function blogOfRoots(roots: ReadonlySet<string>): (url: string) => string {
  return (url) => {
    if (roots.size <= 1) return '';
    const path = new URL(url).pathname;
    let best = '';
    for (const r of roots) if (path.startsWith(r) && r.length > best.length) best = r;
    return best.replace(/^\/|\/$/g, '');
  };
}

const byUrl = <T extends { url: string }>(a: T, b: T): number => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
const ID_NODE = 'wp-id:';

/** What the merge needs of a post page without reading it back: how it joins, and what it counts for its blog. */
interface PageKey { id: number; url: string; canonical: string | null; shortlink: string | null; postId: string | null; isPage: boolean; showsCount: boolean; cats: TermRef[] | null }
interface ItemKey { id: number; url: string; postId: string | null; weight?: number; hasExcerpt: boolean; showsCount: boolean; cats: TermRef[] | null }
/**
 * A view of an item as kept in `listed`: `digest` names the whole item. A URL shown one way only (most
 * are) keeps its view alone; a Map of views for each of 80,000 URLs was a fifth of the heap at 50,000 posts.
 */
interface ListedView extends ItemKey { digest: string }
interface FeedKey { id: number; url: string; guid: string | null; fromCommentFeed: boolean }
interface SourceKeys { urls: Set<string>; pages: PageKey[]; listings: ItemKey[]; feeds: FeedKey[] }

export type { CollectedSite } from './records.ts';

export class SiteCollector {
  private fetched = new Map<string, Fetched>();
  private roots = new Set<string>();
  private pages: PageKey[] = [];
  /**
   * Listing items by permalink, identical ones counted once with a weight: a post shows on the front page,
   * its month, author and category listings, usually the same way, and only distinct views need keeping.
   */
  private listed = new Map<string, ListedView | Map<string, ListedView>>();
  private feeds: FeedKey[] = [];
  private problems: ReportProblem[] = [];
  private disagreements: Disagreement[] = [];
  private stripped: Record<string, number> = {};
  private kinds: { url: string; kind: PageKind; evidence: string[] }[] = [];
  private feedCap = 0;
  /** Category terms, one object per distinct term: keys share them. */
  private termRefs = new Map<string, TermRef>();
  /** And one array per distinct list of terms (keys only read them): most posts share their categories. */
  private termLists = new Map<string, TermRef[]>();
  /**
   * One string per URL for everything kept here. Each reading arrives parsed from its own JSON, so the
   * same URL came as a string of its own for the inventory, the report, the post keys and each listing
   * that shows it: at 10,000 posts 137,000 URL strings for 31,000 URLs, a quarter of the live heap.
   */
  private urlStrings = new Map<string, string>();
  private readonly spill: SpillFile;
  private finished = false;

  /** `dir`: where the partial and merged records go; removed with the result (`CollectedRecords.dispose`). */
  constructor(private readonly dir: SpillDir = new SpillDir()) {
    this.spill = dir.file('partial');
  }

  private terms(found: { value: TermRef[] } | null): TermRef[] | null {
    if (!found || found.value.length === 0) return null;
    const keys = found.value.map((t) => JSON.stringify(t));
    const listKey = keys.join('\n');
    let list = this.termLists.get(listKey);
    if (!list) {
      list = found.value.map((t, i) => {
        let shared = this.termRefs.get(keys[i]!);
        if (!shared) this.termRefs.set(keys[i]!, (shared = t));
        return shared;
      });
      this.termLists.set(listKey, list);
    }
    return list;
  }

  private one(url: string): string;
  private one(url: string | null): string | null;
  private one(url: string | null): string | null {
    if (url === null) return null;
    const s = this.urlStrings.get(url);
    if (s !== undefined) return s;
    this.urlStrings.set(url, url);
    return url;
  }

  addEvidence(url: string, kind: PageKind, evidence: string[]): void {
    this.kinds.push({ url: this.one(url), kind, evidence });
  }

  hasFetched(url: string): boolean {
    return this.fetched.has(url);
  }

  addFetched(url: string, kind: PageKind, status: number, location: string | null): void {
    this.fetched.set(this.one(url), { kind, status, location: this.one(location) });
  }

  addBlogRoot(url: string): void {
    this.roots.add(new URL(url).pathname);
  }

  problem(url: string, severity: ReportProblem['severity'], stage: ReportProblem['stage'], reason: string): void {
    this.problems.push({ url, severity, stage, reason });
  }

  addPostPage(p: PostPage): void {
    this.pages.push({
      id: this.spill.append(p), url: this.one(p.url), canonical: this.one(p.canonical), shortlink: this.one(p.shortlink), postId: p.postId, isPage: p.isPage,
      showsCount: Boolean(p.commentCount && !p.commentCount.rule.endsWith(':invite')), cats: this.terms(p.categories),
    });
    for (const s of p.stripped) this.stripped[s] = (this.stripped[s] ?? 0) + 1;
    for (const msg of p.problems) this.problem(p.url, profileSeverity(msg), 'profile', msg);
  }

  addListing(l: ListingPage, kind: PageKind, front: boolean): void {
    for (const it of l.items) it.onFrontPage = front;
    for (const it of l.items) {
      const json = JSON.stringify(it);
      // A digest stands for the whole item as the key of its view: the item itself is on disk.
      const key = createHash('sha256').update(json).digest('base64');
      const url = this.one(it.url);
      const views = this.listed.get(url);
      const seen = views instanceof Map ? views.get(key) : views?.digest === key ? views : undefined;
      if (seen) {
        seen.weight = (seen.weight ?? 1) + 1;
        continue;
      }
      const view: ListedView = { id: this.spill.append(it, json), url, postId: it.postId, hasExcerpt: Boolean(it.excerpt?.value), showsCount: it.showsCommentArea || Boolean(it.commentCount), cats: this.terms(it.categories), digest: key };
      // Set again on the same key: the URL keeps its place in the order first seen.
      if (views instanceof Map) views.set(key, view);
      else this.listed.set(url, views ? new Map([[views.digest, views], [key, view]]) : view);
    }
    for (const msg of l.problems) this.problem(l.url, profileSeverity(msg), 'profile', msg);
    if (l.items.length === 0 && kind !== 'home') this.problem(l.url, 'warning', 'extract', `${kind} page lists no posts that the rules recognise (give --profile listing.item if it does)`);
  }

  addFeed(url: string, items: FeedItem[] | null): void {
    if (items === null) this.problem(url, 'warning', 'extract', 'served as a feed but is not RSS 2.0 or Atom the reader understands');
    for (const it of items ?? []) this.feeds.push({ id: this.spill.append(it), url: this.one(it.url), guid: this.one(it.guid), fromCommentFeed: Boolean(it.fromCommentFeed) });
    // WordPress caps every feed at one number of items (posts_per_rss): a comment feed that long may be cut.
    if (items && !items.some((i) => i.fromCommentFeed)) this.feedCap = Math.max(this.feedCap, items.length);
    for (const it of items ?? []) if (it.fromCommentFeed && it.commentCount !== null) this.feedCap = Math.max(this.feedCap, it.commentCount);
  }

  /**
   * `innovation` for `/innovation/…` when the site has several blog roots; `""` for a single blog. It
   * closes over the roots alone: the result keeps it (records.ts), and a closure over the collector kept
   * every key and URL of the site alive while the files were written.
   */
  private blogOf = blogOfRoots(this.roots);

  /**
   * Merges the partial records into posts and pages. The collector is used up: each table is let go once
   * read, since the merge allocates much and V8 lets the heap grow by half what is alive before collecting.
   * At 50,000 posts the tables finish no longer needed were 60 MB of the 196 MB alive at its end.
   */
  finish(plan?: { patterns: string[]; template: ReadonlySet<number> }): CollectedSite {
    if (this.finished) throw new Error('SiteCollector.finish() called twice: the first call used the collector up');
    this.finished = true;
    this.urlStrings.clear();
    this.termLists.clear();
    this.termRefs.clear();
    const items: ItemKey[] = [...this.listed.values()].flatMap((views) => (views instanceof Map ? [...views.values()] : [views]));
    this.listed.clear();
    const sources = this.sourcesByPost(items);

    const terms = new Map<string, TermRef>();
    const showing = new Set<string>();
    const excerpting = new Set<string>();
    for (const it of items) {
      if (it.hasExcerpt) excerpting.add(this.blogOf(it.url));
      if (it.showsCount) showing.add(this.blogOf(it.url));
      for (const t of it.cats ?? []) terms.set(`${this.blogOf(t.url)}|${t.name}`, t);
    }
    for (const p of this.pages) {
      if (p.showsCount) showing.add(this.blogOf(p.url));
      for (const t of p.cats ?? []) terms.set(`${this.blogOf(t.url)}|${t.name}`, t);
    }
    const ctx: MergeContext = {
      blogOf: this.blogOf,
      showsCounts: (blog) => showing.has(blog),
      showsExcerpts: (blog) => excerpting.has(blog),
      termByName: (blog, name) => terms.get(`${blog}|${name}`),
      disagree: (d) => this.disagreements.push(d),
      feedCap: this.feedCap,
    };

    const out = new CollectedRecords(this.dir, this.blogOf);
    const standsFor = new Map<string, string>();
    const uploads = new Set<string>();
    for (const [root, keys] of sources) {
      sources.delete(root); // merged once: the keys go as the records are made
      if (keys.pages.length === 0 && keys.listings.length === 0 && keys.feeds.length === 0) continue;
      // A comment feed alone (of an attachment, of a page not archived) makes no post.
      if (keys.pages.length === 0 && keys.listings.length === 0 && keys.feeds.every((f) => f.fromCommentFeed)) continue;
      if (keys.pages.length === 0 && [...keys.urls].some((u) => this.fetched.get(u)?.kind === 'attachment')) continue;
      const isPage = keys.pages.length > 0 && keys.pages.every((p) => p.isPage);
      const merged = mergePost(this.readBack(keys), ctx);
      if ('error' in merged) {
        this.problem(merged.url, 'error', 'merge', `missing title: ${merged.error}`);
        continue;
      }
      const r = merged.record;
      if (!r.title.trim()) this.problem(r.url, 'error', 'merge', `missing title: the page shows none (${r.provenance.title}); the record is kept with an empty title`);
      if (!isPage) this.checkComplete(r);
      if (keys.pages.length === 0) this.problem(r.url, 'warning', 'merge', 'post seen only in listings or feeds: its page was not archived, so body, comments and date may be missing');
      out.add(r, isPage);
      for (const im of r.images) uploads.add(im.url);
      for (const u of keys.urls) if (u !== r.url && !u.startsWith(ID_NODE)) standsFor.set(u, r.url);
    }
    out.sort();
    const urls = this.inventory(out.pageUrls(), standsFor, uploads);
    const report = { ...this.report(out.postCount, out.pageCount, urls.length), site: { permalinkStructures: plan?.patterns ?? [], templateBlocks: plan?.template.size ?? 0 }, kinds: [...this.kinds].sort(byUrl) };
    return out.result(urls, report);
  }

  /**
   * The keys of each post's sources, by the group of URLs that name it (canonical, shortlink, ?p= id, feed
   * guid, redirects). The URL groups are needed for this only, and go when it returns.
   */
  private sourcesByPost(items: readonly ItemKey[]): Map<string, SourceKeys> {
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

    const sources = new Map<string, SourceKeys>();
    const get = (u: string): SourceKeys => {
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
    return sources;
  }

  /** A post's partial records, read back from the spill file for its merge. */
  private readBack(keys: SourceKeys): PostSources {
    return {
      urls: keys.urls,
      pages: keys.pages.map((k) => this.spill.read<PostPage>(k.id)),
      listings: keys.listings.map((k) => {
        const it = this.spill.read<ListingItem>(k.id);
        if (k.weight !== undefined) it.weight = k.weight;
        return it;
      }),
      feeds: keys.feeds.map((k) => this.spill.read<FeedItem>(k.id)),
    };
  }

  /** A post without a body or a date is an error: the user must see it (exit 1), not find it later. */
  private checkComplete(r: PostRecord): void {
    if (!r.contentMarkdown.trim() && r.images.length === 0) this.problem(r.url, 'error', 'extract', `no post body found (${r.provenance.contentMarkdown}; tried .entry-content and the names built on it, the feed's content:encoded, and the element holding most of the page's own text — give --profile post.content)`);
    if (!r.published) this.problem(r.url, 'error', 'extract', 'no date found on the page, in listings, in feeds or in the permalink (give --profile post.date)');
  }

  /** urls.json: every fetched URL, plus shortlinks and uploads the pages link to on the site's own hosts. */
  private inventory(pageUrls: ReadonlySet<string>, standsFor: Map<string, string>, uploads: ReadonlySet<string>): UrlEntry[] {
    const hosts = new Set([...this.fetched.keys()].map((u) => new URL(u).host));
    const out = new Map<string, UrlEntry>();
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
    for (const u of uploads) seen(u, 'upload');
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
