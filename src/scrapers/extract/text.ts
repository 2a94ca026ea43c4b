/**
 * Small text and URL helpers every page reader shares. Text always comes from the parsed DOM (never from
 * regular expressions over HTML), so markup inside HTML comments is never read: htmlparser2 keeps comments
 * as comment nodes and cheerio's text() skips them.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { hasChildren } from 'domhandler';
import { siteUrl } from '../../url.ts';
import { find, matches } from './select.ts';

/** A value and the rule that produced it; the rule string goes to the record's provenance. */
export interface Found<T> {
  value: T;
  rule: string;
}

/** Collapses runs of whitespace (including no-break spaces) and trims. */
export function cleanText(s: string): string {
  return s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** True for a UTF-16 unit that cleanText collapses: JavaScript's `\s`, and U+200B. */
export function isSpaceUnit(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `cleanText(s).length`, without making the string (asked of every text node of a page). */
export function cleanLength(s: string): number {
  let n = 0;
  let gap = false;
  for (let i = 0; i < s.length; i++) {
    if (isSpaceUnit(s.charCodeAt(i))) gap = n > 0;
    else {
      if (gap) n++;
      gap = false;
      n++;
    }
  }
  return n;
}

/**
 * The text of a node and its descendants, as cheerio's `.text()` gives it (domutils' textContent: text
 * nodes in document order, comments left out), without making a cheerio object per element asked about.
 * Iterative: deep pages exist.
 */
export function textOf(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (!hasChildren(node)) return '';
  let out = '';
  const stack: AnyNode[] = [];
  for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') out += (n as unknown as { data: string }).data;
    else if (hasChildren(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/**
 * Visible text of an element: screen-reader-only spans are left out, because WordPress themes put the post
 * title inside them (`Leave a comment<span class="screen-reader-text"> on Title</span>`), which would
 * otherwise leak numbers and words of the title into counts and names.
 */
export function visibleText($el: Cheerio<AnyNode>): string {
  // Most elements read here (links, headings) hold only text: no hidden parts to look for.
  const nodes = $el.toArray();
  if (nodes.every((n) => !hasChildren(n) || n.children.every((c) => c.type === 'text'))) return cleanText($el.text());
  if (find($el, '.screen-reader-text, .sr-only, .visually-hidden, script, style').length === 0) return cleanText($el.text());
  const clone = $el.clone();
  find(clone, '.screen-reader-text, .sr-only, .visually-hidden, script, style').remove();
  return cleanText(clone.text());
}

/** An absolute, normalised URL for an href/src on a page, or null when it is not an http(s) link. */
export function absUrl(href: string | undefined, pageUrl: string): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h || h.startsWith('#') || /^(mailto|javascript|tel|data):/i.test(h)) return null;
  return siteUrl(h, pageUrl);
}

/**
 * Tries CSS selectors in order inside `scope` and returns the first that matches, with its selector.
 * One traversal with the selectors combined, then the priority order is applied to the (few) hits.
 */
export function firstMatch($: CheerioAPI, scope: Cheerio<AnyNode> | null, selectors: readonly string[]): Found<Cheerio<Element>> | null {
  const root = scope ?? $.root();
  const hits = find(root, selectors.join(', ')).toArray();
  if (hits.length === 0) return null;
  for (const sel of selectors) {
    for (const el of hits) if (matches(el, sel)) return { value: root._make<Element>(el), rule: sel };
  }
  return null;
}

function childTags(parent: AnyNode, name: string): Element[] {
  return hasChildren(parent) ? parent.children.filter((c): c is Element => c.type === 'tag' && (c as Element).name === name) : [];
}

/** `html > head > meta[content], html > head > link[rel][href]`, then `html > body`, in document order. */
function quickHead(html: Element): Element[] {
  const out: Element[] = [];
  for (const c of html.children) {
    if (c.type !== 'tag') continue;
    const e = c as Element;
    if (e.name === 'body') out.push(e);
    else if (e.name === 'head') {
      for (const m of childTags(e, 'meta')) if (m.attribs.content !== undefined) out.push(m);
      for (const l of childTags(e, 'link')) if (l.attribs.rel !== undefined && l.attribs.href !== undefined) out.push(l);
    }
  }
  return out;
}

interface HeadIndex {
  meta: Map<string, string>;
  links: Map<string, string>;
  bodyClasses: Set<string>;
}

const heads = new WeakMap<CheerioAPI, HeadIndex>();

/**
 * The page's `<meta>` contents, `<link rel>` hrefs and body classes, collected in one pass and kept for
 * the page's lifetime: several readers ask for them, and each global look-up would walk the whole page.
 */
function headIndex($: CheerioAPI): HeadIndex {
  let h = heads.get($);
  if (h) return h;
  h = { meta: new Map(), links: new Map(), bodyClasses: new Set() };
  // Usually <html> holds <head> (meta, link) and <body>: read those children directly rather than walk
  // the whole page; pages with meta or link tags elsewhere are walked in full.
  // Parent pointers and attributes directly: cheerio's children(selector) compiled its selector per page.
  const html = childTags($.root()[0]!, 'html');
  const quick = html.length === 1 ? quickHead(html[0]!) : null;
  const els = quick && quick.length > 0 ? quick : find($.root(), 'meta[content], link[rel][href], body').toArray();
  for (const el of els) {
    const a = el.attribs;
    if (el.name === 'meta') {
      const key = a.property ?? a.name ?? a.itemprop;
      if (key && !h.meta.has(key)) h.meta.set(key, a.content ?? '');
    } else if (el.name === 'link') {
      for (const rel of (a.rel ?? '').toLowerCase().split(/\s+/)) if (rel && !h.links.has(rel)) h.links.set(rel, a.href ?? '');
    } else if (el.name === 'body') {
      for (const c of (a.class ?? '').split(/\s+/)) if (c) h.bodyClasses.add(c);
    }
  }
  heads.set($, h);
  return h;
}

/** The `<meta name|property=…>` content of a page, cleaned, or null. */
export function metaContent($: CheerioAPI, key: string): string | null {
  const v = headIndex($).meta.get(key);
  const t = v === undefined ? '' : cleanText(v);
  return t || null;
}

/** The href of the page's first `<link rel="…">` with that rel (lower-case), or undefined. */
export function linkHref($: CheerioAPI, rel: string): string | undefined {
  return headIndex($).links.get(rel.toLowerCase());
}

/** The body element's classes (WordPress body_class()), as a set. */
export function bodyClasses($: CheerioAPI): Set<string> {
  return headIndex($).bodyClasses;
}

/** The numeric id from `postid-12`, `page-id-12` or `post-12` classes/ids, or null. */
export function idFromClass(classes: Iterable<string>, prefix: string): string | null {
  for (const c of classes) {
    if (c.startsWith(prefix)) {
      const rest = c.slice(prefix.length);
      if (/^\d+$/.test(rest)) return rest;
    }
  }
  return null;
}
