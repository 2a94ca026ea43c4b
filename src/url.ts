/**
 * URL normalisation, slugs and percent-encoding, shared by scrapers and exporters alike.
 * One URL has one spelling here: every stage compares URLs only after normalizeUrl().
 */

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * Re-spells the percent-escapes of a path or query: hex upper-cased (`%e2` → `%E2`, as RFC 3986 §6.2.2.1
 * prefers and browsers send), unreserved characters decoded (`%41` → `A`), raw non-ASCII and spaces
 * encoded as UTF-8. A stray `%` that starts no escape is encoded as `%25`.
 */
export function normalizePercentEncoding(part: string): string {
  let out = '';
  for (let i = 0; i < part.length; i++) {
    const ch = part[i]!;
    if (ch === '%') {
      const hex = part.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        const decoded = String.fromCharCode(parseInt(hex, 16));
        out += UNRESERVED.test(decoded) ? decoded : `%${hex.toUpperCase()}`;
        i += 2;
      } else {
        out += '%25';
      }
      continue;
    }
    const code = ch.charCodeAt(0);
    if (code <= 0x20 || code >= 0x7f || ch === '"' || ch === '<' || ch === '>' || ch === '`' || ch === '{' || ch === '}' || ch === '|' || ch === '\\' || ch === '^') {
      // encodeURIComponent handles surrogate pairs when given the whole code point
      const cp = part.codePointAt(i)!;
      const s = String.fromCodePoint(cp);
      out += encodeURIComponent(s);
      i += s.length - 1;
      continue;
    }
    out += ch;
  }
  return out;
}

/**
 * Parameters that never change the page: WordPress's reply links and session ids; tracking tags go too.
 * The crawl drops them before fetching, and the browsable copy drops them to find the page a link means.
 */
export const DROPPED_PARAMS: readonly string[] = ['replytocom', 'phpsessid', 'sid', 'sessionid', 'jsessionid', 'aspsessionid', 'session_id', 'fbclid', 'gclid'];

export interface NormalizeOptions {
  /** Query parameters to drop because they only multiply one page (e.g. `replytocom`, session ids). */
  dropParams?: readonly string[];
}

/**
 * The one canonical spelling of a URL: lower-case scheme and host, default port dropped, fragment dropped,
 * dot segments resolved, percent-encoding normalised (see normalizePercentEncoding), empty query dropped.
 * Returns null for anything that is not http(s) or does not parse.
 */
export function normalizeUrl(input: string, base?: string, options: NormalizeOptions = {}): string | null {
  let u: URL;
  try {
    u = base === undefined ? new URL(input.trim()) : new URL(input.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  // WHATWG URL already lower-cases the host, drops default ports and resolves dot segments.
  let query = u.search.startsWith('?') ? u.search.slice(1) : '';
  if (options.dropParams && options.dropParams.length > 0 && query) {
    const drop = new Set(options.dropParams.map((p) => p.toLowerCase()));
    query = query
      .split('&')
      .filter((kv) => !drop.has(decodeSafe(kv.split('=')[0] ?? '').toLowerCase()))
      .join('&');
  }
  const path = normalizePercentEncoding(u.pathname) || '/';
  const q = query ? `?${normalizePercentEncoding(query)}` : '';
  return `${u.protocol}//${u.host}${path}${q}`;
}

/** decodeURIComponent that never throws: a malformed escape is left as it was. */
export function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%([0-9A-Fa-f]{2})/g, (m, h: string) => {
      const c = parseInt(h, 16);
      return c < 0x80 ? String.fromCharCode(c) : m;
    });
  }
}

/** The path segments of a URL's path, percent-decoded, empty segments dropped. */
export function pathSegments(url: string): string[] {
  const path = new URL(url).pathname;
  return path.split('/').filter(Boolean).map(decodeSafe);
}

/** The last non-empty path segment, percent-decoded (`…-%E2%80%93-ja-tack/` gives `…-–-ja-tack`). */
export function slugOf(url: string): string {
  const segs = pathSegments(url);
  return segs[segs.length - 1] ?? '';
}

/**
 * A WordPress-style slug as Näringsbloggen made them (site-facts.json "slugRules"): lower case; å and ä
 * become a, ö becomes o (other accents lose their marks); `?`, parentheses, quotes and `…` dropped; runs
 * of spaces become `-`; the en dash `–` is kept (it is percent-encoded only when put in a URL).
 */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&amp;|&/g, '')
    .replace(/[^\p{L}\p{N}\s\-–_]/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A slug as it appears in a URL path: `en-–-ja` gives `en-%E2%80%93-ja`. */
export function encodeSlug(slug: string): string {
  return encodeURIComponent(slug);
}

/** `http://a/b/` and `https://a/b` both give `/b/`-style origin-free keys: the path plus query. */
export function pathAndQuery(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

/**
 * The URL the old site answered, for a URL that names a file of a saved mirror. wget's `--convert-links
 * --adjust-extension` stores `/?p=12` as the file `index.html?p=12.html` (linked as `index.html%3Fp=12.html`)
 * and every folder as `…/index.html`; WP2Static and Simply Static write `…/index.html` too. A URL with
 * no such name comes back unchanged. Takes and returns normalised URLs (normalizeUrl); `normalized`: the
 * caller has just normalised `url`, so a URL with no such name is not parsed again (normalizing is idempotent).
 */
export function unmirrorUrl(url: string, normalized = false): string {
  const m = /^(https?:\/\/[^/]+)(\/[^?]*)(\?.*)?$/.exec(url);
  if (!m) return url;
  const [, origin, rawPath, realQuery = ''] = m;
  let path = rawPath!;
  let query = realQuery;
  // `%3F` in the path: a query saved into a file name; --adjust-extension appended `.html` (or `.css`) to it.
  const q = path.search(/%3F/i);
  if (q >= 0 && !query) {
    query = `?${decodeSafe(path.slice(q + 3)).replace(ADJUSTED_EXT, '')}`;
    path = path.slice(0, q);
  } else if (q < 0 && query && ADJUSTED_EXT.test(query) && INDEX_FILE.test(path)) {
    // The same file reached with a real query (`index.html?p=12.html`): a static server ignores it.
    query = query.replace(ADJUSTED_EXT, '');
  }
  if (query === '?') query = '';
  path = path.replace(INDEX_FILE, '/');
  if (normalized && path === rawPath && query === realQuery) return url;
  return normalizeUrl(`${origin}${path}${query}`) ?? url;
}

/** The name mirroring tools give a folder's page (`a/b/index.html` stands for `/a/b/`); a feed's too. */
const INDEX_FILE = /\/index\.(html?|xml)$/i;
/** The extensions `--adjust-extension` appends after a query, which the URL never had. */
const ADJUSTED_EXT = /\.(html?|css)$/i;

/** normalizeUrl, then unmirrorUrl: the spelling extraction compares URLs in. */
export function siteUrl(input: string, base?: string): string | null {
  const n = normalizeUrl(input, base);
  return n === null ? null : unmirrorUrl(n, true);
}
