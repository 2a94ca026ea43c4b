/**
 * Text blocks and their fingerprints. A block is a paragraph-like element (p, li, headings, table cells,
 * captions…) or the loose text directly inside a div; its fingerprint is a 32-bit FNV-1a hash of its
 * whitespace-collapsed text. The same fingerprint on the pages of many different posts marks the site's
 * template (menus, sidebars, footers, share bars, "no comments yet"), whatever the theme calls it.
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { hasChildren } from 'domhandler';
import { isSpaceUnit } from './text.ts';
import type { TemplateSet } from './template-probe.ts';

export const BLOCK_TAGS = 'p, li, h1, h2, h3, h4, h5, h6, dt, dd, blockquote, pre, td, th, figcaption, caption, address, small';
const LOOSE_TEXT_TAGS = 'div, span, section, aside, header, footer, article, main, nav, td, center, font, b, strong';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function hashText(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/**
 * hashText of a prefix and then cleanText of the text fed in, without making either string: a page's
 * blocks are fingerprinted on every page of the site, and building each block's text was a tenth of
 * extract's time. `feed` takes text in pieces; `hash()` is null when no text but whitespace came.
 */
class CleanHash {
  private h: number;
  private started = false;
  private gap = false;

  constructor(prefix: string) {
    this.h = hashText(prefix); // FNV-1a goes on from the prefix's hash (imul and ^ read it as 32 bits)
  }

  feed(s: string): void {
    let h = this.h;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (isSpaceUnit(c)) {
        this.gap = this.started;
        continue;
      }
      if (this.gap) h = Math.imul(h ^ 32, FNV_PRIME);
      this.gap = false;
      this.started = true;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    this.h = h;
  }

  /** A break between pieces that counts as whitespace. */
  space(): void {
    this.gap = this.started;
  }

  hash(): number | null {
    return this.started ? this.h >>> 0 : null;
  }
}

/** Feeds the text of every text node under `node`, in document order (domutils' textContent). */
function feedText(node: AnyNode, into: CleanHash): void {
  if (node.type === 'text') into.feed((node as unknown as { data: string }).data);
  else if (hasChildren(node)) for (const c of node.children) feedText(c, into);
}

/**
 * The one fingerprint a block counts under: as a block (`asBlock`), `b:` and its whole text collapsed;
 * otherwise `t:` and its loose text (its own text nodes, not its children's). Null when that text is empty.
 */
export function blockKeyHash(el: Element, asBlock: boolean): number | null {
  const into = new CleanHash(asBlock ? 'b:' : 't:');
  if (asBlock) feedText(el, into);
  else {
    for (const c of el.children) {
      if (c.type !== 'text') continue;
      into.space();
      into.feed((c as unknown as { data: string }).data);
    }
  }
  return into.hash();
}

const BLOCK_TAG_NAMES: ReadonlySet<string> = new Set(BLOCK_TAGS.split(', '));
const LOOSE_TEXT_TAG_NAMES: ReadonlySet<string> = new Set(LOOSE_TEXT_TAGS.split(', '));

/** The element is one of BLOCK_TAGS (a plain list of tag names: a set look-up rather than a selector). */
export function isBlockTag(el: Element): boolean {
  return el.type === 'tag' && BLOCK_TAG_NAMES.has(el.name);
}

/** The element is one of LOOSE_TEXT_TAGS. */
export function isLooseTextTag(el: Element): boolean {
  return el.type === 'tag' && LOOSE_TEXT_TAG_NAMES.has(el.name);
}

/** Elements under `nodes` in document order, into the blocks and the loose-text containers (pages are depth-capped). */
function sortBlocks(nodes: readonly AnyNode[], blocks: Element[], loose: Element[]): void {
  for (const n of nodes) {
    if (n.type === 'tag') {
      if (isBlockTag(n as Element)) blocks.push(n as Element);
      if (isLooseTextTag(n as Element)) loose.push(n as Element);
    }
    if (hasChildren(n) && n.children.length > 0) sortBlocks(n.children, blocks, loose);
  }
}

/** Fingerprints of every text block of the page, each once: the blocks' first, then the loose texts', each in document order. */
export function blockHashes($: CheerioAPI, scope?: Cheerio<AnyNode>): number[] {
  const blocks: Element[] = [];
  const loose: Element[] = [];
  for (const r of (scope ?? $.root()).toArray()) if (hasChildren(r)) sortBlocks(r.children, blocks, loose);
  const seen = new Set<number>();
  for (const el of blocks) {
    const h = blockKeyHash(el, true);
    if (h !== null) seen.add(h);
  }
  for (const el of loose) {
    const h = blockKeyHash(el, false);
    if (h !== null) seen.add(h);
  }
  return [...seen];
}

/** True when the element is a block whose fingerprint is in the template set. */
export function isTemplateBlock(el: Element, template: TemplateSet, asBlock: boolean): boolean {
  const h = blockKeyHash(el, asBlock);
  return h !== null && template.has(h);
}

export { LOOSE_TEXT_TAGS };
