/**
 * Writes one theme fixture site in the replica's folder format (see docs/themes.md): every page under
 * `site/<decoded path>/index.html`, the feed as `site/feed/index.xml`, uploads and stylesheets by path,
 * `site/_server.json` (charset, redirects, 404 page), plus `truth.json` and `README.md` beside `site/`.
 * Everything is derived from the data file, so regenerating gives the same bytes.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { normalizeUrl } from '../../url.ts';
import { buildSite, flatComments, pagePath, withParam, type Site } from './model.ts';
import type { SiteData, ThemeName } from './types.ts';
import type { ThemeRenderer, View } from './common.ts';
import { renderFeed } from './feed.ts';
import { isoDay, latin1Safe, plainText } from './text.ts';
import { renderTwentyTwelve } from './twentytwelve.ts';
import { renderTwentyFifteen } from './twentyfifteen.ts';
import { renderTwentySeventeen } from './twentyseventeen.ts';
import { renderTwentyTen } from './twentyten.ts';

const RENDERERS: Partial<Record<ThemeName, ThemeRenderer>> = {
  twentytwelve: renderTwentyTwelve,
  twentyfifteen: renderTwentyFifteen,
  twentyseventeen: renderTwentySeventeen,
  twentyten: renderTwentyTen,
};

/** A 1×1 transparent GIF: the uploads only need to be real image files a crawler can fetch. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

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

export interface Truth {
  site: string;
  theme: string;
  language: string;
  posts: TruthPost[];
}

/** The ground truth, straight from the data: what each post's page and listings display. */
export function buildTruth(site: Site): Truth {
  const posts = site.posts.map((p): TruthPost => {
    const t: TruthPost = {
      url: normalizeUrl(site.abs(p.path))!,
      title: p.title,
      categories: p.categories.map((c) => c.name),
      tags: p.tags.map((x) => x.name),
      commentCount: p.commentCount,
      published: isoDay(p.local),
      author: p.author.name,
    };
    // Only a post with a <!--more--> teaser has a listing excerpt distinct from its whole body.
    if (p.hasMore) t.excerpt = p.teaser.map(plainText).join('\n\n');
    return t;
  });
  posts.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return { site: `${site.data.siteUrl}/`, theme: site.data.theme, language: site.data.language, posts };
}

/** Percent-decoded path segments: the folder a URL path lives in on disk. */
function diskPath(urlPath: string): string {
  return urlPath.split('/').filter(Boolean).map((s) => decodeURIComponent(s)).join('/');
}

export function generateThemeSite(data: SiteData, outDir: string): { files: number } {
  const site = buildSite(data);
  const render = RENDERERS[data.theme];
  if (!render) throw new Error(`no renderer for theme ${data.theme}`);
  const siteDir = join(outDir, 'site');
  rmSync(siteDir, { recursive: true, force: true });
  let files = 0;
  const write = (rel: string, contents: string | Buffer): void => {
    const file = join(siteDir, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, contents);
    files++;
  };
  const html = (view: View): Buffer => {
    const text = render(site, view);
    // A Latin-1 blog stored anything beyond U+00FF as numeric entities; its bytes on disk are Latin-1.
    return data.blogCharset === 'iso-8859-1' ? Buffer.from(latin1Safe(text), 'latin1') : Buffer.from(text, 'utf8');
  };
  const redirects: Record<string, string> = {};
  const rewrites: Record<string, string> = {};
  const page = (urlPath: string, view: View): void => {
    const q = urlPath.indexOf('?');
    if (q < 0) return write(join(diskPath(urlPath), 'index.html'), html(view));
    // A plain-permalink URL (`/?p=12`): the page lives in a file of its own, served there by a rewrite.
    const file = `_query/${urlPath.slice(q + 1).replace(/[&=]/g, '-')}.html`;
    write(file, html(view));
    rewrites[urlPath] = file;
  };

  for (const l of site.listings) for (let n = 1; n <= l.pageCount; n++) page(pagePath(l, n), { kind: 'listing', listing: l, page: n });
  for (const p of site.posts) page(p.path, { kind: 'post', post: p });
  for (const pg of site.pages) page(pg.path, { kind: 'page', page: pg });
  write('404.html', html({ kind: 'notFound' }));
  write('feed/index.xml', renderFeed(site));
  if (site.feedPath !== '/feed/') rewrites[site.feedPath] = 'feed/index.xml';
  write(`wp-content/themes/${data.theme}/style.css`, `/* Theme Name: ${data.theme} (fixture stand-in) */\nbody { font-family: sans-serif; }\n.screen-reader-text, .assistive-text { position: absolute !important; clip: rect(1px, 1px, 1px, 1px); }\n`);
  for (const p of site.posts) if (p.data.image) write(`wp-content/uploads/${p.data.image.file}`, GIF);
  write('robots.txt', `User-agent: *\nDisallow: /wp-admin/\n`);

  for (const p of site.posts) {
    if (p.path !== `/?p=${p.id}`) redirects[`/?p=${p.id}`] = p.path;
    // WordPress serves a `%category%` post under each of its categories (200, canonical link to the primary).
    for (const other of p.otherPaths) rewrites[other] = `${diskPath(p.path)}/index.html`;
    // A reply link of a plain permalink (`/?p=12&replytocom=5`) is a query the server must map to the post.
    const file = rewrites[p.path];
    if (file && p.open) for (const c of flatComments(p.thread)) rewrites[withParam(p.path, `replytocom=${c.id}`)] = file;
  }
  for (const pg of site.pages) if (pg.path !== `/?page_id=${pg.id}`) redirects[`/?page_id=${pg.id}`] = pg.path;
  Object.assign(redirects, data.redirects ?? {});
  const server: Record<string, unknown> = { siteUrl: data.siteUrl, htmlCharset: data.htmlCharset, redirects: sortKeys(redirects) };
  if (Object.keys(rewrites).length > 0) server.rewrites = sortKeys(rewrites);
  server.notFound = '404.html';
  write('_server.json', json(server));

  writeFileSync(join(outDir, 'truth.json'), json(buildTruth(site)));
  writeFileSync(join(outDir, 'README.md'), `${data.readme.join('\n')}\n`);
  return { files };
}

const sortKeys = (o: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
