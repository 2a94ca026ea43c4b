/**
 * Writes a replica site folder (the format startReplica serves, see docs/replica.md) and, when asked, its
 * ground truth. Pages are rendered and written one at a time, so a 50,000-post site never holds more
 * than one page's HTML in memory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { decodeSafe, normalizePercentEncoding } from '../url.ts';
import { SITE_URL, loadReplicaInputs } from './data.ts';
import { makeImage } from './media.ts';
import { buildSiteModel, paged, permalink, postUrlUnder, shortlink, pageUrl, type BlogModel, type SiteModel } from './model.ts';
import { pageCount, render404, renderListingPage, renderPortal, renderPostPage, renderStaticPage } from './pages.ts';
import { renderFeed } from './feed.ts';
import { blogListings, type BlogListing } from './listings.ts';
import { norm, pageRecord, postRecord, siteUrlEntries } from './truth.ts';

export interface GenerateOptions {
  outDir: string;
  /** Synthetic posts in all (spread 70/10/10/10 over the four blogs); default: the committed fixture's mix. */
  syntheticPosts?: number;
  seed?: number;
  /** Where to write the ground truth; omitted files are not written. */
  expectedPath?: string;
  expectedPagesPath?: string;
  siteUrlsPath?: string;
}

export interface GenerateResult {
  posts: number;
  files: number;
  urls: number;
}

/** The path of an absolute site URL as a folder on disk: percent-decoded segments (`–` is a real en dash). */
export function diskFolder(url: string): string {
  return new URL(url).pathname.split('/').filter(Boolean).map(decodeSafe).join('/');
}

/** A redirect or rewrite key: path + query as a browser sends it (escapes upper-case). */
function requestKey(url: string): string {
  const u = new URL(url);
  return normalizePercentEncoding(u.pathname) + u.search;
}

/**
 * Writes the site's files. Synchronous on purpose: tens of thousands of small files are written faster
 * without a thread-pool hop per file, and nothing else runs meanwhile. Folders are created once each.
 */
class Writer {
  private readonly dirs = new Set<string>();
  files = 0;
  constructor(private readonly root: string) {}
  write(rel: string, data: string | Buffer): void {
    const path = join(this.root, rel);
    const dir = dirname(path);
    if (!this.dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.dirs.add(dir);
    }
    writeFileSync(path, data);
    this.files++;
  }
}

/** Refuses to empty a folder that is not a replica site, so a wrong --out can never wipe someone's files. */
async function prepareOutDir(outDir: string): Promise<void> {
  const exists = await stat(outDir).then(() => true, () => false);
  if (exists) {
    const names = await readdir(outDir);
    if (names.length > 0 && !names.includes('_server.json')) throw new Error(`${outDir} is not empty and holds no _server.json: refusing to replace it; give a new or empty folder`);
    await rm(outDir, { recursive: true, force: true });
  }
  await mkdir(outDir, { recursive: true });
}

/** Writes a JSON array record by record, in the exact bytes toJsonText(array) would give. */
async function writeJsonArray<T>(path: string, items: Iterable<T>): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const fh = await open(tmp, 'w');
  let n = 0;
  try {
    for (const item of items) {
      await fh.write(`${n === 0 ? '[\n' : ',\n'}  ${JSON.stringify(item, null, 2).replace(/\n/g, '\n  ')}`);
      n++;
    }
    await fh.write(n === 0 ? '[]\n' : '\n]\n');
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  return n;
}

async function writeBlog(model: SiteModel, blog: BlogModel, listings: BlogListing[], w: Writer, server: ServerFile): Promise<void> {
  w.write(`${diskFolder(pageUrl(blog.page))}/index.html`, renderStaticPage(model, blog));
  server.redirects[requestKey(shortlink(blog.key, blog.page.id))] = new URL(pageUrl(blog.page)).pathname;
  for (let i = 0; i < blog.posts.length; i++) {
    const post = blog.posts[i]!;
    const folder = diskFolder(permalink(post));
    w.write(`${folder}/index.html`, renderPostPage(model, blog, i));
    server.redirects[requestKey(shortlink(blog.key, post.id))] = new URL(permalink(post)).pathname;
    for (const c of post.categories) {
      if (c !== post.primary) server.rewrites[requestKey(postUrlUnder(post, c))] = `${folder}/index.html`;
    }
    if (post.image) w.write(diskFolder(post.image.url), makeImage(post.image.file, post.image.shade));
  }
  for (const l of listings) {
    for (let n = 1; n <= pageCount(l); n++) w.write(`${diskFolder(paged(l.url, n))}/index.html`, renderListingPage(model, blog, l, n));
  }
  w.write(`${blog.key}/feed/index.xml`, renderFeed(model, blog));
}

interface ServerFile {
  siteUrl: string;
  htmlCharset: string;
  notFound: string;
  lastModified: string;
  redirects: Record<string, string>;
  rewrites: Record<string, string>;
}

/** Generates the whole replica into `outDir` (emptied first if it holds an earlier replica). */
export async function generateSite(options: GenerateOptions): Promise<GenerateResult> {
  const model = buildSiteModel(loadReplicaInputs(), { seed: options.seed, syntheticPosts: options.syntheticPosts });
  await prepareOutDir(options.outDir);
  const w = new Writer(options.outDir);
  const server: ServerFile = {
    siteUrl: SITE_URL, htmlCharset: 'utf-8', notFound: '404.html',
    // The day the site closed: a fixed Last-Modified keeps two runs of any crawl byte-identical.
    lastModified: 'Mon, 15 Jan 2018 08:00:00 GMT',
    redirects: {}, rewrites: {},
  };
  w.write('index.html', renderPortal(model));
  w.write('404.html', render404());
  w.write('robots.txt', 'User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n');
  const listings = new Map<BlogModel, BlogListing[]>();
  for (const blog of model.blogs) {
    listings.set(blog, blogListings(blog));
    await writeBlog(model, blog, listings.get(blog)!, w, server);
  }
  const sortKeys = (o: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(o).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  await writeFile(join(options.outDir, '_server.json'), `${JSON.stringify({ ...server, redirects: sortKeys(server.redirects), rewrites: sortKeys(server.rewrites) }, null, 2)}\n`);
  server.redirects = {}; // 100,000 entries at 50,000 posts: let them go before the truth files are built
  server.rewrites = {};

  const posts = model.blogs.flatMap((b) => b.posts.map((p) => ({ b, p, url: permalink(p) })));
  if (options.expectedPath) {
    const records = posts.map((x) => ({ ...x, key: norm(x.url) })).sort((a, b) => (a.key < b.key ? -1 : 1));
    await writeJsonArray(options.expectedPath, (function* () { for (const r of records) yield postRecord(model, r.b, r.p); })());
  }
  if (options.expectedPagesPath) {
    await writeJsonArray(options.expectedPagesPath, model.blogs.map(pageRecord).sort((a, b) => (a.url < b.url ? -1 : 1)));
  }
  let urls = 0;
  if (options.siteUrlsPath) urls = await writeJsonArray(options.siteUrlsPath, siteUrlEntries(model, listings));
  return { posts: posts.length, files: w.files + 1, urls };
}

