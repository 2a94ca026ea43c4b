/**
 * Where each archived URL lives in the browsable copy, and how a link on an archived page is resolved:
 * to a file of the copy, to the "not archived" page, or left alone when it leaves the old site.
 * Pure: the archive's list of captures in, a plan out. Paths are POSIX, relative to the copy's root.
 */
import { posix } from 'node:path';
import type { ArchivedEntry } from './types.ts';
import { decodeSafe, DROPPED_PARAMS, normalizeUrl } from '../../url.ts';
import { PathRegistry, safeFileName, shortHash, splitExt } from '../file-names.ts';

/** The copy's own files (banner targets, the index, the stand-ins) live here, apart from the site's paths. */
export const OWN_DIR = '_naring-archive';
export const NOT_ARCHIVED_PAGE = `${OWN_DIR}/not-archived.html`;
export const NOT_ARCHIVED_IMAGE = `${OWN_DIR}/not-archived.svg`;
export const INDEX_PAGE = `${OWN_DIR}/index.html`;
export const URL_INDEX = `${OWN_DIR}/urls.json`;

const EXT_BY_MIME: Record<string, string> = {
  'text/html': '.html', 'application/xhtml+xml': '.html', 'application/rss+xml': '.xml', 'application/atom+xml': '.xml',
  'application/xml': '.xml', 'text/xml': '.xml', 'text/css': '.css', 'application/javascript': '.js', 'text/javascript': '.js',
  'image/jpeg': '.jpg', 'image/png': '.png', 'image/gif': '.gif', 'image/svg+xml': '.svg', 'image/webp': '.webp',
  'application/pdf': '.pdf', 'text/plain': '.txt', 'application/json': '.json',
};

export function isHtmlMime(mime: string): boolean {
  const m = mime.split(';')[0]!.trim().toLowerCase();
  return m === 'text/html' || m === 'application/xhtml+xml';
}

/** The query as part of a file name: readable where it is plain (`p=7`), with a hash where it had to change. */
function querySuffix(search: string): string {
  if (!search) return '';
  const q = decodeSafe(search.slice(1));
  const plain = q.replace(/[^A-Za-z0-9._=-]/g, '_').slice(0, 60);
  return `@${plain}${plain === q ? '' : `-${shortHash(q)}`}`;
}

/**
 * The wanted path of a URL: its decoded path segments made safe, a page as `…/index.html` (so a static
 * server and a file browser both open it), other files under their own name with an extension that says
 * what they are. URLs of other hosts of the old site go under `_hosts/<host>/`.
 */
export function wantedPath(url: string, mime: string, mainHost: string): string {
  const u = new URL(url);
  const segs = u.pathname.split('/').map(decodeSafe);
  const trailing = u.pathname.endsWith('/');
  const dirs = segs.slice(1, trailing ? -1 : segs.length - 1).filter((s) => s !== '').map((s) => safeFileName(s, '', '_'));
  if (u.host !== mainHost) dirs.unshift('_hosts', safeFileName(u.host, '', '_'));
  const last = trailing ? '' : segs[segs.length - 1] ?? '';
  const mimeExt = EXT_BY_MIME[mime.split(';')[0]!.trim().toLowerCase()] ?? '';
  const q = querySuffix(u.search);
  let file: string;
  if (isHtmlMime(mime)) {
    const { stem, ext } = splitExt(last);
    if (last && (ext === '.html' || ext === '.htm')) file = safeFileName(`${stem}${q}`, '.html');
    else {
      if (last) dirs.push(safeFileName(last, '', '_'));
      file = `index${q}.html`;
    }
  } else {
    const { stem, ext } = splitExt(last || 'index');
    file = safeFileName(`${stem}${q}`, ext || mimeExt || '.bin');
  }
  return [...dirs, file].join('/');
}

export interface SitePlan {
  mainHost: string;
  hosts: Set<string>;
  /** normalised URL → path of its file, for every capture that answered 200. */
  files: Map<string, string>;
  /** normalised URL → normalised URL it redirected to (from the archived 3xx answers). */
  redirects: Map<string, string>;
  entries: ArchivedEntry[];
}

const key = (u: string) => normalizeUrl(u) ?? u;

/** Claims every path once, deepest first, so a file never takes a name a folder of another page needs. */
export function planSite(entries: readonly ArchivedEntry[], mainHost: string): SitePlan {
  const files = new Map<string, string>();
  const redirects = new Map<string, string>();
  const hosts = new Set<string>();
  const wanted: Array<{ k: string; path: string }> = [];
  for (const e of entries) {
    let u: URL;
    try { u = new URL(e.url); } catch { continue; }
    hosts.add(u.host);
    if (e.status === 200) wanted.push({ k: key(e.url), path: wantedPath(e.url, e.mime, mainHost) });
    else if (e.status >= 300 && e.status < 400 && e.location) {
      const to = normalizeUrl(e.location, e.url);
      if (to) redirects.set(key(e.url), to);
    }
  }
  wanted.sort((a, b) => b.path.split('/').length - a.path.split('/').length || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const reg = new PathRegistry();
  reg.claimDir('', OWN_DIR);
  for (const w of wanted) {
    if (files.has(w.k)) continue;
    const dir = posix.dirname(w.path);
    const { stem, ext } = splitExt(posix.basename(w.path));
    files.set(w.k, reg.claimFile(dir === '.' ? '' : dir, stem, ext));
  }
  return { mainHost, hosts, files, redirects, entries: [...entries] };
}

export type LinkTarget =
  | { kind: 'file'; path: string }
  | { kind: 'missing'; url: string }
  | { kind: 'external' };

/** What an absolute URL stands for in the copy; archived redirects are followed (five hops at most). */
export function resolveTarget(plan: SitePlan, absolute: string): LinkTarget {
  const first = follow(plan, normalizeUrl(absolute));
  if (first.kind !== 'missing') return first;
  // `?replytocom=7` and session ids: the crawl never fetched these spellings, but they mean the page itself.
  const bare = normalizeUrl(absolute, undefined, { dropParams: DROPPED_PARAMS });
  const second = bare && bare !== normalizeUrl(absolute) ? follow(plan, bare) : first;
  return second.kind === 'missing' ? { kind: 'missing', url: absolute } : second;
}

function follow(plan: SitePlan, start: string | null): LinkTarget {
  let k = start;
  if (!k) return { kind: 'external' };
  if (!plan.hosts.has(new URL(k).host)) return { kind: 'external' };
  for (let hop = 0; hop < 6 && k; hop++) {
    const path = plan.files.get(k);
    if (path) return { kind: 'file', path };
    const next = plan.redirects.get(k);
    if (!next) break;
    if (!plan.hosts.has(new URL(next).host)) return { kind: 'external' };
    k = next;
  }
  return { kind: 'missing', url: start ?? '' };
}

/** A relative href from the file `from` to the file `to`, each segment percent-encoded for the browser. */
export function relativeHref(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to) || posix.basename(to);
  return rel.split('/').map((s) => (s === '..' ? s : encodeURIComponent(s))).join('/');
}
