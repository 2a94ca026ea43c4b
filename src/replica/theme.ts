/**
 * The theme interface both replica themes implement, and the comment threading they share.
 */
import type { Block } from './markdown.ts';
import type { PostMeta, StaticPage } from './model.ts';
import type { ReplicaComment } from './bodies.ts';
import type { PageContext } from './layout.ts';

export interface Theme {
  /** A whole HTML document around ctx.main. */
  document(ctx: PageContext): string;
  /** One post in a listing; `link` is the URL the listing uses for it (an alias path on category listings). */
  listingItem(post: PostMeta, link: string): string;
  postArticle(post: PostMeta, bodyHtml: string): string;
  postNav(older: PostMeta | null, newer: PostMeta | null): string;
  comments(post: PostMeta, comments: ReplicaComment[], moderationNote: string): string;
  pageArticle(page: StaticPage, bodyHtml: string): string;
  /** An archive's heading: label (`Kategoriarkiv`) and the HTML of the name. */
  archiveHeading(label: string, name: string): string;
  pagination(listingUrl: string, n: number, total: number, pagedUrl: (u: string, k: number) => string): string;
  figure(f: Extract<Block, { type: 'figure' }>, attachmentId: number): string;
}

/**
 * Nests comments (given in page order, depth-first) into threads: `render(comment, childrenHtml)` is
 * called for each, children first.
 */
export function commentTree(comments: readonly ReplicaComment[], render: (c: ReplicaComment, children: string) => string): string {
  const byParent = new Map<number | null, ReplicaComment[]>();
  for (const c of comments) {
    const list = byParent.get(c.parentId) ?? [];
    list.push(c);
    byParent.set(c.parentId, list);
  }
  const walk = (parent: number | null): string =>
    (byParent.get(parent) ?? []).map((c) => render(c, walk(c.id))).join('\n');
  return walk(null);
}
