import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadDataDir } from '../data-dir.ts';
import { UsageError } from '../errors.ts';
import { toCsvText } from '../exporters/csv.ts';
import { checkExportInput } from '../exporters/json-schema.ts';
import { writeFileAtomic } from '../exporters/write.ts';
import type { CommandSpec } from './spec.ts';
import { writeOrExplain } from './export-out.ts';

export const command: CommandSpec = {
  define(parent: Command) {
    return parent
      .command('csv')
      .description('write one row per post (url, title, date, author, categories, comment_count, excerpt, new_url) for editors to map')
      .argument('<data-dir>', 'a folder that `naring-archive extract --out` wrote')
      .requiredOption('--out <file>', 'the CSV file to write, e.g. posts.csv')
      .addHelpText('after', `
Example: editors fill in new_url, the redirect export reads it back
  $ naring-archive export csv data --out posts.csv
  (open posts.csv in Excel or LibreOffice, fill in new_url, save as CSV UTF-8)
  $ naring-archive export redirects data --rules rules.yaml --format nginx --out redirects.conf

RFC 4180 CSV: comma-separated, CRLF line ends, UTF-8 with a byte order mark (so Excel shows å ä ö),
categories joined with " | ". A cell that starts with = + - @ (or a tab or CR) is written with a
leading ' so a spreadsheet shows it as text instead of running it as a formula.`);
  },
  async run(args, opts) {
    const dataDir = String(args[0]);
    const out = String(opts.out ?? '');
    if (!out || out.endsWith('/') || (existsSync(out) && statSync(out).isDirectory())) {
      throw new UsageError(`--out ${JSON.stringify(out)}: give a file name for the CSV, e.g. --out posts.csv`);
    }
    const data = await loadDataDir(dataDir);
    checkExportInput(data, dataDir);
    await writeOrExplain(out, () => writeFileAtomic(resolve(out), toCsvText(data.posts)));
    process.stderr.write(`export csv: ${data.posts.length} posts written to ${out}\n`);
    return 0;
  },
};
