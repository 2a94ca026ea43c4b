/**
 * A post body → Markdown (turndown + GFM tables) and its images. The theme's and the site's boilerplate is
 * removed first (see BOILERPLATE below, each with the reason); links and image sources are made absolute
 * so the Markdown stands on its own once the old site is gone.
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import TurndownService from 'turndown';
import { strikethrough } from '@joplin/turndown-plugin-gfm';
import type { ImageRef } from '../../types.ts';
import { absUrl, cleanText } from './text.ts';
import { splitCaption } from './captions.ts';
import { closestEl, find } from './select.ts';
import { escapeMarkdownText, isScriptUrl } from './markdown-escape.ts';

/**
 * Theme markup that is not the author's text. Sharing widgets (Jetpack `.sharedaddy`, AddToAny, plain
 * "Share"/"Dela" lines), related-post boxes, the "Continue reading" link, scripts and forms.
 */
const THEME_JUNK = [
  'script', 'style', 'noscript', 'form', 'button', 'iframe[src*="facebook"]',
  '.sharedaddy', '.sd-sharing-enabled', '.jp-relatedposts', '.addtoany_share_save_container', '.a2a_kit',
  '.share', '.shares', '.sharing', '.social-share', '.share-buttons', '.social', '.post-share',
  '.more-link', '.screen-reader-text', '.wp-block-buttons .share', '.entry-meta', '.entry-footer',
  '.navigation', '.post-navigation', '.nav-links', '#comments', '.comments-area',
].join(', ');

/**
 * Site boilerplate recognised by its words, because the site printed it as plain paragraphs:
 * - Näringsbloggen's closure notice ("Information: Näringsbloggen kommer att upphöra i januari 2018." and
 *   the next paragraph with the communications chief's e-mail): it heads every late page, is not the post.
 * - A line that only says "Share"/"Dela"/"Teilen"/"Del" (a share bar whose buttons were scripts).
 * Guest-post disclaimers ("Dagens gästbloggare …") are the author's content and are kept.
 */
export function stripBoilerplate($: CheerioAPI, scope: Cheerio<AnyNode>): string[] {
  const stripped: string[] = [];
  find(scope, THEME_JUNK).remove();
  for (const el of find(scope, 'p, div').toArray()) {
    const node = $(el);
    const text = cleanText(node.text());
    if (/^Information:\s*Näringsbloggen kommer att upphöra/i.test(text)) {
      const next = node.next();
      if (next.length > 0 && find(next, 'a[href^="mailto:"]').length > 0 && cleanText(next.text()).length < 300) next.remove();
      node.remove();
      stripped.push('closure-notice');
    } else if (/^(share|dela|teilen|del|share this:?|dela detta:?)$/i.test(text)) {
      node.remove();
      stripped.push('share-line');
    }
  }
  return stripped;
}

/** Images of the body with caption and credit split (`Namn. Foto: Källa` + `Bildrättigheter`). */
export function readImages($: CheerioAPI, scope: Cheerio<AnyNode>, pageUrl: string): ImageRef[] {
  const out: ImageRef[] = [];
  for (const el of find(scope, 'img').toArray()) {
    const img = $(el);
    const url = absUrl(img.attr('src') ?? img.attr('data-src'), pageUrl);
    if (!url) continue;
    const parts = splitCaption(captionText($, img));
    out.push({ url, alt: cleanText(img.attr('alt') ?? ''), caption: parts.caption, credit: parts.credit });
  }
  return out;
}

function captionText($: CheerioAPI, img: Cheerio<Element>): string {
  const figEl = closestEl(img[0]!, 'figure, .wp-caption, .gallery-item');
  if (!figEl) return '';
  const fig = img._make(figEl);
  const cap = find(fig, 'figcaption, .wp-caption-text, .wp-caption-dd, .gallery-caption').first();
  return cap.length > 0 ? cleanText(cap.text()) : '';
}

let service: TurndownService | null = null;

function cellText(content: string): string {
  return content.replace(/\n+/g, ' ').replace(/\|/g, '\\|').trim();
}

/**
 * GFM tables without column padding (`| a | b |` / `| --- | --- |`): padding depends on every cell's width,
 * so one changed cell would rewrite the whole table in a diff. The first row is the header, as in GFM.
 */
function addTableRules(td: TurndownService): void {
  td.addRule('tableCell', {
    filter: ['th', 'td'],
    replacement: (content) => ` ${cellText(content)} |`,
  });
  td.addRule('tableRow', {
    filter: 'tr',
    replacement: (content, node) => {
      const row = `|${content}\n`;
      const table = node.parentNode?.nodeName === 'TABLE' ? node.parentNode : node.parentNode?.parentNode;
      const first = table ? (table as HTMLElement).querySelector('tr') === node : false;
      if (!first) return row;
      const cells = (node as HTMLElement).querySelectorAll('th, td').length;
      return `${row}|${' --- |'.repeat(cells)}\n`;
    },
  });
  td.addRule('tableSection', { filter: ['thead', 'tbody', 'tfoot'], replacement: (content) => content });
  td.addRule('table', { filter: 'table', replacement: (content) => `\n\n${content.trim()}\n\n` });
}

/** One turndown service for the whole run: building it per post would cost more than converting. */
function turndown(): TurndownService {
  if (service) return service;
  const td = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '_', hr: '---' });
  td.use([strikethrough]);
  addTableRules(td);
  // `- item` and `1. item`: turndown's default pads markers to four columns, which no hand-written
  // Markdown does; nested content is indented to the marker's width.
  td.addRule('listItem', {
    filter: 'li',
    replacement: (content, node) => {
      const parent = node.parentNode as HTMLElement | null;
      let prefix = '- ';
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? '1') || 1;
        prefix = `${start + Array.prototype.indexOf.call(parent.children, node)}. `;
      }
      const body = content.replace(/^\n+/, '').replace(/\n+$/, '\n').replace(/\n(?!$)/gm, `\n${' '.repeat(prefix.length)}`);
      return `${prefix}${body.trimEnd()}${node.nextSibling ? '\n' : ''}`;
    },
  });
  // A captioned figure: the image, then the caption as its own paragraph (links kept, e.g. the
  // "Bildrättigheter" rights link), as an author would write it by hand.
  td.addRule('figure', {
    filter: (node) => node.nodeName === 'FIGURE' || (node.nodeName === 'DIV' && /\bwp-caption\b/.test(node.getAttribute('class') ?? '')),
    replacement: (_content, node) => {
      const el = node as HTMLElement;
      const img = el.querySelector('img');
      const cap = el.querySelector('figcaption, .wp-caption-text, .wp-caption-dd');
      const src = img?.getAttribute('src') ?? '';
      const alt = cleanText(img?.getAttribute('alt') ?? '');
      const image = src ? `![${escapeAlt(alt)}](${src})` : '';
      const caption = cap ? td.turndown(cap.innerHTML).replace(/\s*\n+\s*/g, ' ').trim() : '';
      return `\n\n${[image, caption].filter(Boolean).join('\n\n')}\n\n`;
    },
  });
  td.remove(['script', 'style', 'noscript']);
  // Text stays text: see markdown-escape.ts for what is escaped and why.
  td.escape = escapeMarkdownText;
  service = td;
  return td;
}

function escapeAlt(s: string): string {
  return s.replace(/([\[\]\\])/g, '\\$1');
}

/** An href/src made absolute but otherwise spelled as the page wrote it (escapes keep their case). */
function asWritten(href: string | undefined, pageUrl: string): string | null {
  const h = href?.trim();
  if (!h || /^(mailto|javascript|tel|data):/i.test(h)) return null;
  try {
    return new URL(h, pageUrl).href;
  } catch {
    return null;
  }
}

/**
 * The body as Markdown. Links and images are made absolute, so the Markdown stands without the old
 * site, but keep the page's spelling otherwise: the reader's text should show the link it saw.
 */
export function toMarkdown($: CheerioAPI, scope: Cheerio<AnyNode>, pageUrl: string): string {
  for (const el of find(scope, 'a[href]').toArray()) {
    const a = $(el);
    // Judged before resolving: the URL parser would turn `JaVa&#9;Script:` into a clean `javascript:`.
    if (isScriptUrl(a.attr('href') ?? '')) { a.removeAttr('href'); continue; } // a script link keeps only its text
    const abs = asWritten(a.attr('href'), pageUrl);
    if (abs) a.attr('href', abs);
  }
  for (const el of find(scope, 'img[src], img[data-src]').toArray()) {
    const img = $(el);
    const abs = asWritten(img.attr('src') ?? img.attr('data-src'), pageUrl);
    if (abs) img.attr('src', abs);
  }
  const html = scope.html() ?? '';
  return turndown().turndown(html).replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
}
