/**
 * The replica's data model, built deterministically from site-facts.json and content.json: blogs,
 * categories, tags, authors, every real post (real title, categories, displayed count, month) and the
 * synthetic posts. Post bodies are NOT held here (see bodies.ts): at 50,000 posts only this metadata stays
 * in memory, and each body is regenerated from its post's seed when a page is written.
 */
import { slugify, encodeSlug } from '../url.ts';
import { SITE_URL, type Content, type Person, type ReplicaInputs } from './data.ts';
import type { LocalDateTime } from './dates.ts';
import { rngFor } from './prng.ts';
import { buildPosts } from './model-posts.ts';

export interface Term {
  id: number;
  name: string;
  slug: string;
}

export interface Author extends Person {
  id: number;
}

export interface ImageMeta {
  /** Path under the blog: `files/2012/03/name.jpg`. */
  file: string;
  /** Absolute URL as WordPress wrote it. */
  url: string;
  alt: string;
  /** Caption as displayed (`Namn. Foto: Källa` or `Illustration: Näringsdepartementet`). */
  captionText: string;
  /** The caption's name part, or null when the caption is only a credit. */
  caption: string | null;
  /** `Foto: Källa` or `Illustration: Näringsdepartementet`. */
  credit: string;
  attachmentId: number;
  shade: number;
}

export interface PostMeta {
  blog: string;
  id: number;
  title: string;
  slug: string;
  /** Categories in the order the site lists them (alphabetical, as site-facts says). */
  categories: Term[];
  primary: Term;
  tags: Term[];
  date: LocalDateTime;
  author: Author;
  /** Number of comments on the post (shown in innovation listings, never in the others). */
  commentCount: number;
  firstCommentId: number;
  /** The excerpt as listings show it: hand-written, or automatic with ` […]`, or '' (no text at all). */
  excerpt: string;
  handExcerpt: boolean;
  guest: { name: string; role: string } | null;
  /** A hand-written body from special-bodies.md, or null for a generated one. */
  special: string | null;
  image: ImageMeta | null;
  /** Innovation theme: the count sits on the category line (true) or on a line of its own. */
  countOnCategoryLine: boolean;
  seed: number;
  synthetic: boolean;
}

export interface StaticPage {
  blog: string;
  id: number;
  title: string;
  slug: string;
  markdown: string;
  date: LocalDateTime;
}

export type BlogTheme = 'classic' | 'modern';

export interface BlogModel {
  key: string;
  name: string;
  description: string;
  theme: BlogTheme;
  closureNotice: boolean;
  countsShown: boolean;
  categories: Term[];
  tags: Term[];
  authors: Author[];
  page: StaticPage;
  /** Newest first, as every listing shows them. */
  posts: PostMeta[];
  from: { year: number; month: number };
  to: { year: number; month: number };
}

export interface SiteModel {
  seed: number;
  content: Content;
  blogs: BlogModel[];
  /** The one deliberate dead internal link (the "404 case"). */
  deadLink: string;
}

export interface ModelOptions {
  seed?: number;
  /** Synthetic posts in all; spread 70/10/10/10 over the blogs. Default: the committed fixture's mix. */
  syntheticPosts?: number;
}

interface BlogConfig {
  key: string;
  theme: BlogTheme;
  closureNotice: boolean;
  from: string;
  to: string;
  tags: string[];
  defaultSynthetic: number;
  weight: number;
}

/**
 * What site-facts says in prose, made exact. The closure notice is on every late capture except the portal
 * home and /transporter-och-infrastruktur/; only the innovation theme shows comment counts.
 */
export const BLOG_CONFIG: readonly BlogConfig[] = [
  { key: 'innovation', theme: 'classic', closureNotice: true, from: '2011-10', to: '2014-09', tags: ['dialogmöte', 'Horisont 2020', 'innovationsupphandling', 'OECD', 'regioner', 'tjänsteinnovation'], defaultSynthetic: 72, weight: 0.7 },
  { key: 'transport', theme: 'modern', closureNotice: true, from: '2012-01', to: '2015-06', tags: [], defaultSynthetic: 6, weight: 0.1 },
  { key: 'transporter-och-infrastruktur', theme: 'modern', closureNotice: false, from: '2016-01', to: '2017-10', tags: [], defaultSynthetic: 2, weight: 0.1 },
  { key: 'livsmedel', theme: 'modern', closureNotice: true, from: '2016-01', to: '2017-02', tags: [], defaultSynthetic: 7, weight: 0.1 },
];

const ym = (s: string): { year: number; month: number } => ({ year: Number(s.slice(0, 4)), month: Number(s.slice(5, 7)) });

/** Builds the whole site model. Same inputs and seed give the same model, byte for byte. */
export function buildSiteModel(inputs: ReplicaInputs, options: ModelOptions = {}): SiteModel {
  const seed = options.seed ?? 2018;
  const { facts, content } = inputs;
  const blogs: BlogModel[] = [];
  for (const cfg of BLOG_CONFIG) {
    const factBlog = facts.blogs.find((b) => b.path === `/${cfg.key}/`);
    const texts = content.blogs[cfg.key];
    if (!factBlog || !texts) throw new Error(`site-facts.json or content.json lacks the blog ${cfg.key}`);
    let termId = 1;
    const categories = (facts.categories[cfg.key] ?? []).map((c) => ({ id: ++termId, name: c.name, slug: c.slug ?? slugify(c.name) }));
    const tags = cfg.tags.map((name) => ({ id: ++termId, name, slug: slugify(name) }));
    const authors = texts.authors.map((a, i) => ({ ...a, id: i + 1 }));
    const from = ym(cfg.from);
    const pageRng = rngFor(seed, `${cfg.key}|page`);
    const page: StaticPage = {
      blog: cfg.key, id: 2, title: texts.pageTitle, slug: 'om', markdown: content.pageBodies[cfg.key] ?? '',
      date: { ...from, day: 1, hour: 9, minute: pageRng.int(0, 59) },
    };
    blogs.push({
      key: cfg.key, name: factBlog.name, description: texts.description, theme: cfg.theme, closureNotice: cfg.closureNotice,
      countsShown: cfg.theme === 'classic', categories, tags, authors, page, posts: [], from, to: ym(cfg.to),
    });
  }
  const model: SiteModel = { seed, content, blogs, deadLink: `${SITE_URL}/innovation/dialogmoten/program-for-det-sista-dialogmotet/` };
  for (const blog of blogs) {
    const cfg = BLOG_CONFIG.find((c) => c.key === blog.key)!;
    const synthetic = options.syntheticPosts === undefined ? cfg.defaultSynthetic : Math.round(options.syntheticPosts * cfg.weight);
    blog.posts = buildPosts(model, blog, inputs, synthetic);
  }
  return model;
}

/** `http://www.naringsbloggen.se/innovation/` */
export function blogUrl(blog: string): string {
  return `${SITE_URL}/${blog}/`;
}

/**
 * A post's URL under one of its categories, spelled as WordPress wrote it: percent-escapes in lower case
 * (`%e2%80%93`), which browsers and crawlers then send upper-case.
 */
export function postUrlUnder(post: PostMeta, category: Term): string {
  return `${blogUrl(post.blog)}${category.slug}/${encodeSlug(post.slug).toLowerCase()}/`;
}

/** The canonical permalink: `/<blog>/<primary-category-slug>/<post-slug>/`. */
export function permalink(post: PostMeta): string {
  return postUrlUnder(post, post.primary);
}

export function categoryUrl(blog: string, term: Term): string {
  return `${blogUrl(blog)}category/${term.slug}/`;
}

export function tagUrl(blog: string, term: Term): string {
  return `${blogUrl(blog)}tag/${encodeSlug(term.slug).toLowerCase()}/`;
}

export function authorUrl(blog: string, author: Author): string {
  return `${blogUrl(blog)}author/${author.login}/`;
}

export function monthUrl(blog: string, year: number, month: number): string {
  return `${blogUrl(blog)}${year}/${String(month).padStart(2, '0')}/`;
}

export function pageUrl(page: StaticPage): string {
  return `${blogUrl(page.blog)}${page.slug}/`;
}

export function shortlink(blog: string, id: number): string {
  return `${blogUrl(blog)}?p=${id}`;
}

/** `/page/N/` of a listing; page 1 is the listing itself. */
export function paged(listingUrl: string, n: number): string {
  return n <= 1 ? listingUrl : `${listingUrl}page/${n}/`;
}
