/**
 * Comment counts in the words a theme displays them, in the languages of `i18n/comment-words.ts`
 * (Swedish, Norwegian bokmål and nynorsk, Danish, Finnish, German, Dutch, French, Spanish, Italian,
 * Portuguese, Polish, English, Japanese, Chinese and Korean), and as a bare number beside a comment icon.
 *
 * `parseCommentCount` reads SHORT texts only: the text of one link, count container or comments heading.
 * It never looks for a count inside running text ("3 comments on the law" in a paragraph would be read
 * as 3), so callers must not hand it paragraphs; past 40 characters it only believes a count phrase that
 * is followed by a heading's preposition or a quote (`3 thoughts on “…”`), past 100 only with the title
 * in quotes, and past 300 nothing.
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { type Found, visibleText } from './text.ts';
import { find, inside, linksIn, matches } from './select.ts';
import { CJK_COUNTERS, CJK_NOUNS, CLOSED, COUNT_NOUNS, HEADING_LINKS, INVITES, META_LINE_NOUNS, NONE_PHRASES, NONE_WORDS, ONE_WORDS, STILL_WORDS } from './i18n/comment-words.ts';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest first, so that `kommentarer` is tried before `kommentar`. */
const alt = (words: Iterable<string>): string => `(?:${[...new Set(words)].sort((a, b) => b.length - a.length).map(escape).join('|')})`;
const all = (table: Record<string, string[]>): string[] => Object.values(table).flat();

/** `\b` is ASCII-only in JavaScript: a word ends where no letter or digit follows (`kommenttiä`, `réponses`). */
const END = String.raw`(?![\p{L}\p{N}])`;
const NOUN = alt(all(COUNT_NOUNS));
const ONE = alt(ONE_WORDS);
const NONE = `(?:${alt(STILL_WORDS)}\\s+)?${alt(NONE_WORDS)}`;
const CJK_COUNT = `(\\d+)\\s*${alt(CJK_COUNTERS)}?\\s*${alt(CJK_NOUNS)}`;

const NUMBER_FIRST = new RegExp(String.raw`^(\d+)\s+${NOUN}${END}`, 'u');
const ONE_FIRST = new RegExp(String.raw`^${ONE}\s+${NOUN}${END}`, 'u');
const NONE_FIRST = new RegExp(String.raw`^${NONE}\s+${NOUN}${END}`, 'u');
/** `Kommentare (4)`, `Comments: 3`, `コメント (3)`, `댓글 3개`, `评论 3`. */
const NOUN_THEN_NUMBER = new RegExp(String.raw`^(?:${NOUN}${END}|${alt(CJK_NOUNS)})\s*[(:：]?\s*(\d+)\s*${alt(CJK_COUNTERS)}?\s*[)）]?$`, 'u');
/** `3件のコメント`, `3条评论`, and inside headings: `“X” への3件のフィードバック`, `《X》上有3条评论`, `在〈X〉中有 3 則留言`. */
const CJK_ANYWHERE = new RegExp(CJK_COUNT, 'gu');
const NONE_PHRASE = new RegExp(`^${alt(NONE_PHRASES)}`, 'u');
const INVITE = new RegExp(String.raw`^${alt(all(INVITES))}(?:${END}|$)`, 'u');
const CLOSED_RE = new RegExp(String.raw`^${alt(all(CLOSED))}(?:${END}|$)`, 'u');
/** `View all 3 comments`, `Visa alla 5 kommentarer`: a count phrase that ends a short text. */
const VIEW_ALL = new RegExp(String.raw`(?<![\p{L}\p{N}])(\d+)\s+${NOUN}$`, 'u');
/** What may follow a count phrase in a longer text: nothing, a quote or symbol, or a heading's preposition. */
const HEADING_TAIL = new RegExp(String.raw`^(?:\s*$|\s*[\p{P}\p{S}]|\s+${alt(HEADING_LINKS)}${END})`, 'u');

const QUOTE = /["“”„«»‘’‚‹›「」『』《》〈〉]/u;

/** Lower case, NFKC, one space per run; icons (emoji, icon-font glyphs), arrows and `»` trimmed off both ends. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u00a0\u200b]+/gu, ' ')
    .replace(/^[\s\p{So}\p{Co}\p{Sm}»«·|]+|[\s\p{So}\p{Co}\p{Sm}»«·|!.…]+$/gu, '');
}

/** What a short piece of text says about a count: a number, zero, or nothing it understands. */
export function parseCommentCount(text: string): Found<number> | null {
  const t = normalise(text);
  if (!t || t.length > 300) return null;
  // Believed in a longer text only when the phrase ends it or a heading goes on (`… thoughts on “Title”`),
  // and past 100 characters only with the title in quotes: a sentence is not a heading.
  const fits = (m: RegExpExecArray): boolean => {
    const tail = t.slice(m.index + m[0].length);
    return t.length <= 40 || (HEADING_TAIL.test(tail) && (t.length <= 100 || QUOTE.test(tail)));
  };
  let m = NUMBER_FIRST.exec(t);
  if (m && fits(m)) return { value: Number(m[1]), rule: 'number' };
  if ((m = ONE_FIRST.exec(t)) && fits(m)) return { value: 1, rule: 'one' };
  if ((m = NONE_FIRST.exec(t)) && fits(m)) return { value: 0, rule: 'none' };
  m = NOUN_THEN_NUMBER.exec(t);
  if (m) return { value: Number(m[1]), rule: 'number' };
  // CJK writes the count inside the heading, after the title: the last count phrase is the heading's.
  const cjk = [...t.matchAll(CJK_ANYWHERE)].pop();
  if (cjk) return { value: Number(cjk[1]), rule: 'number' };
  if (NONE_PHRASE.test(t)) return { value: 0, rule: 'none' };
  if (CLOSED_RE.test(t)) return { value: 0, rule: 'closed' };
  if (INVITE.test(t)) return { value: 0, rule: 'invite' };
  // A bare number beside a comment icon (`<a class="comment-now">3</a>`, `💬 3`, `(3)`).
  m = /^\(?(\d+)\)?$/.exec(t);
  if (m) return { value: Number(m[1]), rule: 'bare-number' };
  m = VIEW_ALL.exec(t);
  if (m && t.length < 60) return { value: Number(m[1]), rule: 'number' };
  return null;
}

/** Any count words at all in an item's text: most items say none, and then no line is read. */
const ANY_COUNT_WORDS = new RegExp(String.raw`(?:\d+|${ONE}|${NONE})\s+(?:kommentar|comment|response|repl|kommentt|reacti|comentar|comentár|komentarz)|${CJK_COUNT}`, 'iu');
/**
 * The "one" words of a meta line, without the articles that also begin invitations (`Skriv en kommentar`,
 * `Hinterlasse einen Kommentar`, `Laisser un commentaire`), which would otherwise read as 1.
 */
const META_ONE = alt(['one', 'ett', 'ét', 'én', 'éin', 'eitt', 'ein', 'yksi', 'eén', 'één']);
const META_LINE_COUNT = new RegExp(String.raw`(?:^|[\s|–-])(\d+|${META_ONE})\s+${alt(META_LINE_NOUNS)}\s*$`, 'iu');
const META_LINE_NONE = new RegExp(String.raw`(?:^|[\s|–-])${NONE}\s+${alt(META_LINE_NOUNS.filter((n) => /(er|e|s|ar|ia|ti|i|y)$/.test(n)))}\s*$`, 'iu');

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
    const m = META_LINE_COUNT.exec(text);
    if (m) {
      const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : 1;
      return { value: n, rule: 'meta-text:number' };
    }
    const z = META_LINE_NONE.exec(text);
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
  // `h2#comments` / `h3#comments`: the heading is itself `#comments` in Kubrick (WordPress's default theme
  // until 3.0) and the themes built from it (liquorice, many custom ones).
  const selectors = ['#comments-title', '.comments-title', '#comments h2', '#comments h3', 'h2#comments', 'h3#comments', '.comments h2', '.comments h3', '#respond h3', '#reply-title', '.comment-reply-title'];
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
