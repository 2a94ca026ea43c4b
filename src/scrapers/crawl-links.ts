/**
 * Link discovery without a DOM: htmlparser2's streaming Parser (about 3x faster than building a cheerio
 * document; the crawler reads every page, the extractor only the ones it needs). Only what the site links:
 * `<a href>`, `<link rel=next|prev|alternate|canonical|shortlink>`, `<base href>`; in feeds the item and
 * channel links; in sitemaps every `<loc>`. With `assets`, also the images, scripts, styles and media a page uses.
 */
import { Parser, Tokenizer } from 'htmlparser2';
import { headerValue, type FetchedResponse } from './fetch.ts';

/** Files, not pages: fetched only with --assets. */
export const ASSET_EXT = /\.(jpe?g|png|gif|webp|svg|ico|bmp|tiff?|pdf|zip|gz|rar|7z|mp3|mp4|m4a|mov|avi|wav|ogg|webm|docx?|xlsx?|pptx?|odt|ods|css|js|woff2?|ttf|eot)$/i;


export type LinkKind = 'page' | 'asset' | 'sitemap';

export interface FoundLink {
  /** The href as written (resolved later against the base URL). */
  href: string;
  kind: LinkKind;
}

const PAGE_RELS = new Set(['next', 'prev', 'previous', 'alternate', 'canonical', 'shortlink']);
const ASSET_RELS = new Set(['icon', 'shortcut', 'apple-touch-icon', 'stylesheet', 'preload', 'image_src']);

function srcsetUrls(srcset: string): string[] {
  // "a.jpg 300w, b.jpg 2x": each candidate is a URL followed by an optional descriptor.
  return srcset.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

/**
 * Start tags with their attributes, from htmlparser2's Tokenizer alone. Its Parser keeps a stack of open
 * elements that it grows with Array.unshift (and searches on every close tag), which is quadratic on deep
 * nesting: one 3.3 MB page of nested elements took 66 s. Link discovery needs no tree, so no stack:
 * linear in the page whatever its depth. The Tokenizer still knows <script>/<style> and decodes entities.
 */
function eachStartTag(html: string, onTag: (name: string, attrs: Record<string, string>) => void): void {
  let name = '';
  let attrs: Record<string, string> = {};
  let attrName = '';
  let attrValue = '';
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, {
    onopentagname(start, end) { name = html.slice(start, end).toLowerCase(); attrs = {}; },
    onattribname(start, end) { attrName = html.slice(start, end).toLowerCase(); attrValue = ''; },
    onattribdata(start, end) { attrValue += html.slice(start, end); },
    onattribentity(cp) { attrValue += String.fromCodePoint(cp); },
    onattribend() { if (!(attrName in attrs)) attrs[attrName] = attrValue; },
    onopentagend() { onTag(name, attrs); },
    onselfclosingtag() { onTag(name, attrs); },
    oncdata() {}, onclosetag() {}, oncomment() {}, ondeclaration() {}, onend() {},
    onprocessinginstruction() {}, ontext() {}, ontextentity() {},
  });
  tokenizer.write(html);
  tokenizer.end();
}

/** Links in an HTML page, plus the `<base href>` that applies to all of them (first one wins, per HTML). */
export function findHtmlLinks(html: string, assets: boolean): { base: string | null; links: FoundLink[] } {
  const links: FoundLink[] = [];
  let base: string | null = null;
  eachStartTag(html, (name, a) => {
      switch (name) {
        case 'a':
        case 'area':
          if (a.href) links.push({ href: a.href, kind: 'page' });
          break;
        case 'base':
          if (a.href && base === null) base = a.href;
          break;
        case 'link': {
          if (!a.href) break;
          const rels = (a.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean);
          if (rels.some((r) => PAGE_RELS.has(r))) links.push({ href: a.href, kind: 'page' });
          else if (assets && rels.some((r) => ASSET_RELS.has(r))) links.push({ href: a.href, kind: 'asset' });
          break;
        }
        case 'img':
        case 'source':
        case 'script':
        case 'video':
        case 'audio':
        case 'embed':
        case 'iframe':
          if (!assets) break;
          if (a.src) links.push({ href: a.src, kind: 'asset' });
          if (a.srcset) for (const u of srcsetUrls(a.srcset)) links.push({ href: u, kind: 'asset' });
          if (a.poster) links.push({ href: a.poster, kind: 'asset' });
          break;
        default:
          break;
      }
  });
  return { base, links };
}

/** What an XML document is, judged by its root element. */
export type XmlKind = 'sitemap' | 'sitemapindex' | 'feed' | 'other';

/**
 * Links in an RSS/Atom feed or a sitemap. Feeds: `<link>` text (RSS), `<link href>` (Atom), `<comments>`,
 * `<guid>` when it is a URL (WordPress guids are the `?p=ID` shortlinks, which answer with a redirect worth
 * recording), and the links inside `<content:encoded>` (the post bodies as HTML).
 * Sitemaps: every `<loc>`; in a sitemap index they are sitemaps themselves.
 */
export function findXmlLinks(xml: string, assets = false): { kind: XmlKind; links: FoundLink[] } {
  const links: FoundLink[] = [];
  let root: string | null = null;
  let capture: string | null = null;
  let text = '';
  const parser = new Parser({
    onopentag(name, a) {
      const n = name.toLowerCase();
      if (root === null) root = n;
      if (n === 'link' && a.href) {
        const rel = (a.rel ?? 'alternate').toLowerCase();
        if (rel === 'alternate' || rel === 'next' || rel === 'previous' || rel === 'prev' || rel === 'replies') links.push({ href: a.href, kind: 'page' });
        return;
      }
      if (n === 'link' || n === 'comments' || n === 'guid' || n === 'loc' || n === 'content:encoded') {
        capture = n;
        text = '';
      }
    },
    ontext(t) {
      if (capture) text += t;
    },
    onclosetag(name) {
      const n = name.toLowerCase();
      if (capture !== n) return;
      capture = null;
      const href = text.trim();
      if (!href) return;
      if (n === 'loc') links.push({ href, kind: root === 'sitemapindex' ? 'sitemap' : 'page' });
      else if (n === 'content:encoded') links.push(...findHtmlLinks(href, assets).links);
      else if (/^https?:/i.test(href)) links.push({ href, kind: 'page' });
    },
  }, { xmlMode: true, decodeEntities: true });
  parser.end(xml);
  const r = (root ?? '') as string;
  const kind: XmlKind = r === 'urlset' ? 'sitemap' : r === 'sitemapindex' ? 'sitemapindex' : r === 'rss' || r === 'feed' || r === 'rdf:rdf' ? 'feed' : 'other';
  return { kind, links };
}

/** Whether a body should be read as HTML, as XML (feeds, sitemaps), or not at all. */
export function bodyFormat(contentType: string | undefined, body: Buffer): 'html' | 'xml' | null {
  const ct = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (ct === 'text/html' || ct === 'application/xhtml+xml') return 'html';
  if (ct.endsWith('/xml') || ct.endsWith('+xml')) return 'xml';
  if (ct === '' || ct === 'text/plain' || ct === 'application/octet-stream') {
    const head = body.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
    if (head.startsWith('<?xml') || head.startsWith('<rss') || head.startsWith('<urlset') || head.startsWith('<sitemapindex')) return 'xml';
    if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  }
  return null;
}

/** The kind a capture is counted under in crawl-summary.json. */
export function captureKind(res: FetchedResponse, namedAsSitemap: boolean): string {
  if (res.status >= 300 && res.status < 400) return 'redirect';
  if (new URL(res.url).pathname === '/robots.txt') return 'robots';
  const fmt = bodyFormat(headerValue(res.headers, 'content-type'), res.body);
  if (fmt === 'html') return 'html';
  if (fmt === 'xml') return namedAsSitemap || /<(urlset|sitemapindex)\b/.test(res.body.subarray(0, 1024).toString('latin1')) ? 'sitemap' : 'feed';
  return ASSET_EXT.test(new URL(res.url).pathname) || /^(image|audio|video|font)\//.test(headerValue(res.headers, 'content-type') ?? '') ? 'asset' : 'other';
}
