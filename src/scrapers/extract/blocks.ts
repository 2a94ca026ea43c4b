/**
 * Text blocks and their fingerprints. A block is a paragraph-like element (p, li, headings, table cells,
 * captions…) or the loose text directly inside a div; its fingerprint is a 32-bit FNV-1a hash of its
 * whitespace-collapsed text. The same fingerprint on the pages of many different posts marks the site's
 * template (menus, sidebars, footers, share bars, "no comments yet"), whatever the theme calls it.
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { cleanText, textOf } from './text.ts';
import type { TemplateSet } from './template-probe.ts';
import { find } from './select.ts';

export const BLOCK_TAGS = 'p, li, h1, h2, h3, h4, h5, h6, dt, dd, blockquote, pre, td, th, figcaption, caption, address, small';
const LOOSE_TEXT_TAGS = 'div, span, section, aside, header, footer, article, main, nav, td, center, font, b, strong';

export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The text an element holds directly (its own text nodes, not its children's), collapsed. */
export function ownText(el: Element): string {
  let t = '';
  for (const c of el.children) if (c.type === 'text') t += ` ${(c as unknown as { data: string }).data}`;
  return cleanText(t);
}

/** Keys under which a block's text counts: its whole text, and for containers their loose text. */
export function blockKeys($: CheerioAPI, el: Element, asBlock: boolean): string[] {
  const out: string[] = [];
  if (asBlock) {
    const t = cleanText(textOf(el));
    if (t) out.push(`b:${t}`);
  }
  const own = ownText(el);
  if (own && !asBlock) out.push(`t:${own}`);
  return out;
}

/** Fingerprints of every text block of the page, each once. */
export function blockHashes($: CheerioAPI, scope?: Cheerio<AnyNode>): number[] {
  const root = scope ?? $.root();
  const seen = new Set<number>();
  for (const el of find(root, BLOCK_TAGS).toArray()) for (const k of blockKeys($, el, true)) seen.add(hashText(k));
  for (const el of find(root, LOOSE_TEXT_TAGS).toArray()) for (const k of blockKeys($, el, false)) seen.add(hashText(k));
  return [...seen];
}

/** True when the element is a block whose every key is in the template set. */
export function isTemplateBlock($: CheerioAPI, el: Element, template: TemplateSet, asBlock: boolean): boolean {
  const keys = blockKeys($, el, asBlock);
  return keys.length > 0 && keys.every((k) => template.has(hashText(k)));
}

export { LOOSE_TEXT_TAGS };
