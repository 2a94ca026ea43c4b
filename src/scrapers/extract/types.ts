/**
 * The partial records page readers return: small, self-contained, no DOM references, so the pipeline can
 * drop each page's parse tree as soon as it is read and keep only these until the merge.
 */
import type { AuthorRef, CaptureRef, CommentRecord, ImageRef, TermRef } from '../../types.ts';
import type { Found } from './text.ts';

/** One post as a listing (home, category, date, author archive, pagination) showed it. */
export interface ListingItem {
  /** The permalink the title links to (normalised). */
  url: string;
  postId: string | null;
  title: Found<string> | null;
  excerpt: Found<string> | null;
  categories: Found<TermRef[]> | null;
  tags: Found<TermRef[]> | null;
  commentCount: Found<number> | null;
  /** True when the item shows a comments link or count area at all (even without a number). */
  showsCommentArea: boolean;
  published: Found<string> | null;
  author: Found<AuthorRef> | null;
  /** Shown on the blog's own front page or its /page/N/ (set by the pipeline, not the reader). */
  onFrontPage?: boolean;
  /** How many listing pages showed this item exactly so (set by the pipeline). */
  weight?: number;
}

export interface ListingPage {
  url: string;
  items: ListingItem[];
  problems: string[];
}

/** A post or static page as its own page showed it. */
export interface PostPage {
  /** The URL fetched. */
  url: string;
  canonical: string | null;
  shortlink: string | null;
  postId: string | null;
  isPage: boolean;
  title: Found<string> | null;
  categories: Found<TermRef[]> | null;
  tags: Found<TermRef[]> | null;
  author: Found<AuthorRef> | null;
  published: Found<string> | null;
  /** A count the page displays (comment heading, meta link), if any. */
  commentCount: Found<number> | null;
  /** Excerpt from the page's own summary (meta description, og:description, JSON-LD description). */
  metaExcerpt: Found<string> | null;
  /** The first 55 words of the body, as WordPress makes an automatic excerpt. */
  generatedExcerpt: string;
  contentMarkdown: Found<string> | null;
  images: ImageRef[];
  comments: CommentRecord[];
  /** Boilerplate removed from the body, for the report. */
  stripped: string[];
  capture: CaptureRef;
  problems: string[];
}

/** One item of an RSS 2.0 or Atom feed. */
export interface FeedItem {
  url: string;
  /** The `?p=ID` guid WordPress writes, as a normalised URL. */
  guid: string | null;
  title: string | null;
  excerpt: string | null;
  categories: string[];
  published: string | null;
  author: string | null;
  commentCount: number | null;
  /** The full body as HTML (`content:encoded`, Atom `content`), when the feed carries it. */
  content: string | null;
  /** The body as Markdown, converted when the feed is read (page.ts). */
  contentMarkdown?: string | null;
  /** Set for what a post's own comment feed says (title, count): not a post feed's item. */
  fromCommentFeed?: boolean;
  /** The comments a post's own comment feed lists. */
  comments?: CommentRecord[];
}
