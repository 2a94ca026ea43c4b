/**
 * The whole job into one folder: crawl → extract → every export → (bag) → manifest.json, in the layout of
 * layout.ts. manifest.json is written last, so a folder without it never looks finished; stale files of an
 * earlier run are removed first (a post that disappeared must not leave its Markdown behind).
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { loadDataDir } from '../data-dir.ts';
import { UsageError } from '../errors.ts';
import type { Layout } from '../exporters/front-matter.ts';
import { toCsv } from '../exporters/csv.ts';
import { toJsonFiles } from '../exporters/json.ts';
import { checkExportInput } from '../exporters/json-schema.ts';
import { exportMarkdown } from '../exporters/markdown.ts';
import { neededUploadUrls } from '../exporters/site-index.ts';
import { toJsonText, writeFileAtomic, writeOutputFiles } from '../exporters/write.ts';
import type { Progress } from '../progress.ts';
import { crawlSite, type CrawlOptions, type CrawlSummary } from '../scrapers/crawl.ts';
import { openArchiveIndex } from '../scrapers/archive.ts';
import { writeBag, type BagSummary } from './bagit.ts';
import { BAG_DIR, MANIFEST_NAME, REPORT_NAME, SNAPSHOT_PARTS, snapshotPaths } from './layout.ts';
import { buildManifest } from './manifest.ts';
import { loadStage } from './stages.ts';
// Types only (erased at run time): the modules themselves are loaded through loadStage, so a stage that is
// missing fails `snapshot` and `demo` with one line instead of breaking every command at start-up.
import type * as ExtractStage from '../scrapers/extract-site.ts';
import type * as RedirectsStage from '../exporters/redirects/index.ts';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.ts';

export interface SnapshotOptions {
  /** The snapshot folder (absolute). */
  outDir: string;
  /** Crawl options with outDir = <outDir>/crawl and `since` already pointing at a crawl folder. */
  crawl: CrawlOptions;
  rulesFile: string | null;
  /** Absolute folder the web server will read Apache's map from (written into its snippet). */
  serverRoot: string;
  layout: Layout;
  bag: boolean;
  signal?: AbortSignal;
}

export interface SnapshotResult {
  crawl: CrawlSummary;
  interrupted: boolean;
  posts: number;
  pages: number;
  urls: number;
  markdownFiles: number;
  uploadsCopied: number;
  uploadsMissing: number;
  /** null without --rules. */
  redirects: { rows: number; coverage: string; notes: string[] } | null;
  files: number;
  bag: BagSummary | null;
}

export const EXTRACT_STAGE = { label: 'extract (issue 4)', module: 'scrapers/extract-site', exports: ['extractArchive', 'extractResultFiles'] } as const;
export const REDIRECTS_STAGE = { label: 'redirect maps (issue 6)', module: 'exporters/redirects/index', exports: ['loadRules', 'planRedirects', 'toAllRedirectFiles', 'describeCoverage'] } as const;

const KNOWN = new Set<string>([...Object.values(SNAPSHOT_PARTS), MANIFEST_NAME, BAG_DIR, REPORT_NAME]);

/**
 * Makes `dir` ready: created when absent; an earlier snapshot (finished or not) is cleared, manifest.json
 * first so it stops looking finished; a folder holding anything else is refused, never emptied.
 */
export async function prepareSnapshotDir(dir: string, keepCrawl: boolean): Promise<void> {
  const st = await stat(dir).catch(() => null);
  if (!st) return;
  if (!st.isDirectory()) throw new UsageError(`--out ${dir}: is a file; give a folder for the snapshot, e.g. --out snapshot`);
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.'));
  const foreign = names.filter((n) => !KNOWN.has(n));
  if (foreign.length > 0) {
    throw new UsageError(`--out ${dir}: holds files that are not a snapshot's (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); choose a new or empty folder`);
  }
  await rm(join(dir, MANIFEST_NAME), { force: true });
  for (const n of names) {
    if (n === MANIFEST_NAME || (keepCrawl && n === SNAPSHOT_PARTS.crawl)) continue;
    await rm(join(dir, n), { recursive: true, force: true });
  }
}

/**
 * `--since PREV`: a previous snapshot folder (its crawl/ is used) or a crawl folder itself. Returns the
 * crawl folder, or throws naming the flag.
 */
export async function resolveSinceCrawl(since: string, outDir: string): Promise<string> {
  const prev = resolve(since);
  const out = resolve(outDir);
  if (prev === out || prev.startsWith(`${out}${sep}`)) {
    throw new UsageError(`--since ${since}: is inside the --out folder, which the new snapshot replaces; give the previous snapshot's folder`);
  }
  for (const candidate of [join(prev, SNAPSHOT_PARTS.crawl), prev]) {
    if ((await stat(join(candidate, 'index.cdxj')).catch(() => null))?.isFile()) return candidate;
  }
  throw new UsageError(`--since ${since}: holds no crawl (no crawl/index.cdxj); give the folder of a previous \`naring-archive snapshot --out\``);
}

/** Upload bytes the Markdown wants, read from the snapshot's own archive (one redirect followed). */
async function collectUploads(crawlDir: string, urls: readonly string[], progress: Progress): Promise<Map<string, Buffer>> {
  const index = await openArchiveIndex(crawlDir);
  const found = new Map<string, Buffer>();
  let done = 0;
  for (const url of urls) {
    let r = await index.get(url);
    const location = r && r.status >= 300 && r.status < 400 ? r.headers.location : undefined;
    if (location) r = await index.get(new URL(location, url).href);
    if (r && r.status === 200) found.set(url, r.body);
    progress.update(`snapshot: reading uploads from the archive ${++done}/${urls.length}`);
  }
  return found;
}

/** The crawl's start date (YYYY-MM-DD) for bag-info.txt: the bag describes that crawl, not the moment of bagging. */
function crawlDate(summary: CrawlSummary): string | null {
  return /^\d{4}-\d{2}-\d{2}/.test(summary.startedAt) ? summary.startedAt.slice(0, 10) : null;
}

export async function takeSnapshot(o: SnapshotOptions, progress: Progress): Promise<SnapshotResult> {
  // Every stage is looked up before anything is written, so a missing one leaves the folder untouched.
  const extract = (await loadStage(EXTRACT_STAGE, 'snapshot')) as unknown as typeof ExtractStage;
  const redirects = o.rulesFile ? (await loadStage(REDIRECTS_STAGE, 'snapshot')) as unknown as typeof RedirectsStage : null;
  const rules = redirects && o.rulesFile ? await redirects.loadRules(o.rulesFile) : null;
  const p = snapshotPaths(o.outDir);
  await prepareSnapshotDir(o.outDir, o.crawl.resume);

  progress.log(`snapshot: crawling ${o.crawl.startUrls.join(' ')}${o.crawl.since ? ` (conditional requests against ${o.crawl.since})` : ''}`);
  const crawled = await crawlSite({ ...o.crawl, outDir: p.crawl, signal: o.signal }, {
    onProgress: (s) => progress.update(`snapshot: crawl ${s.done} done, ${s.queued} queued, ${s.inFlight} in flight, ${s.failed} failed, ${s.pagesPerSecond} pages/s`),
    onLog: (line) => progress.log(line),
  });
  const base = { crawl: crawled.summary, interrupted: crawled.interrupted };
  if (crawled.interrupted) {
    return { ...base, posts: 0, pages: 0, urls: 0, markdownFiles: 0, uploadsCopied: 0, uploadsMissing: 0, redirects: null, files: 0, bag: null };
  }

  progress.log(`snapshot: extracting posts from ${crawled.summary.archived} archived responses`);
  const result = await extract.extractArchive(p.crawl, {
    onResponse: (done) => progress.update(`snapshot: extract ${done}/${crawled.summary.archived} responses read`),
  });
  await writeOutputFiles(p.data, extract.extractResultFiles(result));
  // Exports read the data folder as `export` would, so a snapshot's exports equal the commands' exports.
  const data = await loadDataDir(p.data);
  // Checked against schema/ as the export commands check their input: a record extract got wrong stops
  // the snapshot here (exit 2, no manifest.json) instead of reaching the exports.
  checkExportInput(data, p.data);
  const input = { posts: data.posts, pages: data.pages, categories: data.categories, authors: data.authors, urls: data.urls };
  // The JSON export (same records, keys in the schema's order) replaces extract's copies; CSV joins them.
  await writeOutputFiles(p.data, [...toJsonFiles(input, { jsonl: false }), toCsv(data.posts, 'posts.csv')]);

  progress.log(`snapshot: writing Markdown for ${data.posts.length} posts and ${data.pages.length} pages`);
  const wanted = neededUploadUrls(input);
  const imageBytes = wanted.length ? await collectUploads(p.crawl, wanted, progress) : new Map<string, Buffer>();
  const md = exportMarkdown(input, { layout: o.layout, images: 'copy', imageBytes });
  await writeOutputFiles(p.markdown, md.files);

  let redirectSummary: SnapshotResult['redirects'] = null;
  if (redirects && rules) {
    progress.log('snapshot: planning redirects and writing every map format');
    const plan = redirects.planRedirects(input, rules);
    if (plan.problems.length > 0) {
      const first = plan.problems[0]!.message;
      throw new UsageError(`--rules ${o.rulesFile}: ${plan.problems.length} problem(s) stop the redirect maps, first: ${first}; fix the rules (or check them with \`naring-archive export redirects ${join(o.outDir, 'data')} --rules ${o.rulesFile} --format csv --out check.csv\`)`);
    }
    const out = redirects.toAllRedirectFiles(plan, o.serverRoot);
    await writeOutputFiles(p.redirects, out.files);
    redirectSummary = { rows: plan.rows.length, coverage: redirects.describeCoverage(plan), notes: out.notes };
  }

  let bag: BagSummary | null = null;
  if (o.bag) {
    progress.log('snapshot: writing the BagIt package');
    const date = crawlDate(crawled.summary);
    bag = await writeBag({
      sourceDir: o.outDir,
      exclude: [BAG_DIR, MANIFEST_NAME, REPORT_NAME],
      bagDir: p.bag,
      info: [
        ...(date ? [['Bagging-Date', date] as const] : []),
        ['Bag-Software-Agent', `${PACKAGE_NAME} ${PACKAGE_VERSION}`],
        ['External-Description', `Web archive (WARC) and extracted posts of ${crawled.summary.startUrls.join(' ')}`],
        ['External-Identifier', crawled.summary.startUrls[0] ?? ''],
      ],
    });
  }

  progress.log('snapshot: writing manifest.json');
  const manifest = await buildManifest(o.outDir, [MANIFEST_NAME, BAG_DIR, REPORT_NAME]);
  await writeFileAtomic(p.manifest, toJsonText(manifest));
  return {
    ...base,
    posts: data.posts.length,
    pages: data.pages.length,
    urls: data.urls.length,
    markdownFiles: md.files.length,
    uploadsCopied: md.copied.length,
    uploadsMissing: md.missing.length,
    redirects: redirectSummary,
    files: manifest.files.length + 1,
    bag,
  };
}
