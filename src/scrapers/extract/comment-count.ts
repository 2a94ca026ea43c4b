/**
 * Comment counts in the words a theme displays them, in Swedish, English, German, Norwegian and Danish.
 * Wordings come from WordPress core and the Twenty Ten … Twenty Seventeen themes and their translations:
 * `comments_popup_link()` (`No Comments`, `1 Comment`, `% Comments`, `Leave a comment`, `Comments Off`),
 * Twenty Eleven/Twelve (`Reply`, `1 Reply`, `% Replies`, `Leave a reply`), comment headings
 * (`One thought on “…”`, `3 thoughts on`, `One Response to`, `3 Replies to`), and their sv/de/nb/da forms.
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { type Found, visibleText } from './text.ts';
import { find, inside, linksIn, matches } from './select.ts';

const NOUN = String.raw`(?:comments?|kommentar(?:er|e|en|erna)?|responses?|repl(?:y|ies)|thoughts?|svar|gedanken?|antworten?|reaktion(?:er)?|tank(?:e|er)|innlegg|tilbakemeldinger)`;
const ONE = String.raw`(?:one|ein|eine|einen|en|ett|ét|én|et|1)`;
const NONE = String.raw`(?:no|inga|ingen|keine|kein|0|zero|null)`;

const NUMBER_FIRST = new RegExp(String.raw`^(\d+)\s+${NOUN}\b`, 'iu');
const ONE_FIRST = new RegExp(String.raw`^${ONE}\s+${NOUN}\b`, 'iu');
const NONE_FIRST = new RegExp(String.raw`^${NONE}\s+${NOUN}\b`, 'iu');
const NOUN_PAREN = new RegExp(String.raw`^${NOUN}\s*[(:]\s*(\d+)\s*\)?$`, 'iu');
const VIEW_ALL = new RegExp(String.raw`\b(\d+)\s+${NOUN}\b`, 'iu');
/** Invitations a theme shows instead of a count when there are none yet. */
const INVITE = /^(leave a (comment|reply)|reply|add a comment|be the first to comment|kommentera|kommentar|lämna (en )?kommentar|skriv (en )?kommentar|bli (den )?först(a)? (att|som) kommentera(r)?|hinterlasse einen kommentar|kommentar (hinterlassen|schreiben)|schreibe einen kommentar|legg igjen en kommentar|skriv en kommentar|efterlad en kommentar|kommentér|kommenter|svara)\b/iu;
/** Comments closed and none shown (`Comments Off`). */
const CLOSED = /^(comments (are )?(off|closed)|kommentarer (är )?(inaktiverade|avstängda|stängda)|kommentare (sind )?(deaktiviert|geschlossen)|kommentarer (er )?(deaktivert|stengt|lukket|slået fra))\b/iu;

/** What a piece of text says about a count: a number, zero, or nothing it understands. */
export function parseCommentCount(text: string): Found<number> | null {
  const t = text.replace(/^[\s💬]+/u, '').trim();
  if (!t) return null;
  let m = NUMBER_FIRST.exec(t);
  if (m) return { value: Number(m[1]), rule: 'number' };
  if (ONE_FIRST.test(t)) return { value: 1, rule: 'one' };
  if (NONE_FIRST.test(t)) return { value: 0, rule: 'none' };
  m = NOUN_PAREN.exec(t);
  if (m) return { value: Number(m[1]), rule: 'number' };
  if (CLOSED.test(t)) return { value: 0, rule: 'closed' };
  if (INVITE.test(t)) return { value: 0, rule: 'invite' };
  if (/^\d+$/.test(t)) return { value: Number(t), rule: 'bare-number' };
  m = VIEW_ALL.exec(t);
  if (m && t.length < 60) return { value: Number(m[1]), rule: 'number' };
  return null;
}

const ANY_COUNT_WORDS = new RegExp(String.raw`(\d+|${ONE}|${NONE})\s+(kommentar|comment|response|repl)`, 'iu');

/** The comment section of a post page; links inside it are replies, not counts. */
const IN_COMMENTS = '#comments, .comments-area, .commentlist, .comment-list, #respond, .comment-respond';

/** Elements in which themes display a post's comment count, in order of trust. */
const COUNT_CONTAINERS = ['.comments-link', '.comment-link', '.comments-count', '.comment-count', '.post-comments', '.entry-comments', '.meta-comments'];

/**
 * Reads the comment count an article (listing item or post) displays. Rules in order: a link to
 * `#comments`/`#respond` (what comments_popup_link() prints), a comments container, then any short text
 * line in the item's meta that reads as a count (`1 kommentar` next to the category line).
 */
export function readCommentCount($: CheerioAPI, scope: Cheerio<AnyNode>): Found<number> | null {
  const links = linksIn(scope).filter((el) => /#(comments|respond|disqus_thread|comment)/.test(el.attribs.href ?? ''));
  for (const el of links) {
    const a = $(el);
    // Reply links inside the comment list (`?replytocom=12#respond`, "Svara") are not counts.
    if (a.hasClass('comment-reply-link') || (a.attr('href') ?? '').includes('replytocom') || inside(a, IN_COMMENTS)) continue;
    const hit = parseCommentCount(visibleText($(el)));
    if (hit) return { value: hit.value, rule: `comment-link:${hit.rule}` };
  }
  // One traversal for all containers, then the containers in order of trust over the (few) hits.
  const containers = countContainers(scope);
  for (const sel of COUNT_CONTAINERS) {
    for (const el of containers) {
      if (!matches(el, sel) || inside(el, IN_COMMENTS)) continue;
      const hit = parseCommentCount(visibleText($(el)));
      if (hit) return { value: hit.value, rule: `${sel}:${hit.rule}` };
    }
  }
  // Text lines: themes without a comments link still print "3 kommentarer" in the meta line, sometimes
  // after the categories ("Kategori EU | Möten 3 kommentarer"). Only explicit numbers count here.
  // One look at the whole item's text first: most items say no such thing, and then no line is read.
  if (!ANY_COUNT_WORDS.test(scope.text())) return null;
  for (const el of find(scope, 'p, span, div, footer, li').toArray()) {
    const node = $(el);
    if (node.children('p, div, ul, ol, article, section').length > 0) continue;
    const text = visibleText(node);
    if (text.length > 200) continue;
    const m = new RegExp(String.raw`(?:^|[\s|–-])(\d+|${ONE})\s+(kommentar(?:er|e)?|comments?|responses?|repl(?:y|ies))\s*$`, 'iu').exec(text);
    if (m) {
      const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : 1;
      return { value: n, rule: 'meta-text:number' };
    }
    const z = new RegExp(String.raw`(?:^|[\s|–-])${NONE}\s+(kommentarer|comments|kommentare|responses)\s*$`, 'iu').exec(text);
    if (z) return { value: 0, rule: 'meta-text:none' };
  }
  return null;
}

/**
 * True when an item shows any comment affordance at all (a link to the comments, a comments container),
 * whether or not it carries a number. A blog where no listing item shows one "never shows counts" (null).
 */
export function showsCommentAffordance(scope: Cheerio<AnyNode>): boolean {
  return linksIn(scope).some((el) => /#(comments|respond)/.test(el.attribs.href ?? '')) || countContainers(scope).length > 0;
}

const ALL_CONTAINERS = COUNT_CONTAINERS.join(', ');
const containerCache = new WeakMap<AnyNode, Element[]>();

/** The count containers inside `scope`, found once per scope (readCommentCount and showsCommentAffordance ask). */
function countContainers(scope: Cheerio<AnyNode>): Element[] {
  const key = scope.length === 1 ? scope[0] : undefined;
  let hits = key ? containerCache.get(key) : undefined;
  if (!hits) {
    hits = find(scope, ALL_CONTAINERS).toArray();
    if (key) containerCache.set(key, hits);
  }
  return hits;
}

/**
 * The count a post page's comment section heading shows (`3 kommentarer till ”…”`, `One thought on “…”`),
 * or zero when it only invites a first comment (`Bli den första som kommenterar!`).
 */
export function readPostCommentHeading($: CheerioAPI): Found<number> | null {
  const selectors = ['#comments-title', '.comments-title', '#comments h2', '#comments h3', '.comments h2', '.comments h3', '#respond h3', '#reply-title', '.comment-reply-title'];
  const hits = find($.root(), selectors.join(', ')).toArray();
  for (const sel of selectors) {
    for (const el of hits) {
      if (!matches(el, sel)) continue;
      const hit = parseCommentCount(visibleText($(el)));
      if (hit) return { value: hit.value, rule: `post:${sel}:${hit.rule}` };
    }
  }
  return null;
}
