import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandSpec } from './spec.ts';
import { UsageError } from '../errors.ts';
import { createProgress } from '../progress.ts';
import { normalizeUrl } from '../url.ts';
import { formatSummary } from '../scrapers/crawl-summary.ts';
import { importMirror } from '../scrapers/sources/mirror.ts';
import { addWaybackOptions, resolveWaybackOptions } from '../scrapers/sources/wayback/options.ts';
import { importWayback } from '../scrapers/sources/wayback/import.ts';
import { EXIT_INTERRUPTED } from './crawl.ts';

function outDirOf(opts: Record<string, unknown>): string {
  if (typeof opts.out !== 'string' || !opts.out) throw new UsageError('--out is required: the crawl folder to write, e.g. --out crawl');
  if (existsSync(opts.out) && !statSync(opts.out).isDirectory()) throw new UsageError(`--out ${JSON.stringify(opts.out)}: is a file, not a folder; choose a folder name`);
  return resolve(opts.out);
}

export const mirrorCommand: CommandSpec = {
  define(parent: Command) {
    return parent
      .command('mirror')
      .description('turn a folder saved by wget, HTTrack, Simply Static or WP2Static into a crawl folder')
      .argument('<folder>', 'the saved copy (wget\'s host folder, or the folder that holds it)')
      .option('--base <url>', '(required) the URL the folder\'s root was served at, e.g. http://www.naringsbloggen.se/')
      .option('--out <dir>', '(required) the crawl folder to write (archive/*.warc.gz, index.cdxj, crawl-log.jsonl, crawl-summary.json)')
      .option('--resume', 'continue an import into --out that was cut short', false)
      .option('--json', 'print the summary as JSON on stdout', false)
      .option('--no-progress', 'no spinner or progress lines on stderr')
      .addHelpText('after', `
Example: a wget mirror someone saved in 2017, then the usual job
  $ naring-archive import mirror ./www.naringsbloggen.se --base http://www.naringsbloggen.se/ --out crawl
  $ naring-archive extract crawl --out data

Each file becomes a WARC resource record under the URL it was served at: a/b/index.html is /a/b/,
wget's index.html?p=12.html (or index.html%3Fp=12.html) is /?p=12, x.orig stands in for x, HTTrack pages
by their "Mirrored from" line. Files that map to no URL are listed in crawl-summary.json (unmapped).
Exit status: 0 done, 1 some files map to no URL (listed), 2 bad flags or no such folder.`);
  },
  async run(args, opts) {
    const folder = String(args[0] ?? '');
    if (typeof opts.base !== 'string') throw new UsageError('--base is required: the URL the folder\'s root was served at, e.g. --base http://www.naringsbloggen.se/');
    const baseUrl = normalizeUrl(opts.base);
    if (!baseUrl) throw new UsageError(`--base ${JSON.stringify(opts.base)}: expected an absolute http(s) URL, e.g. --base http://www.naringsbloggen.se/`);
    const outDir = outDirOf(opts);
    const progress = createProgress({ enabled: opts.progress !== false && !opts.json });
    try {
      const r = await importMirror({ folder, baseUrl, outDir, resume: Boolean(opts.resume), onProgress: (d, t) => progress.update(`import mirror: ${d} / ${t} files`) });
      progress.stop();
      process.stderr.write(`${formatSummary(r.summary, outDir, `Import of mirror ${folder}`)}\n`);
      const tool = r.unmapped.filter((u) => !/same URL as|converted by wget/.test(u.reason)).length;
      if (r.unmapped.length) process.stderr.write(`${r.unmapped.length} files not archived (${tool} map to no URL; the rest are second copies of a URL); listed in crawl-summary.json under "unmapped"\n`);
      if (opts.json) process.stdout.write(`${JSON.stringify(r.summary, null, 2)}\n`);
      return tool > 0 ? 1 : 0;
    } finally {
      progress.stop();
    }
  },
};

export const waybackCommand: CommandSpec = {
  define(parent: Command) {
    const cmd = parent
      .command('wayback')
      .description('rebuild a site that is gone from a Wayback-compatible web archive (CDX API + raw id_ captures), politely')
      .argument('<url-prefix...>', 'the site (or sub-blog) as it was, e.g. http://www.naringsbloggen.se/');
    addWaybackOptions(cmd);
    return cmd.addHelpText('after', `
Example: Näringsbloggen as it last stood before it closed in January 2018
  $ naring-archive import wayback http://www.naringsbloggen.se/ --out crawl --to 20180115 \\
      --user-agent "naring-archive (archivist@example.se)"
  $ naring-archive extract crawl --out data
  Continue after Ctrl-C, a kill or a long 429 (nothing is fetched twice):
  $ naring-archive import wayback http://www.naringsbloggen.se/ --out crawl --to 20180115 --resume

Per URL the latest 200 capture in the range is taken (revisits resolve to the capture they repeat; captured
3xx on the site are kept as redirects; a capture that redirects off the site, such as the post-closure
redirect to the new home, is passed over for the one before it). crawl-log.jsonl says which and why.
Polite by default: one request at a time, CDX queries at most one per 3 s, captures at most --rate per
second, 429 and refused connections back off for a minute and more.
Exit status: 0 done, 1 URLs with no usable capture or that failed (listed), 2 bad flags or the archive
unreachable, 130 interrupted (continue with --resume).`);
  },
  async run(args, opts) {
    const o = resolveWaybackOptions((args[0] as string[] | undefined) ?? [], opts, outDirOf(opts));
    const progress = createProgress({ enabled: o.progress && !o.json });
    const controller = new AbortController();
    const onSigint = () => { progress.log('Stopping after the request in flight…'); controller.abort(); };
    process.on('SIGINT', onSigint);
    try {
      const r = await importWayback({ ...o, signal: controller.signal }, {
        onProgress: (s) => progress.update(`import wayback: ${s.done} captures, ${s.queued} queued, ${s.cdx} CDX queries, ${s.failed} failed`),
        onLog: (line) => progress.log(line),
      });
      progress.stop();
      process.stderr.write(`${formatSummary(r.summary, o.outDir, o.archiveBase === 'https://web.archive.org' ? 'Import from the Wayback Machine' : `Import from the web archive at ${o.archiveBase}`)}\n`);
      if (r.noCapture.length) process.stderr.write(`${r.noCapture.length} URLs have no usable capture (listed in crawl-summary.json under "noUsableCapture"), e.g. ${r.noCapture[0]!.url}: ${r.noCapture[0]!.reason}\n`);
      if (o.json) process.stdout.write(`${JSON.stringify(r.summary, null, 2)}\n`);
      if (r.summary.interrupted) {
        process.stderr.write(`Interrupted. To finish the import, run it again with --resume.\n`);
        return EXIT_INTERRUPTED;
      }
      return r.summary.failed.length > 0 || r.noCapture.length > 0 ? 1 : 0;
    } finally {
      progress.stop();
      process.off('SIGINT', onSigint);
    }
  },
};
