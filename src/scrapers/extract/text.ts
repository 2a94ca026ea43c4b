/**
 * Small text and URL helpers every page reader shares. Text always comes from the parsed DOM (never from
 * regular expressions over HTML), so markup inside HTML comments is never read: htmlparser2 keeps comments
 * as comment nodes and cheerio's text() skips them.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { normalizeUrl } from '../../url.ts';
import { find } from './select.ts';

/** A value and the rule that produced it; the rule string goes to the record's provenance. */
export interface Found<T> {
  value: T;
  rule: string;
}

/** Collapses runs of whitespace (including no-break spaces) and trims. */
export function cleanText(s: string): string {
  return s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/**
 * Visible text of an element: screen-reader-only spans are left out, because WordPress themes put the post
 * title inside them (`Leave a comment<span class="screen-reader-text"> on Title</span>`), which would
 * otherwise leak numbers and words of the title into counts and names.
 */
export function visibleText($el: Cheerio<AnyNode>): string {
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
  return normalizeUrl(h, pageUrl);
}

/** Tries CSS selectors in order inside `scope` and returns the first that matches, with its selector. */
export function firstMatch($: CheerioAPI, scope: Cheerio<AnyNode> | null, selectors: readonly string[]): Found<Cheerio<Element>> | null {
  for (const sel of selectors) {
    const hit = scope ? find(scope, sel) : $(sel);
    if (hit.length > 0) return { value: hit.first() as Cheerio<Element>, rule: sel };
  }
  return null;
}

/** The `<meta name|property=…>` content of a page, cleaned, or null. */
export function metaContent($: CheerioAPI, key: string): string | null {
  const v = $(`meta[property="${key}"], meta[name="${key}"]`).first().attr('content');
  const t = v === undefined ? '' : cleanText(v);
  return t || null;
}

/** The body element's classes (WordPress body_class()), as a set. */
export function bodyClasses($: CheerioAPI): Set<string> {
  return new Set(($('body').attr('class') ?? '').split(/\s+/).filter(Boolean));
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
