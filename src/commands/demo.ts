import type { Command } from 'commander';
import { join } from 'node:path';
import { writeChunksAtomic } from '../exporters/write.ts';
import { reportHtmlChunks } from '../exporters/report/index.ts';
import { createProgress } from '../progress.ts';
import { UsageError } from '../errors.ts';
import { DEFAULT_DEMO_OUT, DEMO_START_URL, demoRulesFile, demoSnapshotFlags, startDemoReplica, startDemoWayback } from '../snapshot/demo.ts';
import { REPORT_NAME, SITE_DIR, snapshotPaths } from '../snapshot/layout.ts';
import { exportSite } from '../snapshot/site-export.ts';
import { readSnapshotNumbers } from '../snapshot/numbers.ts';
import { loadReportData } from '../snapshot/report-data.ts';
import { takeSnapshot } from '../snapshot/run-snapshot.ts';
import { displayPath, formatSnapshotSummary } from '../snapshot/summary.ts';
import { resolveSnapshotOptions } from './snapshot.ts';
import type { CommandSpec } from './spec.ts';

export const command: CommandSpec = {
  define(parent: Command) {
    return parent
      .command('demo')
      .description('serve the bundled replica of Näringsbloggen on 127.0.0.1 and run the whole job on it (the default main job)')
      .option('--out <dir>', 'the snapshot folder to write', DEFAULT_DEMO_OUT)
      .option('--source <live|wayback>', 'live: crawl the replica; wayback: import it from a local Wayback of the replica, as for a site that is gone', 'live')
      .option('--no-progress', 'no spinner or progress lines on stderr')
      .addHelpText('after', `
Example:
  $ naring-archive demo --out ./naring-archive-out
  $ naring-archive demo --source wayback --out ./from-wayback   (the same posts, from the archive)
  $ naring-archive diff ./naring-archive-out ./another-run      (exit 0: the output is deterministic)

What it does: starts the replica server on 127.0.0.1 at a free port, then runs
  naring-archive snapshot ${DEMO_START_URL} --out DIR --assets --rules fixtures/rules/… \\
      --connect-to www.naringsbloggen.se:80:127.0.0.1:PORT --rate 500 --concurrency 4
and writes DIR/site/ (export site) and DIR/report.html. Every file speaks of http://www.naringsbloggen.se/, never of the local port.
Exit status: 0 done, 1 done but some URLs failed, 2 a fatal error (the bundled fixtures missing, a port or folder problem).`);
  },
  async run(_args, opts) {
    const out = String(opts.out ?? DEFAULT_DEMO_OUT);
    const progressOn = opts.progress !== false;
    const rules = demoRulesFile();
    const sourceName = String(opts.source ?? 'live');
    if (sourceName !== 'live' && sourceName !== 'wayback') throw new UsageError(`--source ${JSON.stringify(sourceName)}: expected live or wayback, e.g. --source wayback`);
    const wayback = sourceName === 'wayback' ? await startDemoWayback() : null;
    const replica = await startDemoReplica();
    const progress = createProgress({ enabled: progressOn });
    try {
      progress.log(`demo: the replica of ${DEMO_START_URL} is serving on ${replica.origin}`);
      const options = await resolveSnapshotOptions([DEMO_START_URL], demoSnapshotFlags(out, replica.port, rules, progressOn));
      if (wayback) progress.log(`demo: a local Wayback of the replica is serving on ${wayback.origin}`);
      const r = await takeSnapshot(wayback ? { ...options, source: wayback.source } : options, progress);
      if (r.interrupted) {
        progress.stop(`Interrupted during the crawl; ${displayPath(options.outDir)} was not changed.`);
        return 130;
      }
      // The browsable copy first, so the report can link every post to its archived page.
      progress.log('demo: writing the browsable copy of the archive into site/');
      const site = await exportSite(snapshotPaths(options.outDir).crawl, join(options.outDir, SITE_DIR), (done, total) => progress.update(`demo: site copy ${done}/${total} files`));
      const reportPath = join(options.outDir, REPORT_NAME);
      await writeChunksAtomic(reportPath, reportHtmlChunks(await loadReportData(options.outDir)));
      const look = `Where to look first: ${displayPath(reportPath)} (open it in a browser), then ${displayPath(join(options.outDir, SITE_DIR, 'index.html'))}, ${displayPath(join(options.outDir, 'markdown'))}/ and ${displayPath(join(options.outDir, 'redirects'))}/.`;
      const siteLine = `  site:      ${site.pages} archived pages, browsable from disk  → ${displayPath(join(options.outDir, SITE_DIR))}/`;
      progress.stop(`${formatSnapshotSummary(r, options.outDir, await readSnapshotNumbers(options.outDir))}${siteLine}\n  report:    ${displayPath(reportPath)}\n${look}`);
      return r.crawl.failed.length > 0 ? 1 : 0;
    } catch (err) {
      progress.stop();
      throw err;
    } finally {
      await replica.close();
      await wayback?.close();
    }
  },
};
