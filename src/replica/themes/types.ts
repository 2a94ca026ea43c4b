/**
 * The data file of one theme fixture site (fixtures/themes/<name>/data.yaml) and the model built from it.
 * These sites exist to prove the extractor on WordPress themes it was not written against, so the data
 * says only what an author would have typed into WordPress; every URL, count and label is derived here
 * the way WordPress and the theme would derive it.
 */

export type ThemeName = 'twentytwelve' | 'twentyfifteen' | 'twentyseventeen' | 'twentyten';
export type Language = 'en' | 'de' | 'nb' | 'da';

/** The permalink structures WordPress offers (or a custom one a blogger typed) that these sites use. */
export type PermalinkStructure =
  | '/%year%/%monthnum%/%day%/%postname%/'
  | '/%postname%/'
  | '/%category%/%postname%/'
  | '/%year%/%monthnum%/%postname%/'
  /** WordPress's default "Plain" setting: every URL is `/?p=ID`, `/?cat=ID`, `/?m=YYYYMM`, … */
  | 'plain';

export interface CategoryData {
  /** WordPress term id: `%category%` permalinks use the post's category with the LOWEST id, not the first shown. */
  id: number;
  name: string;
  slug: string;
  /** Slug of the parent category; the category URL and `%category%` then hold `parent/child`. */
  parent?: string;
  description?: string;
}

export interface AuthorData {
  /** user_nicename: the author URL's slug. */
  login: string;
  /** User id: plain-permalink author URLs are `/?author=ID`. */
  id?: number;
  name: string;
}

export interface CommentData {
  id: number;
  author: string;
  /** Local time `YYYY-MM-DD HH:MM`. */
  date: string;
  text: string;
  /** Id of the comment this one answers (threaded comments). */
  parent?: number;
  url?: string;
}

export interface ImageData {
  id: number;
  /** Path under wp-content/uploads/, e.g. `2013/06/harbour.gif`. */
  file: string;
  alt: string;
  caption: string;
  width: number;
  height: number;
}

export interface PostData {
  id: number;
  slug: string;
  title: string;
  /** Local time `YYYY-MM-DD HH:MM` (the site's timezone; see SiteData.utcOffset). */
  date: string;
  modified?: string;
  author: string;
  /** Category slugs; none means the site's default category (Uncategorized / Allgemein / …). */
  categories?: string[];
  tags?: string[];
  sticky?: boolean;
  /** Comments closed on this post. */
  closed?: boolean;
  /** Hand-written excerpt (the Excerpt box); else WordPress makes one from the first 55 words. */
  excerpt?: string;
  /** Paragraphs of inline HTML as the author wrote them (entities and tags allowed). */
  body: string[];
  /** `<!--more-->` after this many paragraphs: listings show only those and a "continue reading" link. */
  more?: number;
  image?: ImageData;
  comments?: CommentData[];
}

export interface PageData {
  id: number;
  slug: string;
  title: string;
  body: string[];
}

export interface SiteData {
  name: string;
  theme: ThemeName;
  language: Language;
  /** `http://blog.example.org`, no trailing slash. */
  siteUrl: string;
  title: string;
  tagline: string;
  /** The charset the server's Content-Type names (null: none, the page's own meta tag must say it). */
  htmlCharset: 'utf-8' | 'iso-8859-1' | null;
  /** WordPress's blog_charset: the bytes on disk and the meta tag (default utf-8). */
  blogCharset?: 'utf-8' | 'iso-8859-1';
  permalink: PermalinkStructure;
  categoryBase?: string;
  tagBase?: string;
  /** Fixed offset of the site's timezone, e.g. `+01:00` (no DST: these sites set a UTC offset, not a city). */
  utcOffset: string;
  postsPerPage: number;
  /** Slug of the default category, given to posts that name none. */
  defaultCategory: string;
  readme: string[];
  categories: CategoryData[];
  authors: AuthorData[];
  pages: PageData[];
  posts: PostData[];
  /** Extra redirects the site answered (path+query → path), e.g. old plain-permalink links. */
  redirects?: Record<string, string>;
}
