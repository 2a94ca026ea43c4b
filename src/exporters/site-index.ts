/**
 * What the exporters know about the old site's URLs: which spelling of a URL means which post, and which
 * URLs are uploads (images and other media WordPress served from its uploads folder).
 */
import type { DataDir } from '../data-dir.ts';
import type { PostRecord } from '../types.ts';
import { normalizeUrl } from '../url.ts';
import { listMarkdownLinks } from './links.ts';

/** The exporters' input: an `extract --out` folder as loadDataDir reads it, or the same data in memory. */
export type ExportInput = Omit<DataDir, 'dir' | 'close'>;

/**
 * The key under which two spellings of one old URL meet: normalizeUrl (percent-encoding, case of host
 * and hex, default port), then scheme, a leading `www.` and a trailing slash ignored — the old site
 * answered on http and https, with and without `www`, and WordPress redirects `/slug` to `/slug/`.
 */
export function linkKey(url: string, base?: string): string | null {
  const n = normalizeUrl(url, base);
  if (n === null) return null;
  const u = new URL(n);
  const host = u.host.replace(/^www\./, '');
  let path = u.pathname;
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return `${host}${path}${u.search}`;
}

/** WordPress upload folders: `/wp-content/uploads/…` and, on multisite blogs, `/<blog>/files/…`. */
const UPLOAD_PATH = /^\/(?:[^/]+\/)?(?:wp-content\/uploads|files|wp-content\/blogs\.dir\/\d+\/files)\/.+\.[A-Za-z0-9]{2,5}$/;

/** True when `url` is an upload: listed as one in urls.json or a record's images, or under an upload folder. */
export function isUploadUrl(url: string, knownUploads: ReadonlySet<string>): boolean {
  const key = linkKey(url);
  if (key === null) return false;
  if (knownUploads.has(key)) return true;
  return UPLOAD_PATH.test(new URL(url).pathname);
}

/** linkKeys of every URL the data itself calls an upload (urls.json kind `upload`, record images). */
export function knownUploadKeys(input: ExportInput): Set<string> {
  const keys = new Set<string>();
  for (const u of input.urls) if (u.kind === 'upload') { const k = linkKey(u.url); if (k) keys.add(k); }
  for (const r of [...input.posts, ...input.pages]) {
    for (const img of r.images) { const k = linkKey(img.url, r.url); if (k) keys.add(k); }
  }
  return keys;
}

/** The uploads one record needs, as normalised absolute URLs in order of first appearance (body, then images). */
export function recordUploads(record: PostRecord, knownUploads: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (dest: string): void => {
    const abs = normalizeUrl(dest, record.url);
    if (abs === null || !isUploadUrl(abs, knownUploads)) return;
    const key = linkKey(abs)!;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(abs);
  };
  for (const link of listMarkdownLinks(record.contentMarkdown)) if (!link.dest.startsWith('#')) add(link.dest);
  for (const img of record.images) add(img.url);
  return out;
}

/**
 * Every upload URL the posts and pages need (normalised, sorted): what `export markdown --images copy`
 * must find in the archive. The command collects their bytes and passes them to toMarkdownFiles.
 */
export function neededUploadUrls(input: ExportInput): string[] {
  const known = knownUploadKeys(input);
  const all = new Set<string>();
  for (const r of [...input.posts, ...input.pages]) for (const u of recordUploads(r, known)) all.add(u);
  return [...all].sort();
}

/** Records sorted by URL (code-unit order), the order every export uses. */
export function byUrl<T extends { url: string }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}
