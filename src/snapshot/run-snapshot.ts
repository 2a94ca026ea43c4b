/**
 * The whole job into one folder: crawl → extract → every export → (bag) → manifest.json, in the layout of
 * layout.ts. It is built in a hidden sibling folder and moved over --out only once manifest.json is written
 * (out-dir.ts), so --out always holds a finished snapshot: the new one, or the previous one untouched.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDataDir, type DataDir } from '../data-dir.ts';
import { InterruptedError, UsageError } from '../errors.ts';
import type { Layout } from '../exporters/front-matter.ts';
import { toCsv } from '../exporters/csv.ts';
import { toJsonFiles } from '../exporters/json.ts';
import { exportMarkdown } from '../exporters/markdown.ts';
import { neededUploadUrls } from '../exporters/site-index.ts';
import { planUrls } from '../exporters/url-plan.ts';
import { toJsonText, writeFileAtomic, writeOutputFiles } from '../exporters/write.ts';
import type { Progress } from '../progress.ts';
import { crawlSite, type CrawlOptions, type CrawlSummary } from '../scrapers/crawl.ts';
import { readArchivedFiles } from '../scrapers/archive.ts';
import { writeBag, type BagSummary } from './bagit.ts';
import { BAG_DIR, MANIFEST_NAME, REPORT_NAME, snapshotPaths } from './layout.ts';
import { checkSnapshotTarget, preparePartial, replaceSnapshot } from './out-dir.ts';
import { buildManifest } from './manifest.ts';
import * as extract from '../scrapers/extract-site.ts';
import { startLiveExtract, type LiveExtract } from '../scrapers/extract-live.ts';
import * as redirectMaps from '../exporters/redirects/index.ts';
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
  /** Threads reading pages in extract's first pass (survey-pool.ts); default one per core. */
  jobs?: number;
  signal?: AbortSignal;
  /**
   * Fills the crawl folder from somewhere other than a live crawl (`demo --source wayback`: an import from a
   * web archive); the rest of the snapshot is the same.
   */
  source?: (crawlDir: string, progress: Progress) => Promise<{ summary: CrawlSummary; interrupted: boolean }>;
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


/** The crawl's start date (YYYY-MM-DD) for bag-info.txt: the bag describes that crawl, not the moment of bagging. */
function crawlDate(summary: CrawlSummary): string | null {
  return /^\d{4}-\d{2}-\d{2}/.test(summary.startedAt) ? summary.startedAt.slice(0, 10) : null;
}

/**
 * Ctrl-C or SIGTERM after the crawl: stop at the next step, before --out is replaced (checked between
 * phases and after every response extract reads, so a long extract stops within a page).
 */
function checkpointOf(o: SnapshotOptions): (phase: string) => void {
  return (phase) => {
    if (o.signal?.aborted) throw new InterruptedError(`interrupted during ${phase}; ${o.outDir} was not changed`);
  };
}

export async function takeSnapshot(o: SnapshotOptions, progress: Progress): Promise<SnapshotResult> {
  // The rules are read before anything is written, so a bad rules file leaves the folder untouched.
  const rules = o.rulesFile ? await redirectMaps.loadRules(o.rulesFile) : null;
  await checkSnapshotTarget(o.outDir);
  const work = await preparePartial(o.outDir, o.crawl.resume);
  const p = snapshotPaths(work);
  try {
    return await build(o, p, rules, progress);
  } catch (err) {
    // The previous snapshot in --out is untouched; the crawl is kept so a rerun need not fetch it all again.
    if (err instanceof UsageError && (await stat(join(p.crawl, 'index.cdxj')).catch(() => null))) {
      throw new UsageError(`${err.message} (the crawl is kept in ${work}; rerun with --resume to reuse it)`);
    }
    if (err instanceof InterruptedError) {
      throw new InterruptedError(`${err.message}. The finished crawl is kept in ${work}: run the same command again with --resume to reuse it`, err.exitCode);
    }
    throw err;
  }
}

async function build(
  o: SnapshotOptions,
  p: ReturnType<typeof snapshotPaths>,
  rules: redirectMaps.RedirectRules | null,
  progress: Progress,
): Promise<SnapshotResult> {

  if (!o.source) progress.log(`snapshot: crawling ${o.crawl.startUrls.join(' ')}${o.crawl.since ? ` (conditional requests against ${o.crawl.since})` : ''}`);
  // A live crawl is extracted while it runs, on a worker thread (extract-live.ts); an import is extracted after.
  const live = o.source ? null : startLiveExtract(p.crawl, p.data, '--out', o.signal, o.jobs);
  try {
    return await afterCrawl(o, p, rules, progress, live);
  } finally {
    await live?.stop();
  }
}

async function afterCrawl(
  o: SnapshotOptions,
  p: ReturnType<typeof snapshotPaths>,
  rules: redirectMaps.RedirectRules | null,
  progress: Progress,
  live: LiveExtract | null,
): Promise<SnapshotResult> {
  const crawled = !live ? await o.source!(p.crawl, progress) : await crawlSite({ ...o.crawl, outDir: p.crawl, signal: o.signal }, {
    onProgress: (s) => progress.update(`snapshot: crawl ${s.done} done, ${s.queued} queued, ${s.inFlight} in flight, ${s.failed} failed, ${s.pagesPerSecond} pages/s`),
    onLog: (line) => progress.log(line),
    onCapture: (e) => live.capture(e),
  });
  const base = { crawl: crawled.summary, interrupted: crawled.interrupted };
  if (crawled.interrupted) {
    return { ...base, posts: 0, pages: 0, urls: 0, markdownFiles: 0, uploadsCopied: 0, uploadsMissing: 0, redirects: null, files: 0, bag: null };
  }

  const checkpoint = checkpointOf(o);
  checkpoint('extract');
  progress.log(`snapshot: extracting posts from ${crawled.summary.archived} archived responses`);
  if (live) {
    await live.finish().catch((err: unknown) => {
      throw err instanceof InterruptedError ? new InterruptedError(`interrupted during extract; ${o.outDir} was not changed`) : err;
    });
  } else {
    const result = await extract.extractArchive(p.crawl, {
      spillDir: p.root,
      jobs: o.jobs,
      onResponse: (done) => {
        checkpoint('extract');
        progress.update(`snapshot: extract ${done}/${crawled.summary.archived} responses read`);
      },
    });
    try {
      checkpoint('extract');
    } catch (err) {
      result.records?.dispose();
      throw err;
    }
    await extract.writeExtractResult(p.data, result);
  }
  checkpoint('extract');
  return exportAll(o, p, rules, progress, crawled);
}

/** What the exports wrote, as SnapshotResult reports it. */
type ExportCounts = Pick<SnapshotResult, 'posts' | 'pages' | 'urls' | 'markdownFiles' | 'uploadsCopied' | 'uploadsMissing' | 'redirects'>;

/**
 * Every export of the data folder into the snapshot, then the bag and manifest.json; then --out is replaced.
 * The exports run in a function of their own that returns only counts, so the records, the URL plan, the
 * Markdown documents and the uploads' bytes are garbage before the bag and the manifest walk the folder
 * (at 50,000 posts the manifest's own allocations piled on top of all of them).
 */
async function exportAll(
  o: SnapshotOptions,
  p: ReturnType<typeof snapshotPaths>,
  rules: redirectMaps.RedirectRules | null,
  progress: Progress,
  crawled: { summary: CrawlSummary; interrupted: boolean },
): Promise<SnapshotResult> {
  const checkpoint = checkpointOf(o);
  // Exports read the data folder as `export` would, so a snapshot's exports equal the commands' exports.
  // It is checked against schema/ as it is read: a record extract got wrong stops the snapshot here (exit 2,
  // no manifest.json) instead of reaching the exports.
  const data = await loadDataDir(p.data);
  let counts: ExportCounts;
  try {
    counts = await writeExports(o, p, rules, progress, data);
  } finally {
    data.close();
  }

  let bag: BagSummary | null = null;
  if (o.bag) {
    progress.log('snapshot: writing the BagIt package');
    const date = crawlDate(crawled.summary);
    bag = await writeBag({
      sourceDir: p.root,
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

  checkpoint('the exports');
  progress.log('snapshot: writing manifest.json');
  const manifest = await buildManifest(p.root, [MANIFEST_NAME, BAG_DIR, REPORT_NAME]);
  await writeFileAtomic(p.manifest, toJsonText(manifest));
  checkpoint('the manifest');
  await replaceSnapshot(p.root, o.outDir);
  return { crawl: crawled.summary, interrupted: crawled.interrupted, ...counts, files: manifest.files.length + 1, bag };
}

/** JSON, CSV, Markdown (with the uploads) and, with rules, every redirect map; returns only what it counted. */
async function writeExports(
  o: SnapshotOptions,
  p: ReturnType<typeof snapshotPaths>,
  rules: redirectMaps.RedirectRules | null,
  progress: Progress,
  data: DataDir,
): Promise<ExportCounts> {
  const input = { posts: data.posts, pages: data.pages, categories: data.categories, authors: data.authors, urls: data.urls };
  // One URL plan for the editors' sheet, the Markdown (hugo, jekyll) and the redirect maps, read off the rules.
  const urlPlan = rules ? planUrls(input, rules) : null;
  // The JSON export (same records, keys in the schema's order) replaces extract's copies; CSV joins them.
  await writeOutputFiles(p.data, [...toJsonFiles(input, { jsonl: false }), toCsv(data.posts, 'posts.csv', { pages: data.pages, categories: true, plan: urlPlan })]);

  progress.log(`snapshot: writing Markdown for ${data.posts.length} posts and ${data.pages.length} pages`);
  const markdown = await writeMarkdown(o, p, progress, input, urlPlan);

  let redirects: SnapshotResult['redirects'] = null;
  if (rules) {
    progress.log('snapshot: planning redirects and writing every map format');
    const plan = urlPlan!.redirects!;
    if (plan.problems.length > 0) {
      const first = plan.problems[0]!.message;
      throw new UsageError(`--rules ${o.rulesFile}: ${plan.problems.length} problem(s) stop the redirect maps, first: ${first}; fix the rules (or check them with \`naring-archive export redirects ${join(o.outDir, 'data')} --rules ${o.rulesFile} --format csv --out check.csv\`)`);
    }
    const out = redirectMaps.toAllRedirectFiles(plan, o.serverRoot);
    await writeOutputFiles(p.redirects, out.files);
    redirects = { rows: plan.rows.length, coverage: redirectMaps.describeCoverage(plan), notes: out.notes };
  }
  return { posts: data.posts.length, pages: data.pages.length, urls: data.urls.length, ...markdown, redirects };
}

/** The Markdown export with the uploads it links read from the archive; the documents and bytes end here. */
async function writeMarkdown(
  o: SnapshotOptions,
  p: ReturnType<typeof snapshotPaths>,
  progress: Progress,
  input: Parameters<typeof exportMarkdown>[0],
  urlPlan: ReturnType<typeof planUrls> | null,
): Promise<Pick<SnapshotResult, 'markdownFiles' | 'uploadsCopied' | 'uploadsMissing'>> {
  const wanted = neededUploadUrls(input);
  const imageBytes: ReadonlyMap<string, Buffer> = wanted.length
    ? await readArchivedFiles(p.crawl, wanted, (done) => progress.update(`snapshot: reading uploads from the archive ${done}/${wanted.length}`))
    : new Map();
  const md = exportMarkdown(input, { layout: o.layout, images: 'copy', imageBytes, plan: urlPlan && urlPlan.problems.length === 0 ? urlPlan : undefined });
  await writeOutputFiles(p.markdown, md.files);
  return { markdownFiles: md.files.length, uploadsCopied: md.copied.length, uploadsMissing: md.missing.length };
}
