/**
 * Where a post's body is, on a theme never seen. Known WordPress containers (`.entry-content` and the
 * class names built on it, `.post-content`, `articleBody`…) are strong hints; a hint that holds little
 * of the page's own text, or none at all, gives way to the element that holds most of that text. "Own
 * text" is what is not the site's template (blocks.ts: the same block on many posts' pages) and not
 * the comments. Inside the body, template blocks and everything from the comment section on are cut.
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { BLOCK_TAGS, isBlockTag, isLooseTextTag, isTemplateBlock } from './blocks.ts';
import { cleanLength, cleanText } from './text.ts';
import { parseDateText } from './dates.ts';
import type { TemplateSet } from './template-probe.ts';
import { find, matches } from './select.ts';

/** Where comments.php starts: the body ends before it. */
export const COMMENTS_START = '#comments, #respond, #postcomment, #commentlist, .commentlist, .comment-list, .comments-area, #comment-form, form#commentform, #disqus_thread, .comments, #comments-title';
/** Never the body: page furniture and the comment section. */
const FURNITURE = 'script, style, noscript, nav, header, footer, aside, form, #sidebar, .sidebar, #secondary, .widget, #header, #footer, #menu, .menu, #nav, .navigation';

/** Classes of the lines around a body: date, byline, categories, counts. */
const META_CLASS = /(^|[-_\s])(meta|byline|postmeta|post-meta|entry-meta|entry-header|entry-footer|entry-utility|postinfo|post-info|posted|date|comment-count|comments-link)([-_\s]|$)/i;

/**
 * A short line of meta that reads as a date ("12/02/2014 · Flo · Musik", "Udgivet den 20. maj 2010 af …"):
 * its links (if any) go to terms, authors, archives or the post itself, and it shows no image. (Not a `p`:
 * "Infobrev 2, 15 april 2015" linking a PDF is a post's own text, though it reads as a date.)
 */
/** The raw text length of a subtree, counted only up to `max` (iteratively: deep pages exist). */
function textUpTo(root: Element, max: number): number {
  let n = 0;
  const stack: AnyNode[] = [...root.children];
  while (stack.length > 0 && n < max) {
    const c = stack.pop()!;
    if (c.type === 'text') n += (c as unknown as { data: string }).data.trim().length;
    else if (c.type === 'tag') stack.push(...(c as Element).children);
  }
  return n;
}

function isDateLine($: CheerioAPI, el: Element): boolean {
  if (el.name === 'p' || el.name === 'a') return false;
  // Asked of every element of a page: a subtree with 100 characters of text or more is no line, and
  // counting stops there rather than reading the whole subtree's text.
  const size = textUpTo(el, 100);
  if (size === 0 || size >= 100) return false;
  const line = cleanText($(el).text());
  if (line.length === 0 || line.length >= 100 || find($(el), 'img, p, div, h1, h2, h3, h4, h5, h6, ul, ol, table, blockquote, pre').length > 0) return false;
  const metaLinks = find($(el), 'a').toArray().every((a) => /(^|\s)(category|tag|author|bookmark)(\s|$)/.test(a.attribs.rel ?? '')
    || /\/(category|tag|author)\/|\/\d{4}\/(\d\d\/)?$|[?&](author|cat|tag|m)=/.test(a.attribs.href ?? '')
    || parseDateText(cleanText($(a).text())) !== null);
  return metaLinks && parseDateText(line) !== null;
}

/** Class tokens that name a post body in many themes (`single-entry-content`, `post_content`, `entry-body`). */
const BODY_CLASS = /(^|[-_])(entry|post|article|blog|single|story|page)[-_]?(content|body|text|entry)$/i;

function textLength(n: AnyNode): number {
  return n.type === 'text' ? cleanLength((n as unknown as { data: string }).data) : 0;
}

/**
 * Own-text length of every element, bottom-up without recursion (a deeply nested page must not
 * exhaust the stack): text nodes count unless they sit in furniture or a template block.
 */
function ownTextLengths($: CheerioAPI, root: Element, template: TemplateSet, countLinks = false): Map<Element, number> {
  const lengths = new Map<Element, number>();
  const order: Element[] = [];
  const stack: Element[] = [root];
  const skip = new Set<Element>();
  while (stack.length > 0) {
    const el = stack.pop()!;
    order.push(el);
    for (const c of el.children) {
      if (c.type !== 'tag' && c.type !== 'script' && c.type !== 'style') continue;
      const e = c as Element;
      // Link text is the site's navigation far more often than a post's words (titles, prev/next, menus).
      if ((e.name === 'a' && !countLinks) || matches(e, FURNITURE) || matches(e, COMMENTS_START) || META_CLASS.test(e.attribs.class ?? '') || isDateLine($, e)) {
        skip.add(e);
        continue;
      }
      if (template.size > 0 && (isBlockTag(e) ? isTemplateBlock(e, template, true) : isLooseTextTag(e) && isTemplateBlock(e, template, false) && e.children.every((x) => x.type !== 'tag'))) {
        skip.add(e);
        continue;
      }
      stack.push(e);
    }
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i]!;
    let n = 0;
    for (const c of el.children) {
      if (c.type === 'text') n += textLength(c);
      else if (lengths.has(c as Element)) n += lengths.get(c as Element)!;
    }
    lengths.set(el, n);
  }
  return lengths;
}

/**
 * The element that holds most of the page's own text: walk down while one child holds 80 % of it.
 * Returns the own-text lengths too, so a caller comparing a hint with it needs no second count.
 */
export function densestElement($: CheerioAPI, scope: Element, template: TemplateSet): { element: Element; lengths: ReadonlyMap<Element, number> } | null {
  let lengths = ownTextLengths($, scope, template);
  // A post that is only links (a PDF, a list of links): then link text is the post's own text.
  if ((lengths.get(scope) ?? 0) === 0) lengths = ownTextLengths($, scope, template, true);
  const total = lengths.get(scope) ?? 0;
  if (total === 0) return null;
  let el = scope;
  for (;;) {
    let next: Element | null = null;
    // Never into a heading: a post's title is no body, and the cut below strips it from its container.
    for (const c of el.children) if (c.type === 'tag' && !/^h[1-6]$/.test((c as Element).name) && (lengths.get(c as Element) ?? 0) >= 0.8 * (lengths.get(el) ?? 0)) next = c as Element;
    if (!next || (lengths.get(next) ?? 0) < 0.6 * total) break;
    el = next;
  }
  return { element: el, lengths };
}

/** The own-text length of an element (for comparing a class hint with the densest element). */
export function ownTextOf($: CheerioAPI, el: Element, template: TemplateSet): number {
  return ownTextLengths($, el, template).get(el) ?? 0;
}

/** An element whose class names a body by the common naming (`single-entry-content`), outside the comments. */
export function bodyByClassName($: CheerioAPI, scope: Cheerio<AnyNode>): Cheerio<Element> | null {
  for (const el of find(scope, '[class]').toArray()) {
    if ((el.attribs.class ?? '').split(/\s+/).some((c) => BODY_CLASS.test(c)) && !matches(el, COMMENTS_START)) return scope._make(el);
  }
  return null;
}

/**
 * Cuts what is not the post from a body: the comment section and all that follows it, the template's
 * blocks, and leading or trailing lines that only repeat the title or carry the post's meta.
 * Returns the names of what was cut, for the report.
 */
export function cutNonContent($: CheerioAPI, body: Cheerio<AnyNode>, template: TemplateSet, title: string | null): string[] {
  const cut: string[] = [];
  const start = find(body, COMMENTS_START).first();
  if (start.length > 0) {
    // The comment section and everything after it, at its own level and at every level up to the body.
    const root = body[0]!;
    let node: AnyNode | null = start[0]!;
    while (node && node !== root) {
      for (let sib = node.nextSibling; sib;) {
        const next: AnyNode | null = sib.nextSibling;
        $(sib).remove();
        sib = next;
      }
      const parent: AnyNode | null = node.parent;
      if (node === start[0]) $(node).remove();
      node = parent;
    }
    cut.push('comment-section');
  }
  if (template.size > 0) {
    let n = 0;
    for (const el of find(body, BLOCK_TAGS).toArray()) if (el.parent && isTemplateBlock(el, template, true)) {
      $(el).remove();
      n++;
    }
    if (n > 0) cut.push('template-block');
  }
  const t = title ? cleanText(title).toLowerCase() : null;
  const linkOnly = (el: Element): boolean => {
    const all = cleanText($(el).text());
    const linked = cleanText(find($(el), 'a').toArray().map((a) => $(a).text()).join(' '));
    return all.length > 0 && linked.length >= all.length;
  };
  const isMeta = (el: Element): boolean => {
    if (matches(el, 'h1, h2, h3') && ((t && cleanText($(el).text()).toLowerCase() === t) || linkOnly(el))) return true;
    // The post's header and footer (title, byline, "Leave a reply", terms), whatever their classes.
    if (el.name === 'header' || el.name === 'footer') return true;
    if (t && cleanText($(el).text()).toLowerCase() === t) return true;
    if (linkOnly(el) && find($(el), 'a[href*="#comments"], a[href*="#respond"], a[href*="#comment"]').length > 0) return true;
    const cls = el.attribs.class ?? '';
    if (META_CLASS.test(cls)) return true;
    // A line of the post's terms, or a short line that is a date ("12/02/2014 · Flo · Musik").
    if (find($(el), 'a[rel~="category"], a[rel~="tag"], a[rel~="author"]').length > 0 && cleanText($(el).text()).length < 200) return true;
    if (isDateLine($, el)) return true;
    if (/(^|[-_\s])(nav|navigation|pagination|post-link|post-links|prev|next|related|share|sharing)([-_\s]|$)/i.test(cls) && linkOnly(el)) return true;
    return false;
  };
  const spacer = (el: Element): boolean => el.name === 'br' || el.name === 'hr';
  const children = (): Element[] => (body[0] && 'children' in body[0] ? (body[0].children as AnyNode[]).filter((c): c is Element => c.type === 'tag') : []);
  let metaCut = false;
  for (const end of ['start', 'end'] as const) {
    const list = end === 'start' ? children() : children().reverse();
    for (const el of list) {
      if (!isMeta(el) && !spacer(el)) break;
      if (!spacer(el)) metaCut = true;
      $(el).remove();
    }
  }
  if (metaCut) cut.push('meta-line');
  return cut;
}
