/**
 * Which URL the old site served a saved file at: the naming rules of the tools people mirror WordPress with,
 * undone. Pure functions (a relative path and a base URL in, a URL or the reason there is none out), so that
 * extract can map wget's `--convert-links` file names in links back to URLs with the same rules.
 *
 * - A folder URL is saved as `index.html` (wget, HTTrack, Simply Static, WP2Static), a feed folder as
 *   `index.html` or `index.xml`: `a/b/index.html` → `/a/b/`.
 * - wget keeps the query in the file name: `index.html?p=12.html` (the default page name, then the query, then
 *   `--adjust-extension`'s `.html`) → `/?p=12`; `style.css?ver=4.9.css` → `/style.css?ver=4.9`. Saved on a
 *   system that cannot hold `?` in a name, the `?` is `%3F`.
 * - Folder names may hold literal percent escapes (WP2Static's `pr%c3%b8ver`, the URL's own spelling) or the
 *   decoded characters (`prøver`): both give the one URL normalizeUrl spells.
 * - `x.orig` is wget's `--backup-converted` copy of `x` before its links were rewritten: the same URL as `x`.
 * - HTTrack renames files whose URL has a query (`index2b4c.html`), but writes the URL into every page it
 *   saves (`<!-- Mirrored from host/path by HTTrack Website Copier/3.x … -->`): httrackSourceUrl reads it.
 */
import { normalizeUrl, unmirrorUrl } from '../../url.ts';
import { cleanUrl } from '../crawl-scope.ts';

export type MirrorName = { url: string } | { url: null; reason: string };

/** Files the mirroring tools write about themselves: never pages of the old site. */
const TOOL_FILES = /(^|\/)(hts-cache\/|hts-log\.txt$|hts-in_progress\.lock$|hts-nohup\.out$|cookies\.txt$|backblue\.gif$|fade\.gif$|\.DS_Store$|Thumbs\.db$|\.git\/|\.wget-hsts$)/;

/** Page names wget and the static exporters give a folder URL. */

/** The file a `.orig` backup stands for, or null when the path is not one. */
export function backupOf(relPath: string): string | null {
  return relPath.endsWith('.orig') && relPath.length > 5 ? relPath.slice(0, -5) : null;
}

/** Characters legal in a file name but not in a URL path, spelled as escapes before normalizeUrl sees them. */
function escapePathSegment(seg: string): string {
  return seg.replace(/[#?]/g, (c) => (c === '#' ? '%23' : '%3F'));
}

/**
 * The URL of the file at `relPath` (POSIX separators, relative to the mirror's root, which stands for
 * `baseUrl`), or why it has none.
 */
export function urlOfMirrorFile(relPath: string, baseUrl: string): MirrorName {
  const path = relPath.replace(/^\.?\/+/, '');
  if (!path || path.endsWith('/')) return { url: null, reason: 'not a file' };
  if (TOOL_FILES.test(path)) return { url: null, reason: 'a file the mirroring tool wrote about itself' };
  const original = backupOf(path);
  if (original !== null) return urlOfMirrorFile(original, baseUrl);
  const segs = path.split('/');
  const name = segs[segs.length - 1]!;
  if (/^(\?|%3F)?$/i.test(name)) return { url: null, reason: 'no file name' };
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  // The file's name as a URL (`?` spelled `%3F`), then read back the way extract reads mirror links
  // (unmirrorUrl: `index.html?p=12.html` → `/?p=12`, `a/index.html` → `/a/`): one rule for both.
  const named = normalizeUrl(`${base}${segs.map(escapePathSegment).join('/')}`);
  // The crawl's own spelling, parameters that only multiply a page (`?replytocom=5`) dropped as it drops them.
  const url = named ? cleanUrl(unmirrorUrl(named)).url : null;
  return url ? { url } : { url: null, reason: `${relPath} does not make a URL under ${base}` };
}

/**
 * The URL HTTrack wrote into a saved page (`Mirrored from www.site.se/a/?p=3 by HTTrack`), or null. It
 * omits the scheme; `scheme` is the base URL's.
 */
export function httrackSourceUrl(head: string, scheme = 'http:'): string | null {
  const m = /<!--\s*Mirrored from (\S+) by HTTrack Website Copier/i.exec(head);
  if (!m) return null;
  const target = /^https?:\/\//i.test(m[1]!) ? m[1]! : `${scheme}//${m[1]}`;
  return normalizeUrl(target);
}

/**
 * The content type of a saved file, from its first bytes where they tell (a feed saved as `index.html`, an
 * HTML page saved without an extension), else from the extension.
 */
export function sniffContentType(relPath: string, head: Buffer): string {
  const text = head.subarray(0, 1024).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  const afterProlog = text.replace(/^<\?xml[^>]*\?>\s*/, '').replace(/^(<!--[\s\S]*?-->\s*|<\?xml-stylesheet[^>]*\?>\s*)*/, '');
  if (afterProlog.startsWith('<rss') || afterProlog.startsWith('<rdf:rdf')) return 'application/rss+xml';
  if (afterProlog.startsWith('<feed')) return 'application/atom+xml';
  if (afterProlog.startsWith('<urlset') || afterProlog.startsWith('<sitemapindex')) return 'application/xml';
  if (/^(<!--[\s\S]*?-->\s*)*(<!doctype html|<html|<head|<body)/.test(text)) return 'text/html';
  if (text.startsWith('<?xml')) return 'application/xml';
  const ext = /\.([a-z0-9]+)$/i.exec(relPath.replace(/(\?|%3F).*$/i, ''))?.[1]?.toLowerCase() ?? '';
  return EXT_TYPES[ext] ?? (/^[\x09\x0a\x0d\x20-\x7e]*$/.test(text) && text.length > 0 ? 'text/plain' : 'application/octet-stream');
}

const EXT_TYPES: Record<string, string> = {
  html: 'text/html', htm: 'text/html', xml: 'application/xml', rss: 'application/rss+xml', css: 'text/css', js: 'application/javascript',
  json: 'application/json', txt: 'text/plain', md: 'text/plain', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif',
  webp: 'image/webp', svg: 'image/svg+xml', ico: 'image/x-icon', pdf: 'application/pdf', mp3: 'audio/mpeg', mp4: 'video/mp4',
  woff: 'font/woff', woff2: 'font/woff2', ttf: 'font/ttf', eot: 'application/vnd.ms-fontobject', zip: 'application/zip',
};
