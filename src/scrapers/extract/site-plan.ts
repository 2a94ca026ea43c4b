/**
 * The site-level step between the survey (first pass) and reading (second pass): weighs every page's
 * facts to decide which URLs are posts, learns the permalink structure those reveal, and finds the
 * template's text blocks. Body classes are one signal among several here; stronger and theme-independent
 * ones are the links of feed items, title links and rel=bookmark of listings, each post's own comment feed,
 * rel=canonical, shortlinks, comment forms and article types. Its decisions, with their evidence, are
 * what the extract report shows.
 */
import type { PageKind } from '../../types.ts';
import { classifyUrl } from '../classify.ts';
import type { PageFacts } from './survey.ts';
import { MemoryBlocks, templateBlocks, type BlockStore } from './template-blocks.ts';

export interface KindDecision { kind: PageKind; evidence: string[] }

export interface SitePlan {
  /** The kind decided for a page read in the survey, or undefined for URLs with no page. */
  kindOf(url: string): KindDecision | undefined;
  /** The real permalink of a post page fetched under another name (`?p=12`, a mirror's file). */
  permalinkOf(url: string): string | undefined;
  /** Fingerprints of the template's text blocks (blocks.ts). */
  template: ReadonlySet<number>;
  /** The permalink structures learned, as WordPress tags (`/%year%/%monthnum%/%postname%/`). */
  patterns: string[];
  /**
   * Forgets what the plan knows of `url` (its kind, its permalink). Pass 2 reads each URL once and then lets
   * it go, so the table is empty by the merge: at 50,000 posts it held 164,000 URLs, 16 MB still alive while
   * the records were merged, which V8 let grow half again before collecting.
   */
  release(url: string): void;
}

const SPECIFIC_CLASS_KINDS: ReadonlySet<PageKind> = new Set(['post', 'page', 'attachment', 'search']);
const LISTING_KINDS: ReadonlySet<PageKind> = new Set(['home', 'category', 'tag', 'date', 'author', 'pagination']);

/** A URL's path as a shape of WordPress permalink tags, or null when it cannot be a post's. */
export function permalinkShape(url: string): string | null {
  const u = new URL(url);
  if (u.search) return null;
  const segs = u.pathname.split('/').filter(Boolean);
  if (segs.length === 0) return null;
  const out: string[] = [];
  let last = '';
  segs.forEach((s, i) => {
    const final = i === segs.length - 1;
    let tok: string;
    if (/^(19|20)\d\d$/.test(s) && !final) tok = '%year%';
    else if (/^\d\d$/.test(s) && last === '%year%' && !final) tok = '%monthnum%';
    else if (/^\d\d$/.test(s) && last === '%monthnum%' && !final) tok = '%day%';
    else if (final) tok = /^\d+$/.test(s) ? '%post_id%' : '%postname%';
    else tok = s.toLowerCase();
    out.push(tok);
    last = tok;
  });
  return `/${out.join('/')}/`;
}

/** A shape is a permalink structure worth applying when a date or an id pins it to posts. */
function usable(shape: string): boolean {
  return /%year%|%post_id%|^\/archives\//.test(shape);
}

export interface FeedEvidence {
  /** Item links of post feeds. */
  itemLinks: string[];
  /** The permalink a per-post comment feed names in its channel link. */
  commentFeedOf: string | null;
}

/**
 * What the plan needs of one page, kept in memory for every page: its URLs and a few flags. What is large
 * (title links, block fingerprints) is taken in as the page is added: title links become evidence at
 * once, fingerprints go to the block store.
 */
interface PageCore {
  url: string;
  canonical: string | null;
  /**
   * The permalink shapes of the page's own URLs (its URL, canonical and own comment feed's permalink;
   * null where a URL has none), worked out once when the page is added instead of by every plan.
   */
  shapes: readonly (string | null)[];
  /** `classifyUrl` of its URL, likewise. */
  urlKind: PageKind;
  classKind: PageKind;
  hasClasses: boolean;
  listedCount: number;
  singular: readonly string[];
  hasHeading: boolean;
}

/** Evidence that names a URL as a post, one bit each (the reason's name is what the report shows). */
const REASONS = ['body-class', 'feed-item', 'own-comment-feed', 'title-link'] as const;
type Reason = (typeof REASONS)[number];
const bit = (r: Reason): number => 1 << REASONS.indexOf(r);

/** Collects survey facts; `plan()` decides. */
export class SiteSurvey {
  private pages: PageCore[] = [];
  /** Evidence from pages, by the URL it names (bits of REASONS), gathered as pages are added. */
  private evidence = new Map<string, number>();
  private fromFeeds = new Map<string, Reason>();
  /** The permalink a page fetched under another name gives for itself (its own comment feed). */
  private permalinks = new Map<string, string>();
  /** The same list of singular signs is one array for every page that has it. */
  private signs = new Map<string, readonly string[]>();
  /** Likewise the shapes of a page's own URLs (most pages of a site share theirs). */
  private shapeLists = new Map<string, readonly (string | null)[]>();
  /**
   * How many of the URLs named as posts (by pages or feeds, each URL once) have each permalink shape,
   * counted as they are first named, so that no plan shapes every URL again (the permalink structures, `patternsOf`).
   */
  private shapeCounts = new Map<string, number>();

  /**
   * `postUrl`: the profile's `post.url` pattern, which decides over every other evidence. `blocks`: where
   * the pages' fingerprints are kept (the heap unless the caller gives a spill file).
   */
  constructor(private readonly postUrl?: RegExp, private readonly blocks: BlockStore = new MemoryBlocks()) {}

  addPage(f: PageFacts, classKind: PageKind): void {
    const singular = sharedList(this.signs, f.singular);
    const permalink = f.permalinkHint && f.permalinkHint !== f.url ? f.permalinkHint : null;
    const urlShape = permalinkShape(f.url);
    const own = [f.url, f.canonical, permalink].filter((u): u is string => Boolean(u)).map((u) => (u === f.url ? urlShape : permalinkShape(u)));
    const shapes = sharedList(this.shapeLists, own);
    // Most pages name themselves canonical: the URL string kept once, not once more from the page's link.
    const canonical = f.canonical === f.url ? f.url : f.canonical;
    this.pages.push({ url: f.url, canonical, shapes, urlKind: classifyUrl(f.url), classKind, hasClasses: f.classes.length > 0, listedCount: f.listedCount, singular, hasHeading: f.hasHeading });
    this.blocks.add(f.blocks);
    if (f.permalinkHint) {
      this.note(f.permalinkHint, 'own-comment-feed');
      if (permalink) this.permalinks.set(f.url, permalink);
    }
    if (classKind === 'post') this.note(canonical ?? f.url, 'body-class');
    for (const u of f.postLinks) {
      // A listing links each post from its title on every listing that shows it: classified once.
      if ((this.evidence.get(u) ?? 0) & bit('title-link')) continue;
      const shape = classifyUrl(u);
      if (shape === 'other' || shape === 'shortlink') this.note(u, 'title-link');
    }
  }

  addFeed(e: FeedEvidence): void {
    for (const u of e.itemLinks) {
      this.named(u);
      this.fromFeeds.set(u, 'feed-item');
    }
    if (e.commentFeedOf) {
      this.named(e.commentFeedOf);
      this.fromFeeds.set(e.commentFeedOf, this.fromFeeds.get(e.commentFeedOf) ?? 'own-comment-feed');
    }
  }

  private note(u: string, why: Reason): void {
    this.named(u);
    this.evidence.set(u, (this.evidence.get(u) ?? 0) | bit(why));
  }

  /** Counts the shape of `u` when it is first named as a post (before it is added to either map). */
  private named(u: string): void {
    if (this.evidence.has(u) || this.fromFeeds.has(u)) return;
    const s = permalinkShape(u);
    if (s && usable(s)) this.shapeCounts.set(s, (this.shapeCounts.get(s) ?? 0) + 1);
  }

  /** The reasons that name `u` as a post, from pages and feeds. */
  private reasons(u: string): Reason[] {
    const feed = this.fromFeeds.get(u);
    const bits = (this.evidence.get(u) ?? 0) | (feed ? bit(feed) : 0);
    return REASONS.filter((r) => bits & bit(r));
  }

  plan(): SitePlan {
    const { pages, permalinks } = this;
    const patterns = patternsOf(this.shapeCounts);
    const known = new Map<string, boolean>();
    const matchesShape = (s: string | null): boolean => {
      if (s === null) return false;
      let m = known.get(s);
      if (m === undefined) known.set(s, (m = patterns.some((p) => shapeMatches(s, p))));
      return m;
    };
    const decisions = new Map<string, KindDecision>();
    const tidy = tidier();
    const reasons = (u: string) => this.reasons(u);
    for (const f of pages) {
      const byProfile = this.postUrl?.test(new URL(f.url).pathname + new URL(f.url).search);
      decisions.set(f.url, tidy(byProfile ? { kind: 'post', evidence: ['profile:post.url'] } : decide(f, reasons, matchesShape, permalinks)));
    }
    // WordPress puts an attachment's page under its post's permalink (`/2010/08/post/attachment/104/`,
    // `/2010/08/post/image-name/`): a page below a post that names itself canonical is an attachment.
    const postUrls = new Set([...decisions].filter(([, d]) => d.kind === 'post').map(([u]) => u));
    for (const f of pages) {
      const d = decisions.get(f.url)!;
      if (d.kind !== 'post' || d.evidence.includes('profile:post.url') || (f.canonical && f.canonical !== f.url) || matchesShape(f.shapes[0]!)) continue;
      const parent = parentPost(f.url, postUrls);
      if (parent) decisions.set(f.url, { kind: 'attachment', evidence: [`under the post ${parent}`] });
    }
    // A copy (trackback, comment page) is what its canonical page is.
    for (const f of pages) {
      const c = f.canonical && f.canonical !== f.url ? decisions.get(f.canonical) : undefined;
      if (c && c.kind !== 'post' && decisions.get(f.url)?.kind === 'post') decisions.set(f.url, { kind: c.kind, evidence: [`copy of ${f.canonical}`] });
    }
    return sitePlan(decisions, permalinks, this.template(decisions), patterns);
  }

  /** The template's blocks (template-blocks.ts), counted over the pages decided to be posts or static pages. */
  private template(decisions: Map<string, KindDecision>): Set<number> {
    const keys = this.pages.map((f) => {
      const kind = decisions.get(f.url)?.kind;
      return kind === 'post' || kind === 'page' ? this.permalinks.get(f.url) ?? f.canonical ?? f.url : null;
    });
    const threshold = Math.max(3, Math.ceil(new Set(keys.filter((k) => k !== null)).size * 0.25));
    return templateBlocks(this.blocks, (page) => keys[page]!, threshold);
  }
}

/**
 * One array for every equal list (lists of URL shapes or signs, whose items hold no line break): most pages
 * of a site share theirs.
 */
function sharedList<T extends string | null>(lists: Map<string, readonly T[]>, list: readonly T[]): readonly T[] {
  const key = list.map((x) => (x === null ? '\0' : x)).join('\n');
  let shared = lists.get(key);
  if (!shared) lists.set(key, (shared = list));
  return shared;
}

/**
 * Evidence is listed sorted and once: the archive's order (a crawl's, with concurrency) must not show.
 * Equal decisions are one object: most pages of a site share theirs. (A function of its own, so that the
 * plan's closures do not keep its table alive.)
 */
function tidier(): (d: KindDecision) => KindDecision {
  const shared = new Map<string, KindDecision>();
  return (d) => {
    const evidence = [...new Set(d.evidence)].sort();
    const key = `${d.kind}\n${evidence.join('\n')}`;
    let out = shared.get(key);
    if (!out) shared.set(key, (out = { kind: d.kind, evidence }));
    return out;
  };
}

/** The plan, from a scope of its own: closures made in `plan()` would keep the survey's every page alive. */
function sitePlan(decisions: Map<string, KindDecision>, permalinks: Map<string, string>, template: ReadonlySet<number>, patterns: string[]): SitePlan {
  return {
    kindOf: (u) => decisions.get(u),
    permalinkOf: (u) => permalinks.get(u),
    template,
    patterns,
    release: (u) => {
      decisions.delete(u);
      permalinks.delete(u);
    },
  };
}

function parentPost(url: string, posts: ReadonlySet<string>): string | null {
  const u = new URL(url);
  if (u.search) return null;
  const segs = u.pathname.split('/').filter(Boolean);
  for (let i = segs.length - 1; i > 0; i--) {
    const p = `${u.origin}/${segs.slice(0, i).join('/')}/`;
    if (posts.has(p)) return p;
  }
  return null;
}

function shapeMatches(shape: string, pattern: string): boolean {
  const a = shape.split('/'), b = pattern.split('/');
  if (a.length !== b.length) return false;
  return a.every((t, i) => t === b[i] || (b[i] === '%postname%' && t === '%post_id%'));
}

/** Permalink structures: shapes that several evidenced post URLs share (counted once each) and that a date or id pins down. */
function patternsOf(counts: ReadonlyMap<string, number>): string[] {
  return [...counts].filter(([, n]) => n >= 2).map(([s]) => s).sort();
}

function decide(f: PageCore, reasons: (u: string) => string[], matchesShape: (s: string | null) => boolean, permalinks: Map<string, string>): KindDecision {
  const { classKind } = f;
  const own = [f.url, f.canonical, permalinks.get(f.url)].filter((u): u is string => Boolean(u));
  const named = own.flatMap((u) => reasons(u).map((w) => (u === f.url ? w : `${w} (of ${u})`)));
  const pattern = f.shapes.some(matchesShape) ? ['permalink-structure'] : [];
  const isListing = f.listedCount >= 2 && f.singular.length === 0;
  if (SPECIFIC_CLASS_KINDS.has(classKind) && classKind !== 'post') return { kind: classKind, evidence: ['body-class'] };
  if (classKind === 'post') return { kind: 'post', evidence: ['body-class', ...named] };
  if (LISTING_KINDS.has(classKind) && f.hasClasses) return { kind: classKind, evidence: ['body-class'] };
  if (!isListing && (named.length > 0 || pattern.length > 0)) return { kind: 'post', evidence: [...named, ...pattern, ...f.singular] };
  const shape = f.urlKind;
  if (LISTING_KINDS.has(shape) || shape !== 'other') return { kind: shape, evidence: ['url-shape'] };
  if (isListing) return { kind: 'other', evidence: ['lists-posts'] };
  if (f.singular.length === 0 && !f.hasHeading) return { kind: 'other', evidence: ['no-title', 'no-singular-signs'] };
  // A page of no listing and no post shape that shows one entry: a static page.
  return { kind: 'page', evidence: f.singular.length > 0 ? [...f.singular] : ['single-entry'] };
}
