import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CommandSpec } from './spec.ts';
import { UsageError } from '../errors.ts';
import { createProgress } from '../progress.ts';
import { checkCrawlDir, extractArchive, extractSite, writeExtractResult, type ExtractResult } from '../scrapers/extract-site.ts';
import { readWarcFiles } from '../scrapers/archive-reader.ts';
import { foreignWarcFiles, isOwnCrawl } from '../scrapers/sources/warc-files.ts';
import { loadProfile, type Profile } from '../scrapers/profile.ts';
import { findTruncatedWarcs } from '../scrapers/archive.ts';
import { unfinishedCrawlReason } from '../scrapers/crawl-summary.ts';
import { writeOrExplain } from './export-out.ts';
import { digestOf, type ExtractDigest } from '../scrapers/extract-live.ts';
import { isSpillFault } from '../scrapers/extract/spill.ts';
import { fsErrorText } from '../fs-fault.ts';
import { defaultJobs } from '../scrapers/survey-pool.ts';

interface ExtractCommandOptions {
  crawlDir: string;
  /** Another tool's WARC files, when <crawl-dir> names those rather than a crawl folder. */
  warcFiles: string[] | null;
  outDir: string;
  profile: Profile | undefined;
  json: boolean;
  progress: boolean;
  jobs: number;
}

/** `--jobs N`: threads reading pages; a whole number from 1 to 64. */
export function parseJobs(value: unknown, flag = '--jobs'): number {
  if (value === undefined) return defaultJobs();
  const s = String(value).trim();
  if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 64) throw new UsageError(`${flag} "${String(value)}": expected a whole number of threads from 1 to 64, e.g. ${flag} 2 (default: one per CPU core, here ${defaultJobs()})`);
  return Number(s);
}

/** Before the archive is read (which may take minutes): an output that can never be a folder is said now. */
export function checkExtractOut(out: string, flag: string): void {
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`${flag} ${out}: is a file, not a folder; choose a folder name, e.g. ${flag} data`);
}

/** Validates the flags once; every later step takes this typed object. */
async function resolveOptions(args: unknown[], opts: Record<string, unknown>): Promise<ExtractCommandOptions> {
  const crawlDir = args[0];
  if (typeof crawlDir !== 'string' || !crawlDir) throw new UsageError('<crawl-dir> is required: the folder `naring-archive crawl --out` wrote, e.g. extract crawl --out data');
  if (typeof opts.out !== 'string' || !opts.out) throw new UsageError('--out is required: the folder to write posts.json, urls.json, … into, e.g. --out data');
  // Before the archive is read (which may take minutes): an --out that can never be a folder is said now.
  checkExtractOut(opts.out, '--out');
  const jobs = parseJobs(opts.jobs);
  const profile = typeof opts.profile === 'string' ? await loadProfile(opts.profile) : undefined;
  const warcFiles = foreignWarcFiles(crawlDir);
  if (warcFiles) return { crawlDir, warcFiles, outDir: opts.out, profile, json: Boolean(opts.json), progress: opts.progress !== false, jobs };
  checkCrawlDir(crawlDir);
  // A cut-short archive would otherwise extract quietly to fewer posts and exit 0, looking whole.
  const truncated = await findTruncatedWarcs(crawlDir);
  if (truncated.length > 0) {
    const more = truncated.length > 1 ? ` (and ${truncated.length - 1} more file(s))` : '';
    throw new UsageError(`${truncated[0]}${more}: the archive is cut short (a partial copy?); copy the crawl folder again from where it was written, or crawl again`);
  }
  return { crawlDir, warcFiles: null, outDir: opts.out, profile, json: Boolean(opts.json), progress: opts.progress !== false, jobs };
}

/** The closing summary on stderr (also `crawl --extract`'s, from the worker's digest). */
export function formatExtractSummary(r: ExtractDigest, outDir: string): string {
  const s = r.summary;
  const lines = [
    `extract: ${s.posts} posts, ${s.pages} pages, ${r.categories} categories, ${r.authors} authors, ${s.urls} URLs → ${outDir}`,
    `problems: ${s.errors} errors, ${s.warnings} warnings, ${s.disagreements} disagreements between sources (see extract-report.json)`,
  ];
  for (const p of r.errors) lines.push(`  error: ${p.url}: ${p.reason}`);
  if (s.errors > 10) lines.push(`  … and ${s.errors - 10} more errors in extract-report.json`);
  return lines.join('\n');
}

export const command: CommandSpec = {
  define(parent: Command) {
    return parent
      .command('extract')
      .description('turn a crawl archive into one record per post: posts, pages, categories, authors, urls and a report')
      .argument('<crawl-dir>', 'the folder `naring-archive crawl --out` or `import` wrote (holds archive/*.warc.gz); or another tool\'s WARC file(s): a .warc/.warc.gz file, or a folder holding them')
      .option('--out <dir>', 'folder for posts.json, pages.json, categories.json, authors.json, urls.json, extract-report.json')
      .option('--profile <file>', 'JSON or YAML of CSS selectors for a theme the built-in rules do not read, e.g. post: { title: "h1.headline" }')
      .option('--json', 'also print the report summary as JSON on stdout', false)
      .option('--jobs <n>', `threads reading pages (default: one per CPU core, at most 8; here ${defaultJobs()}); 1 reads on one thread`)
      .option('--no-progress', 'no spinner or progress lines on stderr')
      .addHelpText('after', `
Examples:
  Extract every post of a crawl into ./data:
    $ naring-archive extract crawl --out data
  Extract what wget saved with --warc-file=site (Heritrix, browsertrix-crawler and warcprox WARCs too):
    $ naring-archive extract site.warc.gz --out data
  A theme whose titles are in <h1 class="headline"> and bodies in <div class="story">:
    $ cat profile.yaml
    post:    { title: "h1.headline", content: "div.story" }
    listing: { item: "div.teaser", title: "h2 a" }
    $ naring-archive extract crawl --out data --profile profile.yaml

Files written (all sorted by URL, same archive → same bytes): posts.json, pages.json, categories.json,
authors.json, urls.json, extract-report.json (pages not understood, missing titles, disagreements).

Exit status: 0 clean, 1 the report holds errors (pages not understood, missing titles, profile selectors
that matched nothing) or the crawl never finished (killed or interrupted; all files still written), 2 bad flags, not a crawl folder, an archive cut short
after the crawl (index.cdxj lists captures past the end of a WARC file) or a bad profile.`);
  },

  async run(args, opts) {
    const o = await resolveOptions(args, opts);
    const progress = createProgress({ enabled: o.progress && !o.json });
    let result: ExtractResult;
    try {
      // Records wait on disk beside --out (its disk, not a RAM-backed /tmp), in a hidden folder removed after.
      const beside = dirname(resolve(o.outDir));
      const options = { profile: o.profile, jobs: o.jobs, spillDir: existsSync(beside) && statSync(beside).isDirectory() ? beside : undefined, onResponse: (n: number) => progress.update(`extract: ${n} responses read`) };
      result = o.warcFiles ? await extractSite(() => readWarcFiles(o.warcFiles!), options) : await extractArchive(o.crawlDir, options);
    } catch (err) {
      // The spill folder sits beside --out: a full or read-only disk there is the same mend as for --out.
      if (isSpillFault(err)) throw new UsageError(`--out ${o.outDir}: ${fsErrorText(err)}`);
      throw err;
    } finally {
      progress.stop();
    }
    const digest = digestOf(result);
    await writeOrExplain(o.outDir, () => writeExtractResult(o.outDir, result));
    process.stderr.write(`${formatExtractSummary(digest, o.outDir)}\n`);
    if (o.json) process.stdout.write(`${JSON.stringify(result.report.summary, null, 2)}\n`);
    // The posts of a crawl that never finished are a part of the site: say so, and do not exit clean.
    const unfinished = !o.warcFiles && isOwnCrawl(o.crawlDir) ? unfinishedCrawlReason(o.crawlDir) : null;
    if (unfinished) process.stderr.write(`unfinished crawl: ${o.crawlDir}: ${unfinished}; these files hold only what it archived. Continue it with \`naring-archive crawl <start-url> --out ${o.crawlDir} --resume\`, then extract again\n`);
    return result.report.summary.errors > 0 || unfinished ? 1 : 0;
  },
};
