import type { Command } from 'commander';
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { resolveCrawlDir } from '../snapshot/archive-entries.ts';
import { displayPath } from '../snapshot/summary.ts';
import { exportWacz } from '../snapshot/wacz-export.ts';
import type { CommandSpec } from './spec.ts';
import { writeOrExplain } from './export-out.ts';

export const command: CommandSpec = {
  define(parent: Command) {
    return parent
      .command('wacz')
      .description('package the archive as one WACZ 1.1.1 file (stored WARCs, CDXJ index, pages.jsonl of the posts, datapackage.json with hashes) for ReplayWeb.page and web archives')
      .argument('<crawl-dir>', 'a folder that `naring-archive crawl --out` wrote, or a snapshot folder (its crawl/ is used)')
      .requiredOption('--out <file>', 'the .wacz file to write')
      .option('--data <dir>', 'the extract --out folder whose posts and pages make pages.jsonl (default: the snapshot\'s data/, else extracted from the archive)')
      .addHelpText('after', `
Example:
  $ naring-archive export wacz snap --out naringsbloggen.wacz
  $ naring-archive export wacz crawl --data data --out naringsbloggen.wacz

Open the file in ReplayWeb.page (https://replayweb.page, "Choose File"), or hand it to a web archive.
Packing the same crawl twice gives the same bytes.`);
  },
  async run(args, opts) {
    const crawlDir = resolveCrawlDir(String(args[0]));
    const out = String(opts.out ?? '');
    if (!/\.wacz$/i.test(out)) throw new UsageError(`--out ${JSON.stringify(out)}: give a file name ending in .wacz, e.g. --out archive.wacz`);
    let r;
    await writeOrExplain(out, async () => {
      r = await exportWacz({
        crawlDir,
        out: resolve(out),
        dataDir: typeof opts.data === 'string' ? opts.data : undefined,
        onLog: (line) => process.stderr.write(`${line}\n`),
      });
    });
    const s = r!;
    process.stderr.write(`export wacz: ${s.warcs} WARC file(s), ${s.captures} captures, ${s.pages} pages (from ${s.recordsFrom}); ${s.bytes} bytes → ${displayPath(resolve(out))}\n`);
    return 0;
  },
};
