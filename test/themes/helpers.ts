/**
 * Reads the theme fixture sites straight from disk in the replica's folder format, so the tests can
 * check pages against truth.json without a server.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';

export const THEMES_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'themes');

export interface TruthPost {
  url: string;
  title: string;
  categories: string[];
  tags: string[];
  commentCount: number | null;
  published: string;
  author: string;
  excerpt?: string;
}

export interface ThemeSite {
  name: string;
  dir: string;
  siteDir: string;
  truth: { site: string; theme: string; language: string; posts: TruthPost[] };
  server: { siteUrl: string; htmlCharset: string | null; redirects: Record<string, string>; rewrites?: Record<string, string>; notFound: string };
}

export function loadSites(): ThemeSite[] {
  return readdirSync(THEMES_DIR)
    .filter((n) => existsSync(join(THEMES_DIR, n, 'truth.json')))
    .sort()
    .map((name) => {
      const dir = join(THEMES_DIR, name);
      const siteDir = join(dir, 'site');
      return {
        name,
        dir,
        siteDir,
        truth: JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')),
        server: JSON.parse(readFileSync(join(siteDir, '_server.json'), 'utf8')),
      };
    });
}

/** The file that serves a URL path (no query): a rewrite, `<decoded path>/index.html` or the file itself; null if none. */
export function fileFor(site: ThemeSite, pathname: string): string | null {
  const rewrite = site.server.rewrites?.[decodeURIComponent(pathname)];
  if (rewrite !== undefined) return existsSync(join(site.siteDir, rewrite)) ? join(site.siteDir, rewrite) : null;
  const segs = pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  const base = join(site.siteDir, ...segs);
  for (const f of [join(base, 'index.html'), join(base, 'index.xml')]) if (existsSync(f)) return f;
  if (!pathname.endsWith('/') && existsSync(base) && statSync(base).isFile()) return base;
  return null;
}

/** Decodes an HTML page by its own `<meta>` charset (the Latin-1 site has no charset in its HTTP header). */
export function decodeHtml(bytes: Buffer): string {
  const head = bytes.subarray(0, 1024).toString('latin1');
  const m = /charset=["']?([\w-]+)/i.exec(head);
  const label = m?.[1]?.toLowerCase() ?? 'utf-8';
  return new TextDecoder(label === 'iso-8859-1' ? 'latin1' : label, { fatal: label === 'utf-8' }).decode(bytes);
}

/** Query strings WordPress answers with the page itself (reply links, cache-busting stylesheet versions). */
export const PAGE_ITSELF = /^\?(replytocom=\d+|ver=[\d.]+)$/;

/**
 * The file that serves a request target (path + query) without redirects: a rewrite of the exact target
 * (plain permalinks: `/?p=12`), else the path when the query is one WordPress ignores; null if none.
 */
export function fileForTarget(site: ThemeSite, target: string): string | null {
  const exact = site.server.rewrites?.[target];
  if (exact !== undefined) return existsSync(join(site.siteDir, exact)) ? join(site.siteDir, exact) : null;
  const q = target.indexOf('?');
  if (q >= 0 && !PAGE_ITSELF.test(target.slice(q))) return null;
  return fileFor(site, q < 0 ? target : target.slice(0, q));
}

export function loadPage(site: ThemeSite, url: string): cheerio.CheerioAPI {
  const u = new URL(url);
  const file = fileForTarget(site, `${u.pathname}${u.search}`);
  if (!file) throw new Error(`${site.name}: no file serves ${url}`);
  return cheerio.load(decodeHtml(readFileSync(file)));
}

/** Every file under a folder, relative paths with `/`. */
export function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p, `${prefix}${n}/`) : [`${prefix}${n}`];
  });
}

export const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
