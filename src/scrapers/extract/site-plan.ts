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

/** Collects survey facts; `plan()` decides. */
export class SiteSurvey {
  private facts: PageFacts[] = [];
  private fromFeeds = new Map<string, string>();
  /** Kinds body classes and URL shapes gave (classify.ts), for pages they name specifically. */
  private classKinds = new Map<string, PageKind>();

  /** `postUrl`: the profile's `post.url` pattern, which decides over every other evidence. */
  constructor(private readonly postUrl?: RegExp) {}

  addPage(f: PageFacts, classKind: PageKind): void {
    this.facts.push(f);
    this.classKinds.set(f.url, classKind);
  }

  addFeed(e: FeedEvidence): void {
    for (const u of e.itemLinks) this.fromFeeds.set(u, 'feed-item');
    if (e.commentFeedOf) this.fromFeeds.set(e.commentFeedOf, this.fromFeeds.get(e.commentFeedOf) ?? 'own-comment-feed');
  }

  plan(): SitePlan {
    const evidence = new Map<string, Set<string>>();
    const note = (u: string, why: string): void => {
      let s = evidence.get(u);
      if (!s) evidence.set(u, (s = new Set()));
      s.add(why);
    };
    for (const [u, why] of this.fromFeeds) note(u, why);
    const permalinks = new Map<string, string>();
    for (const f of this.facts) {
      if (f.permalinkHint) {
        note(f.permalinkHint, 'own-comment-feed');
        if (f.permalinkHint !== f.url) permalinks.set(f.url, f.permalinkHint);
      }
      if (this.classKinds.get(f.url) === 'post') note(f.canonical ?? f.url, 'body-class');
      for (const u of f.postLinks) {
        const shape = classifyUrl(u);
        if (shape === 'other' || shape === 'shortlink') note(u, 'title-link');
      }
    }
    const patterns = learnPatterns([...evidence.keys()]);
    const matchesPattern = (u: string): boolean => {
      const s = permalinkShape(u);
      return s !== null && patterns.some((p) => shapeMatches(s, p));
    };
    const decisions = new Map<string, KindDecision>();
    // Evidence is listed sorted and once: the archive's order (a crawl's, with concurrency) must not show.
    const tidy = (d: KindDecision): KindDecision => ({ kind: d.kind, evidence: [...new Set(d.evidence)].sort() });
    for (const f of this.facts) {
      const byProfile = this.postUrl?.test(new URL(f.url).pathname + new URL(f.url).search);
      decisions.set(f.url, tidy(byProfile ? { kind: 'post', evidence: ['profile:post.url'] } : decide(f, this.classKinds.get(f.url)!, evidence, matchesPattern, permalinks)));
    }
    // WordPress puts an attachment's page under its post's permalink (`/2010/08/post/attachment/104/`,
    // `/2010/08/post/image-name/`): a page below a post that names itself canonical is an attachment.
    const postUrls = new Set([...decisions].filter(([, d]) => d.kind === 'post').map(([u]) => u));
    for (const f of this.facts) {
      const d = decisions.get(f.url)!;
      if (d.kind !== 'post' || d.evidence.includes('profile:post.url') || (f.canonical && f.canonical !== f.url) || matchesPattern(f.url)) continue;
      const parent = parentPost(f.url, postUrls);
      if (parent) decisions.set(f.url, { kind: 'attachment', evidence: [`under the post ${parent}`] });
    }
    // A copy (trackback, comment page) is what its canonical page is.
    for (const f of this.facts) {
      const c = f.canonical && f.canonical !== f.url ? decisions.get(f.canonical) : undefined;
      if (c && c.kind !== 'post' && decisions.get(f.url)?.kind === 'post') decisions.set(f.url, { kind: c.kind, evidence: [`copy of ${f.canonical}`] });
    }
    return {
      kindOf: (u) => decisions.get(u),
      permalinkOf: (u) => permalinks.get(u),
      template: templateBlocks(this.facts, decisions, permalinks),
      patterns,
    };
  }
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

/** Permalink structures: shapes that several evidenced post URLs share and that a date or id pins down. */
export function learnPatterns(postUrls: string[]): string[] {
  const counts = new Map<string, number>();
  for (const u of postUrls) {
    const s = permalinkShape(u);
    if (s && usable(s)) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n >= 2).map(([s]) => s).sort();
}

function decide(f: PageFacts, classKind: PageKind, evidence: Map<string, Set<string>>, matchesPattern: (u: string) => boolean, permalinks: Map<string, string>): KindDecision {
  const own = [f.url, f.canonical, permalinks.get(f.url)].filter((u): u is string => Boolean(u));
  const named = own.flatMap((u) => [...(evidence.get(u) ?? [])].map((w) => (u === f.url ? w : `${w} (of ${u})`)));
  const pattern = own.some(matchesPattern) ? ['permalink-structure'] : [];
  const isListing = f.listedCount >= 2 && f.singular.length === 0;
  if (SPECIFIC_CLASS_KINDS.has(classKind) && classKind !== 'post') return { kind: classKind, evidence: ['body-class'] };
  if (classKind === 'post') return { kind: 'post', evidence: ['body-class', ...named] };
  if (LISTING_KINDS.has(classKind) && f.classes.length > 0) return { kind: classKind, evidence: ['body-class'] };
  if (!isListing && (named.length > 0 || pattern.length > 0)) return { kind: 'post', evidence: [...named, ...pattern, ...f.singular] };
  const shape = classifyUrl(f.url);
  if (LISTING_KINDS.has(shape) || shape !== 'other') return { kind: shape, evidence: ['url-shape'] };
  if (isListing) return { kind: 'other', evidence: ['lists-posts'] };
  if (f.singular.length === 0 && !f.hasHeading) return { kind: 'other', evidence: ['no-title', 'no-singular-signs'] };
  // A page of no listing and no post shape that shows one entry: a static page.
  return { kind: 'page', evidence: f.singular.length > 0 ? f.singular : ['single-entry'] };
}

/**
 * Blocks found on the pages of many different posts: the template. A post's own paragraph appears on
 * its page and its copies (trackback, `?p=`, comment pages), all one post; a menu, a sidebar or "No
 * comments yet" on a quarter or more of all posts.
 */
function templateBlocks(facts: PageFacts[], decisions: Map<string, KindDecision>, permalinks: Map<string, string>): Set<number> {
  const singular = facts.filter((f) => {
    const kind = decisions.get(f.url)?.kind;
    return kind === 'post' || kind === 'page';
  });
  const keyOf = (f: PageFacts): string => permalinks.get(f.url) ?? f.canonical ?? f.url;
  const threshold = Math.max(3, Math.ceil(new Set(singular.map(keyOf)).size * 0.25));
  // Pages per block first (a number each): only blocks on enough pages are worth counting posts for.
  const pages = new Map<number, number>();
  for (const f of singular) for (const h of f.blocks) pages.set(h, (pages.get(h) ?? 0) + 1);
  const groups = new Map<number, Set<string>>();
  for (const [h, n] of pages) if (n >= threshold) groups.set(h, new Set());
  for (const f of singular) for (const h of f.blocks) groups.get(h)?.add(keyOf(f));
  const out = new Set<number>();
  for (const [h, g] of groups) if (g.size >= threshold) out.add(h);
  return out;
}
