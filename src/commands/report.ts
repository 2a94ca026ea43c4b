import type { Command } from 'commander';
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { writeFileAtomic } from '../exporters/write.ts';
import { toReportHtml } from '../exporters/report-html.ts';
import { assertSnapshotDir } from '../snapshot/layout.ts';
import { loadReportData } from '../snapshot/report-data.ts';
import type { CommandSpec } from './spec.ts';
import { writeOrExplain } from './export-out.ts';

export const command: CommandSpec = {
  define(parent: Command) {
    return parent
      .command('report')
      .description('write one self-contained HTML page about the migration: counts, posts per blog, URLs by kind, redirect coverage, failures')
      .argument('<snapshot-dir>', 'a folder that `naring-archive snapshot --out` wrote')
      .requiredOption('--out <file>', 'the HTML file to write, e.g. report.html')
      .addHelpText('after', `
Example:
  $ naring-archive snapshot https://www.naringsbloggen.se/ --out snap --rules rules.yaml
  $ naring-archive report snap --out snap-report.html

The page has inline CSS and no scripts or external assets, so it can be mailed or attached as it is.`);
  },
  async run(args, opts) {
    const [dir] = args as [string];
    const out = String(opts.out ?? '');
    if (!out || out.endsWith('/')) throw new UsageError(`--out ${JSON.stringify(out)}: give a file name for the HTML page, e.g. --out report.html`);
    await assertSnapshotDir(dir, 'snapshot');
    const data = await loadReportData(dir);
    await writeOrExplain(out, () => writeFileAtomic(resolve(out), toReportHtml(data)));
    process.stderr.write(`report: ${data.totals.posts} posts, ${data.totals.urls} URLs, ${data.totals.failed} failed or answered 4xx; wrote ${out}\n`);
    return 0;
  },
};
