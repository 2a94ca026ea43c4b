/**
 * RSS 2.0 and Atom feeds → FeedItem[]. WordPress feeds carry what listings show and a little more: the
 * `?p=ID` guid (isPermaLink="false"), `slash:comments`, `dc:creator`, categories by name, and the
 * automatic excerpt with ` [&#8230;]` as `description`.
 */
import { XMLParser } from 'fast-xml-parser';
import { load } from 'cheerio';
import type { FeedItem } from './types.ts';
import type { CommentRecord } from '../../types.ts';
import { cleanText } from './text.ts';
import { siteUrl } from '../../url.ts';
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
  return readFeed(xml, feedUrl)?.items ?? null;
}

/** What a feed says of itself: a post's comment feed names the post's permalink and title. */
export interface FeedChannel {
  /** The channel's link, when the feed is one post's comment feed (WordPress: `<permalink>/feed/`). */
  commentsOf: string | null;
  /** The post's title from the channel title (`Comments on: X`, `Kommentare zu: X`). */
  commentsTitle: string | null;
  /** Items of the feed (comments, for a comment feed). */
  itemCount: number;
  /** A comment feed's comments (no threading: RSS does not carry the parent). */
  comments: CommentRecord[];
}

/** Reads one feed: its post items, and what its channel says. Null when it is not RSS 2.0 or Atom. */
export function readFeed(xml: string, feedUrl: string): { items: FeedItem[]; channel: FeedChannel } | null {
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch {
    return null;
  }
  if (!doc.rss && !doc.feed) return null;
  const out: FeedItem[] = [];
  const rss = (doc.rss as Node | undefined)?.channel as Node | undefined;
  const channel = readChannel(rss, feedUrl);
  for (const it of ((rss?.item as Node[] | undefined) ?? [])) {
    const raw = text((it.link as unknown[] | undefined)?.[0]) ?? '';
    // A post's comment feed lists comments (`…/post/#comment-12`): they are not posts.
    if (/#comment/.test(raw)) continue;
    const link = siteUrl(raw, feedUrl);
    if (!link) continue;
    const guid = text(it.guid);
    const count = text(it['slash:comments']);
    out.push({
      url: link,
      guid: guid && /[?&]p=\d+/.test(guid) ? siteUrl(guid, feedUrl) : null,
      title: text(it.title) ? cleanText(text(it.title)!) : null,
      excerpt: htmlToText(text(it.description)),
      categories: ((it.category as unknown[] | undefined) ?? []).map((c) => cleanText(text(c) ?? '')).filter(Boolean),
      published: text(it.pubDate) ? parseRfc822(text(it.pubDate)!) : null,
      author: text(it['dc:creator']) ? cleanText(text(it['dc:creator'])!) : null,
      commentCount: count !== null && /^\d+$/.test(count) ? Number(count) : null,
      content: text(it['content:encoded']),
    });
  }
  const atom = doc.feed as Node | undefined;
  for (const e of ((atom?.entry as Node[] | undefined) ?? [])) {
    const links = (e.link as Node[] | undefined) ?? [];
    const alt = links.find((l) => (l['@rel'] ?? 'alternate') === 'alternate');
    const rawHref = String(alt?.['@href'] ?? '');
    if (/#comment/.test(rawHref)) continue;
    const link = siteUrl(rawHref, feedUrl);
    if (!link) continue;
    const replies = links.find((l) => l['@rel'] === 'replies');
    const count = replies?.['@thr:count'];
    const id = text(e.id);
    out.push({
      url: link,
      guid: id && /[?&]p=\d+/.test(id) ? siteUrl(id, feedUrl) : null,
      title: text(e.title) ? cleanText(text(e.title)!) : null,
      excerpt: htmlToText(text(e.summary)),
      categories: ((e.category as Node[] | undefined) ?? []).map((c) => cleanText(String(c['@term'] ?? ''))).filter(Boolean),
      published: text(e.published) ? parseIsoDate(text(e.published)!) : null,
      author: text((e.author as Node | undefined)?.name) ? cleanText(text((e.author as Node).name)!) : null,
      commentCount: count !== undefined && /^\d+$/.test(String(count)) ? Number(count) : null,
      content: text(e.content),
    });
  }
  return { items: out, channel };
}

/** `Comments on: X` in WordPress's translations (the prefix before the colon). */
const COMMENTS_OF = /^[^:]*(comment|kommentar|reacties|reactie|commentaires|comentarios|comentários|commenti|kommentit|komentarze|コメント|评论|評論|留言)[^:]*:/i;

/**
 * A channel whose link is a post and whose feed URL is that link plus `feed/` is the post's comment feed
 * (WordPress's `get_post_comments_feed_link()`); its title is the post's, after a translated prefix.
 */
function readChannel(rss: Node | undefined, feedUrl: string): FeedChannel {
  const items = (rss?.item as Node[] | undefined) ?? [];
  const none: FeedChannel = { commentsOf: null, commentsTitle: null, itemCount: items.length, comments: [] };
  const link = siteUrl(text((rss?.link as unknown[] | undefined)?.[0]) ?? '', feedUrl);
  const feed = siteUrl(feedUrl);
  if (!link || !feed || new URL(link).pathname === '/') return none;
  const base = link.endsWith('/') ? link : `${link}/`;
  const title = text(rss?.title);
  if (items.length > 0 && !items.every((i) => /#comment/.test(text((i.link as unknown[] | undefined)?.[0]) ?? ''))) return none;
  // No items: only the channel's title tells a post's comment feed from a blog's empty feed.
  if (items.length === 0 && (feed !== `${base}feed/` || !COMMENTS_OF.test(title ?? ''))) return none;
  const m = title === null ? null : /^[^:]{1,40}:\s*([\s\S]*)$/.exec(title);
  const comments = items.flatMap((i): CommentRecord[] => {
    const id = /#comment-(\d+)/.exec(text((i.link as unknown[] | undefined)?.[0]) ?? '')?.[1];
    if (!id) return [];
    const date = text(i.pubDate);
    return [{ id, author: cleanText(text(i['dc:creator']) ?? ''), published: date ? parseRfc822(date) : null, text: htmlToText(text(i['content:encoded']) ?? text(i.description)) ?? '', parentId: null }];
  }).sort((a, b) => Number(a.id) - Number(b.id));
  return { commentsOf: link, commentsTitle: m ? cleanText(m[1]!) : null, itemCount: items.length, comments };
}
