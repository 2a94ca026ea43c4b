/**
 * RSS 2.0 and Atom feeds → FeedItem[]. WordPress feeds carry what listings show and a little more: the
 * `?p=ID` guid (isPermaLink="false"), `slash:comments`, `dc:creator`, categories by name, and the
 * automatic excerpt with ` [&#8230;]` as `description`.
 */
import { XMLParser } from 'fast-xml-parser';
import { load } from 'cheerio';
import type { FeedItem } from './types.ts';
import { cleanText } from './text.ts';
import { normalizeUrl } from '../../url.ts';
import { parseIsoDate, parseRfc822 } from './dates.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
  trimValues: true,
  isArray: (name) => ['item', 'entry', 'category', 'link'].includes(name),
});

type Node = Record<string, unknown>;

function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (typeof v === 'object' && '#text' in (v as Node)) return String((v as Node)['#text']);
  return null;
}

/** Feed descriptions are HTML-escaped HTML: turn them into the text a reader saw. */
function htmlToText(s: string | null): string | null {
  if (!s) return null;
  const $ = load(s, { xml: { xmlMode: false, decodeEntities: true } });
  $('p, br, div, li').after(' ');
  const t = cleanText($.root().text());
  return t ? t.replace(/\s+\[…\]$/, ' […]') : null;
}

/** True when the text looks like an RSS or Atom document. */
export function looksLikeFeed(body: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:RDF)\b/i.test(body);
}

/**
 * Reads one feed. Items whose link is missing or not http(s), and comment-feed items, are skipped.
 * Returns null when the text is not an RSS 2.0 or Atom document at all.
 */
export function extractFeed(xml: string, feedUrl: string): FeedItem[] | null {
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch {
    return null;
  }
  if (!doc.rss && !doc.feed) return null;
  const out: FeedItem[] = [];
  const rss = (doc.rss as Node | undefined)?.channel as Node | undefined;
  for (const it of ((rss?.item as Node[] | undefined) ?? [])) {
    const raw = text((it.link as unknown[] | undefined)?.[0]) ?? '';
    // A post's comment feed lists comments (`…/post/#comment-12`): they are not posts.
    if (/#comment/.test(raw)) continue;
    const link = normalizeUrl(raw, feedUrl);
    if (!link) continue;
    const guid = text(it.guid);
    const count = text(it['slash:comments']);
    out.push({
      url: link,
      guid: guid && /[?&]p=\d+/.test(guid) ? normalizeUrl(guid, feedUrl) : null,
      title: text(it.title) ? cleanText(text(it.title)!) : null,
      excerpt: htmlToText(text(it.description)),
      categories: ((it.category as unknown[] | undefined) ?? []).map((c) => cleanText(text(c) ?? '')).filter(Boolean),
      published: text(it.pubDate) ? parseRfc822(text(it.pubDate)!) : null,
      author: text(it['dc:creator']) ? cleanText(text(it['dc:creator'])!) : null,
      commentCount: count !== null && /^\d+$/.test(count) ? Number(count) : null,
    });
  }
  const atom = doc.feed as Node | undefined;
  for (const e of ((atom?.entry as Node[] | undefined) ?? [])) {
    const links = (e.link as Node[] | undefined) ?? [];
    const alt = links.find((l) => (l['@rel'] ?? 'alternate') === 'alternate');
    const rawHref = String(alt?.['@href'] ?? '');
    if (/#comment/.test(rawHref)) continue;
    const link = normalizeUrl(rawHref, feedUrl);
    if (!link) continue;
    const replies = links.find((l) => l['@rel'] === 'replies');
    const count = replies?.['@thr:count'];
    const id = text(e.id);
    out.push({
      url: link,
      guid: id && /[?&]p=\d+/.test(id) ? normalizeUrl(id, feedUrl) : null,
      title: text(e.title) ? cleanText(text(e.title)!) : null,
      excerpt: htmlToText(text(e.summary)),
      categories: ((e.category as Node[] | undefined) ?? []).map((c) => cleanText(String(c['@term'] ?? ''))).filter(Boolean),
      published: text(e.published) ? parseIsoDate(text(e.published)!) : null,
      author: text((e.author as Node | undefined)?.name) ? cleanText(text((e.author as Node).name)!) : null,
      commentCount: count !== undefined && /^\d+$/.test(String(count)) ? Number(count) : null,
    });
  }
  return out;
}
