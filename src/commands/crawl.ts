import type { Command } from 'commander';
import type { CommandSpec } from './spec.ts';
import { UsageError } from '../errors.ts';
import { createProgress } from '../progress.ts';
import { crawlSite, type CrawlResult } from '../scrapers/crawl.ts';
import { addCrawlOptions, resolveCrawlOptions } from '../scrapers/crawl-options.ts';
import { formatSummary } from '../scrapers/crawl-summary.ts';
import { startLiveExtract, type LiveExtract } from '../scrapers/extract-live.ts';
import { InterruptedError } from '../errors.ts';
import { checkExtractOut, formatExtractSummary, parseJobs } from './extract.ts';
import { defaultJobs } from '../scrapers/survey-pool.ts';

export { addCrawlOptions, resolveCrawlOptions } from '../scrapers/crawl-options.ts';

/** Exit status after Ctrl-C, as shells report a SIGINT death (128 + 2): the crawl did not finish. */
export const EXIT_INTERRUPTED = 130;

/** 1 when URLs failed or --max-pages stopped the crawl with URLs still queued (not the whole site), else 0. */
export function crawlExitStatus(result: CrawlResult): number {
  return result.summary.failed.length > 0 || result.summary.stoppedBy ? 1 : 0;
}

/** A word as a POSIX shell reads it back: bare when it is plain, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export const command: CommandSpec = {
  define(parent: Command) {
    const cmd = parent
      .command('crawl')
      .description('walk a site politely and keep every response in a WARC archive')
      .argument('<start-url...>', 'where to start; the default scope is each start URL\'s origin and folder')
      .option('--out <dir>', '(required) folder for archive/*.warc.gz, index.cdxj, crawl-log.jsonl, crawl-summary.json')
      .option('--extract <dir>', 'also extract the posts into <dir> while crawling (on a second thread): the same files as `extract <out> --out <dir>`')
      .option('--jobs <n>', `with --extract: threads reading what is left of the pages once the crawl has ended (default: one per CPU core, at most 8; here ${defaultJobs()})`)
      .option('--json', 'print the summary as JSON on stdout', false)
      .option('--no-progress', 'no spinner or progress lines on stderr');
    addCrawlOptions(cmd);
    return cmd.addHelpText('after', `
Examples:
  Crawl a blog into ./crawl (robots.txt obeyed, 2 requests/s):
    $ naring-archive crawl https://www.naringsbloggen.se/ --out crawl
  Crawl it under its real name from a local copy, faster, one sub-blog only:
    $ naring-archive crawl http://www.naringsbloggen.se/innovation/ --out crawl \\
        --connect-to www.naringsbloggen.se:80:127.0.0.1:8080 --rate 50 --concurrency 4
  Continue after Ctrl-C or a crash (every page archived exactly once):
    $ naring-archive crawl https://www.naringsbloggen.se/ --out crawl --resume
  Crawl and extract at once (data/ holds what \`extract crawl --out data\` would write):
    $ naring-archive crawl https://www.naringsbloggen.se/ --out crawl --extract data

Default bounds (each said in the summary when it is hit): --max-pages 50000, --max-archive-size 20 GB, --max-time 120 s per request,
--timeout 30 s idle, --max-body-size 50 MB, --max-pagination 5000, --max-query-variants 1000 per path; a page served byte for byte at more than
5 URLs (a soft 404) has its relative links followed only for the first 5.

Exit status: 0 every in-scope URL archived (4xx answers count, and are listed), 1 some URLs failed after
retries or --max-pages stopped the crawl (outputs still complete and valid), 2 bad flags, unreachable start URL or --out holding another
crawl, 130 interrupted by Ctrl-C, 143 by SIGTERM (resume with --resume). With --extract, also extract's: 1 when
its report holds errors, 2 when <dir> cannot be written; an interrupted run leaves <dir> as it was.`);
  },

  async run(args, opts) {
    const startUrls = (args[0] as string[] | undefined) ?? [];
    if (typeof opts.out !== 'string') throw new UsageError('--out is required: the folder to write the archive into, e.g. --out crawl');
    const options = resolveCrawlOptions(startUrls, opts, opts.out);
    const extractDir = typeof opts.extract === 'string' ? opts.extract : null;
    if (extractDir !== null) {
      if (!extractDir) throw new UsageError('--extract needs a folder to write posts.json, urls.json, … into, e.g. --extract data');
      checkExtractOut(extractDir, '--extract');
    }
    if (opts.jobs !== undefined && extractDir === null) throw new UsageError('--jobs is for --extract (the threads that read the pages): add --extract DIR, or leave --jobs out');
    const jobs = parseJobs(opts.jobs);
    const json = Boolean(opts.json);
    const progress = createProgress({ enabled: opts.progress !== false && !json });
    const controller = new AbortController();
    // SIGTERM (a cancelled CI job, `timeout`) stops like Ctrl-C: everything flushed, then exit 143.
    let exitCode = EXIT_INTERRUPTED;
    const onSigint = (signal: NodeJS.Signals) => {
      const code = signal === 'SIGTERM' ? 143 : EXIT_INTERRUPTED;
      if (controller.signal.aborted) process.exit(code);
      exitCode = code;
      progress.log(`Stopping (${signal}): letting requests in flight finish for a moment and flushing the archive (again to quit at once)…`);
      controller.abort();
    };
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigint);
    let live: LiveExtract | null = null;
    try {
      live = extractDir === null ? null : startLiveExtract(options.outDir, extractDir, '--extract', controller.signal, jobs);
      const result = await crawlSite({ ...options, signal: controller.signal }, {
        onProgress: (s) => progress.update(`crawl: ${s.done} done, ${s.queued} queued, ${s.inFlight} in flight, ${s.failed} failed, ${s.pagesPerSecond} pages/s`),
        onLog: (line) => progress.log(line),
        onCapture: live ? (e) => live!.capture(e) : undefined,
      });
      progress.stop();
      process.stderr.write(`${formatSummary(result.summary, options.outDir)}\n`);
      if (json) process.stdout.write(`${JSON.stringify(result.summary, null, 2)}\n`);
      if (result.interrupted) {
        // Every flag as given (--connect-to, --scope, …): a hint without them would fail every queued URL.
        const again = ['naring-archive', ...process.argv.slice(2).filter((a) => a !== '--resume'), '--resume'].map(shellQuote).join(' ');
        process.stderr.write(`Interrupted.${extractDir === null ? '' : ` ${extractDir} was not changed.`} To finish the crawl, run:\n  ${again}\n`);
        return exitCode;
      }
      if (!live) return crawlExitStatus(result);
      return Math.max(crawlExitStatus(result), await finishExtract(live, options.outDir, extractDir!, progress));
    } catch (err) {
      if (err instanceof InterruptedError) throw new InterruptedError(err.message, exitCode);
      throw err;
    } finally {
      await live?.stop();
      progress.stop();
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigint);
    }
  },
};

/** Pass 2 on the worker, then extract's summary; 1 when its report holds errors. */
async function finishExtract(live: LiveExtract, crawlDir: string, extractDir: string, progress: ReturnType<typeof createProgress>): Promise<number> {
  let done;
  try {
    done = await live.finish(() => progress.log(`extract: reading the posts of ${crawlDir} into ${extractDir}`));
  } catch (err) {
    if (err instanceof InterruptedError) throw new InterruptedError(`${err.message}; the crawl in ${crawlDir} is finished: extract it with \`naring-archive extract ${crawlDir} --out ${extractDir}\``);
    throw err;
  } finally {
    progress.stop();
  }
  process.stderr.write(`${formatExtractSummary(done.digest, extractDir)}\n`);
  const how = done.fellBack ? '; the archive held other records than the crawl announced, so it was read again from the start' : '';
  process.stderr.write(`extract: ${done.surveyedLive} of ${done.surveyed} responses surveyed on a worker thread while the crawl ran${how}\n`);
  return done.digest.summary.errors > 0 ? 1 : 0;
}
