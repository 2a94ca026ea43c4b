import type { Command } from 'commander';
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { createProgress } from '../progress.ts';
import { resolveCrawlDir } from '../snapshot/archive-entries.ts';
import { exportSite } from '../snapshot/site-export.ts';
import { displayPath } from '../snapshot/summary.ts';
import type { CommandSpec } from './spec.ts';
import { writeOrExplain } from './export-out.ts';

export const command: CommandSpec = {
  define(parent: Command) {
    return parent
      .command('site')
      .description('write a static browsable copy of the archived pages: links and images rewritten to the copy, missing pages marked, a banner on every page')
      .argument('<crawl-dir>', 'a folder that `naring-archive crawl --out` wrote, or a snapshot folder (its crawl/ is used)')
      .requiredOption('--out <dir>', 'the folder for the copy (new, empty, or an earlier copy, which is replaced)')
      .option('--no-progress', 'no spinner or progress lines on stderr')
      .addHelpText('after', `
Example:
  $ naring-archive export site snap --out snap/site
  $ xdg-open snap/site/index.html          (or serve the folder with any static web server)

Every page opens from disk: links between archived pages and archived images point to the copy's own
files, links to pages the archive lacks go to _naring-archive/not-archived.html and are struck through,
and _naring-archive/index.html lists every archived page. \`report\` links each post to its page here
when the copy is the snapshot's site/ folder.`);
  },
  async run(args, opts) {
    const crawlDir = resolveCrawlDir(String(args[0]));
    const out = String(opts.out ?? '');
    if (!out) throw new UsageError('--out is required: the folder to write the copy into, e.g. --out site');
    const progress = createProgress({ enabled: opts.progress !== false });
    let r;
    try {
      await writeOrExplain(out, async () => {
        r = await exportSite(crawlDir, resolve(out), (done, total) => progress.update(`export site: ${done}/${total} files`));
      });
    } finally {
      progress.stop();
    }
    const s = r!;
    process.stderr.write(`export site: ${s.pages} pages and ${s.files - s.pages} other files from ${s.startUrl}; ${s.linksRewritten} links rewritten to the copy, ${s.linksMissing} to pages the archive lacks (marked); open ${displayPath(resolve(out))}/index.html\n`);
    return 0;
  },
};
