/**
 * What an archived URL is (PageKind), for urls.json and for choosing a page reader. WordPress says it
 * itself in body_class() (`single postid-12`, `page page-id-3`, `category category-eu`, `paged`, `home
 * blog`, `search`, `attachment`, `error404`), so those classes win; the URL's shape decides where there is
 * no page to read (redirects, 404s, feeds, uploads, URLs only linked).
 */
import type { CheerioAPI } from 'cheerio';
import type { ArchivedResponse, PageKind } from '../types.ts';
import { bodyClasses } from './extract/text.ts';

/** The kind a URL's shape suggests, with no page to read. */
export function classifyUrl(url: string): PageKind {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'other';
  }
  const q = u.searchParams;
  if (q.has('p') || q.has('page_id') || q.has('attachment_id')) return q.has('attachment_id') ? 'attachment' : 'shortlink';
  if (q.has('s')) return 'search';
  if (q.has('feed')) return 'feed';
  const path = u.pathname;
  if (/\/wp-content\/uploads\/|\/files\/\d{4}\/|\/files\/.+\.\w{2,5}$/i.test(path)) return 'upload';
  if (/\.(jpe?g|png|gif|webp|svg|pdf|docx?|xlsx?|pptx?|mp[34]|zip)$/i.test(path)) return 'upload';
  if (/\/(feed|rss2?|atom|rdf)\/?$|\/feed\/(rss2?|atom|rdf)\/?$/i.test(path)) return 'feed';
  if (/\/page\/\d+\/?$/.test(path)) return 'pagination';
  if (/\/attachment\//.test(path)) return 'attachment';
  if (/\/category\//.test(path)) return 'category';
  if (/\/tag\//.test(path)) return 'tag';
  if (/\/author\//.test(path)) return 'author';
  if (/\/search\//.test(path)) return 'search';
  if (/\/\d{4}\/(\d{2}\/(\d{2}\/)?)?$/.test(path)) return 'date';
  if (path === '/' ) return 'home';
  return 'other';
}

function isFeedType(contentType: string): boolean {
  return /(rss|atom|rdf)\+xml|application\/xml|text\/xml/i.test(contentType);
}

/**
 * The kind of an archived response. `$` is the parsed page when it is HTML (null for redirects, feeds,
 * binaries). Redirects and errors keep the kind of their URL's shape: a `?p=ID` 301 is a shortlink.
 */
export function classifyPage(url: string, $: CheerioAPI | null, response: Pick<ArchivedResponse, 'status' | 'headers'>): PageKind {
  const shape = classifyUrl(url);
  const type = response.headers['content-type'] ?? '';
  if (response.status >= 300 || !$) {
    if (response.status < 300 && isFeedType(type)) return 'feed';
    if (response.status < 300 && type && !/html/i.test(type) && shape === 'other') return 'upload';
    return shape;
  }
  const c = bodyClasses($);
  if (c.size === 0) return shape;
  if (c.has('error404')) return shape;
  if (c.has('search') || c.has('search-results') || c.has('search-no-results')) return 'search';
  if (c.has('attachment')) return 'attachment';
  if (c.has('paged') && !c.has('single') && !c.has('page')) return 'pagination';
  if (c.has('single') || c.has('single-post') || [...c].some((x) => x.startsWith('postid-'))) return 'post';
  if (c.has('home') || c.has('blog')) return c.has('paged') ? 'pagination' : 'home';
  if (c.has('page') || [...c].some((x) => x.startsWith('page-id-'))) return 'page';
  if (c.has('category')) return 'category';
  if (c.has('tag')) return 'tag';
  if (c.has('author')) return 'author';
  if (c.has('date')) return 'date';
  if (c.has('archive')) return shape === 'other' ? 'category' : shape;
  return shape;
}
