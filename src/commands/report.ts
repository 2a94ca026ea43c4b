import type { Command } from 'commander';
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { writeChunksAtomic } from '../exporters/write.ts';
import { reportHtmlChunks } from '../exporters/report/index.ts';
import { assertSnapshotDir } from '../snapshot/layout.ts';
import { loadReportData } from '../snapshot/report-data.ts';
import { describeNumbersCoverage } from '../snapshot/summary.ts';
import type { CommandSpec } from './spec.ts';
import { writeOrExplain } from './export-out.ts';

export const command: CommandSpec = {
  define(parent: Command) {
    return parent
      .command('report')
      .description('write one self-contained HTML page about the migration: provenance, every post with its old and new URL, the site tree, charts, redirect coverage, checks and problems')
      .argument('<snapshot-dir>', 'a folder that `naring-archive snapshot --out` wrote')
      .requiredOption('--out <file>', 'the HTML file to write, e.g. report.html')
      .option('--verify <file>', 'the JSON `verify-redirects --json` printed: shown in the page as the check of the new server')
      .addHelpText('after', `
Example:
  $ naring-archive snapshot https://www.naringsbloggen.se/ --out snap --rules rules.yaml
  $ naring-archive verify-redirects snap/redirects/redirects.json --base http://new-server.internal --json > verify.json
  $ naring-archive report snap --out snap/report.html --verify verify.json

The page has inline CSS, one inline script (search and sorting; the page is complete without it) and no
external assets, so it can be mailed or attached as it is. Links to each post's Markdown file and to its
page in the browsable copy (snap/site/, from \`export site\`) are relative to --out.`);
  },
  async run(args, opts) {
    const [dir] = args as [string];
    const out = String(opts.out ?? '');
    if (!out || out.endsWith('/')) throw new UsageError(`--out ${JSON.stringify(out)}: give a file name for the HTML page, e.g. --out report.html`);
    await assertSnapshotDir(dir, 'snapshot');
    const data = await loadReportData(dir, { reportFile: resolve(out), verifyFile: typeof opts.verify === 'string' ? opts.verify : undefined });
    await writeOrExplain(out, () => writeChunksAtomic(resolve(out), reportHtmlChunks(data)));
    const n = data.numbers;
    const checked = data.verify ? `; redirects checked: ${data.verify.correct} of ${data.verify.checked} correct` : '';
    process.stderr.write(`report: ${n.posts} posts, ${n.urls} old URLs, ${n.archived} URLs archived, ${n.failed} failed, ${n.clientErrors} answered 4xx; ${describeNumbersCoverage(n)}${checked}; wrote ${out}\n`);
    return data.verify && data.verify.wrong.length > 0 ? 1 : 0;
  },
};
