import { Option, type Command } from 'commander';
import { isAbsolute, join, resolve } from 'node:path';
import { InterruptedError, UsageError } from '../errors.ts';
import { LAYOUTS, type Layout } from '../exporters/front-matter.ts';
import { createProgress } from '../progress.ts';
import { addCrawlOptions, resolveCrawlOptions } from '../scrapers/crawl-options.ts';
import { REPORT_NAME, snapshotPaths } from '../snapshot/layout.ts';
import { partialDirOf, resolveSinceCrawl } from '../snapshot/out-dir.ts';
import { takeSnapshot, type SnapshotOptions } from '../snapshot/run-snapshot.ts';
import { readSnapshotNumbers } from '../snapshot/numbers.ts';
import { displayPath, formatSnapshotSummary } from '../snapshot/summary.ts';
import { reportHtmlChunks } from '../exporters/report/index.ts';
import { writeChunksAtomic } from '../exporters/write.ts';
import { loadReportData } from '../snapshot/report-data.ts';
import type { CommandSpec } from './spec.ts';
import { parseJobs } from './extract.ts';
import { defaultJobs } from '../scrapers/survey-pool.ts';

/** Where Apache reads the map from unless --server-root says otherwise; fixed, so snapshots stay identical. */
export const DEFAULT_SERVER_ROOT = '/etc/apache2/naring-archive';

/** Resolves the flags once; the crawl's own flags are checked by resolveCrawlOptions. */
export async function resolveSnapshotOptions(startUrls: string[], opts: Record<string, unknown>): Promise<SnapshotOptions> {
  const out = typeof opts.out === 'string' ? opts.out : '';
  if (!out) throw new UsageError('--out is required: the folder to write the snapshot into, e.g. --out snapshot');
  const outDir = resolve(out);
  const since = typeof opts.since === 'string' ? await resolveSinceCrawl(opts.since, outDir) : undefined;
  // The crawl is written into the build folder, which replaces --out once the snapshot is finished.
  const crawl = resolveCrawlOptions(startUrls, { ...opts, since }, snapshotPaths(partialDirOf(outDir)).crawl);
  const serverRoot = String(opts.serverRoot ?? DEFAULT_SERVER_ROOT);
  if (!isAbsolute(serverRoot)) throw new UsageError(`--server-root ${JSON.stringify(serverRoot)}: expected an absolute folder on the web server, e.g. --server-root ${DEFAULT_SERVER_ROOT}`);
  return {
    outDir,
    crawl,
    rulesFile: typeof opts.rules === 'string' ? resolve(opts.rules) : null,
    serverRoot,
    layout: (opts.layout ?? 'flat') as Layout,
    bag: opts.bag === true,
    jobs: parseJobs(opts.jobs),
  };
}

export const command: CommandSpec = {
  define(parent: Command) {
    const cmd = parent
      .command('snapshot')
      .description('crawl, extract and export everything (Markdown, JSON, CSV, redirect maps) into one folder, with manifest.json')
      .argument('<start-url...>', 'where the crawl starts, e.g. https://www.naringsbloggen.se/')
      .option('--out <dir>', 'the snapshot folder: crawl/, data/, markdown/, redirects/ and manifest.json (written last)')
      .option('--rules <file>', 'redirect rules (JSON or YAML): write the redirect maps in every format into redirects/')
      .option('--server-root <dir>', 'folder the web server reads Apache\'s map file from', DEFAULT_SERVER_ROOT)
      .addOption(new Option('--layout <layout>', 'Markdown layout').choices([...LAYOUTS]).default('flat'))
      .option('--bag', 'also write bag/, a BagIt package (RFC 8493, SHA-512) of the snapshot', false)
      .option('--jobs <n>', `threads reading pages once the crawl has ended (default: one per CPU core, at most 8; here ${defaultJobs()}); 1 keeps extract on one thread`)
      .option('--json', 'print the summary as JSON on stdout', false)
      .option('--no-progress', 'no spinner or progress lines on stderr');
    addCrawlOptions(cmd);
    return cmd.addHelpText('after', `
Example: a nightly snapshot with redirect maps, compared with last night's
  $ naring-archive snapshot https://www.naringsbloggen.se/ --out snap-new --rules rules.yaml --since snap-old
  $ naring-archive diff snap-old snap-new --fail-on removed

Example: a package for a national archive
  $ naring-archive snapshot https://www.naringsbloggen.se/ --out snap --assets --bag

--since takes the previous snapshot folder (or a crawl folder): pages are requested with If-None-Match /
If-Modified-Since and unchanged ones are stored as WARC revisits; data and exports stay complete.
Extraction runs on a worker thread while the crawl runs (as crawl --extract), so both cores work.
The snapshot is built beside --out and replaces it only when finished: a failed run leaves the previous
snapshot untouched (--since may name --out itself). With --since, two snapshots of an unchanged site are
identical byte for byte outside crawl/ (and manifest.json's lines for crawl/ files).
Exit status: 0 clean, 1 some URLs failed (everything still written), 2 bad flags or a fatal error
(--out is not changed), 130 interrupted by Ctrl-C, 143 by SIGTERM (--out not changed; rerun with --resume).`);
  },
  async run(args, opts) {
    const startUrls = (args[0] as string[] | undefined) ?? [];
    const options = await resolveSnapshotOptions(startUrls, opts);
    const json = opts.json === true;
    const progress = createProgress({ enabled: opts.progress !== false && !json });
    const controller = new AbortController();
    // SIGINT (Ctrl-C) and SIGTERM (a CI job cancelled, `timeout`) stop the same way, exiting 130 or 143 as a
    // shell reports those deaths; a second signal quits at once. --out is never changed by a stopped run.
    let exitCode = 130;
    const onSignal = (signal: NodeJS.Signals) => {
      const code = signal === 'SIGTERM' ? 143 : 130;
      if (controller.signal.aborted) process.exit(code);
      exitCode = code;
      progress.log(`Stopping (${signal}): finishing requests in flight; --out will not be changed (${signal === 'SIGTERM' ? 'SIGTERM' : 'Ctrl-C'} again to quit at once)…`);
      controller.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    let r;
    try {
      r = await takeSnapshot({ ...options, signal: controller.signal }, progress);
    } catch (err) {
      progress.stop();
      if (err instanceof InterruptedError) throw new InterruptedError(err.message, exitCode);
      throw err;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    if (r.interrupted) {
      progress.stop(`Interrupted during the crawl; ${options.outDir} was not changed. Run the same command again with --resume to finish it.`);
      return exitCode;
    }
    // report.html is a view of the finished folder (not in manifest.json), written once it is in place.
    const reportPath = join(options.outDir, REPORT_NAME);
    await writeChunksAtomic(reportPath, reportHtmlChunks(await loadReportData(options.outDir)));
    // The summary is the final text, so a throttled progress line never prints after it.
    progress.stop(`${formatSnapshotSummary(r, options.outDir, await readSnapshotNumbers(options.outDir))}  report:    ${displayPath(reportPath)}`);
    if (json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    return r.crawl.failed.length > 0 ? 1 : 0;
  },
};
