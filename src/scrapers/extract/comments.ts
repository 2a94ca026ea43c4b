/**
 * The comments a post page shows, with threading. WordPress's wp_list_comments() nests replies in
 * `<ul|ol class="children">` inside their parent's `<li id="li-comment-N">` / `<li id="comment-N">`, so the
 * parent of a comment is the nearest enclosing comment item.
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { CommentRecord } from '../../types.ts';
import { cleanText, visibleText } from './text.ts';
import { parseDateText, parseIsoDate } from './dates.ts';
import { closestEl, find } from './select.ts';

const ITEM = 'li.comment, li.pingback, li.trackback, li[id^="li-comment-"], li[id^="comment-"], article.comment, div.comment';

function commentId($: CheerioAPI, item: Cheerio<Element>): string | null {
  const ids = [item.attr('id'), item.children('[id]').first().attr('id'), find(item, '[id^="comment-"], [id^="div-comment-"]').first().attr('id')];
  for (const id of ids) {
    const m = id ? /^(?:li-|div-)?comment-(\d+)$/.exec(id) : null;
    if (m) return m[1]!;
  }
  return null;
}

/** The item's own part: its children minus the nested replies. */
function own(item: Cheerio<Element>): Cheerio<AnyNode> {
  const clone = item.clone();
  find(clone, '.children, ul, ol').remove();
  return clone;
}

function commentText($: CheerioAPI, body: Cheerio<AnyNode>): string {
  let text: Cheerio<AnyNode> = find(body, '.comment-content').first();
  if (text.length === 0) {
    const inner = find(body, '.comment-body, .comment-text, .comment-entry').last();
    text = inner.length > 0 ? inner : body;
  }
  const c = text.clone();
  find(c, '.comment-author, .comment-meta, .comment-metadata, .commentmetadata, .reply, .comment-reply-link, .says, .vcard, footer, script, style').remove();
  const paras = find(c, 'p').toArray().map((p) => cleanText($(p).text())).filter(Boolean);
  return paras.length > 0 ? paras.join('\n\n') : cleanText(c.text());
}

function commentDate($: CheerioAPI, body: Cheerio<AnyNode>): string | null {
  const t = find(body, 'time[datetime]').first().attr('datetime');
  const iso = t ? parseIsoDate(t) : null;
  if (iso) return iso;
  const meta = find(body, '.comment-metadata, .comment-meta, .commentmetadata, .comment-date, time').first();
  return meta.length > 0 ? parseDateText(meta.text()) : null;
}

function commentAuthor($: CheerioAPI, body: Cheerio<AnyNode>): string {
  const fn = find(body, '.comment-author .fn, cite.fn, .fn, .comment-author-name, .comment-author').first();
  const clone = fn.clone();
  find(clone, '.says, img, .avatar').remove();
  return visibleText(clone).replace(/\s+(says|säger|sagt|sier|siger):?$/i, '').trim();
}

/** Every comment in the page's comment list, in page order, each with its parent's id. */
export function readComments($: CheerioAPI): CommentRecord[] {
  // Cached compiled selectors (select.ts), not `$(…)`, which compiles its selector on every page.
  const area = find($.root(), '#comments, .comments-area, .commentlist, .comment-list').first();
  const scope = area.length > 0 ? area : find($.root(), 'body');
  const out: CommentRecord[] = [];
  const seen = new Set<string>();
  for (const el of find(scope, ITEM).toArray()) {
    const item = $(el);
    // Nested matches (div.comment inside li.comment) describe the same comment as their item.
    const outerEl = el.parent ? closestEl(el.parent as AnyNode, ITEM) : null;
    const id = commentId($, item);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const parentId = outerEl ? commentId($, $(outerEl)) : null;
    const body = own(item);
    out.push({ id, author: commentAuthor($, body), published: commentDate($, body), text: commentText($, body), parentId: parentId === id ? null : parentId });
  }
  return out;
}
