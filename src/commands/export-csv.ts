import { Option, type Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { loadDataDir, type DataDir } from '../data-dir.ts';
import { UsageError } from '../errors.ts';
import { CSV_DELIMITERS, toCsv, type CsvDelimiter } from '../exporters/csv.ts';
import { loadRules } from '../exporters/redirects/index.ts';
import { planUrls } from '../exporters/url-plan.ts';
import { writeOutputFiles } from '../exporters/write.ts';
import type { CommandSpec } from './spec.ts';
import { writeOrExplain } from './export-out.ts';

export const command: CommandSpec = {
  define(parent: Command) {
    return parent
      .command('csv')
      .description('write the editors\' sheet: one row per post, page and category (url, title, …, new_url, kind) for editors to map')
      .argument('<data-dir>', 'a folder that `naring-archive extract --out` wrote')
      .requiredOption('--out <file>', 'the CSV file to write, e.g. posts.csv')
      .addOption(new Option('--delimiter <char>', "field separator: ',' or ';' (Excel in Swedish and other locales splits on ';')").choices([...CSV_DELIMITERS]).default(','))
      .option('--rules <file>', 'redirect rules: pre-fill new_url with where the redirect map would send each row')
      .option('--map <csv>', "with --rules: an earlier editors' map, which wins over the rules in new_url")
      .option('--posts-only', 'only the post rows (as before pages and categories had rows)')
      .addHelpText('after', `
Example: editors fill in new_url, the redirect export reads it back
  $ naring-archive export csv data --out posts.csv --rules rules.yaml --delimiter ';'
  (open posts.csv in Excel or LibreOffice, change new_url where the rules' choice is wrong, save as CSV UTF-8)
  $ naring-archive export redirects data --rules rules.yaml --map posts.csv --format nginx --out redirects.conf

RFC 4180 CSV: comma- (or semicolon-) separated, CRLF line ends, UTF-8 with a byte order mark (so Excel
shows å ä ö), categories joined with " | ". A cell that starts with = + - @ (or a tab or CR) is written
with a leading ' so a spreadsheet shows it as text instead of running it as a formula.`);
  },
  async run(args, opts) {
    const dataDir = String(args[0]);
    const out = String(opts.out ?? '');
    if (!out || out.endsWith('/') || (existsSync(out) && statSync(out).isDirectory())) {
      throw new UsageError(`--out ${JSON.stringify(out)}: give a file name for the CSV, e.g. --out posts.csv`);
    }
    if (opts.map !== undefined && opts.rules === undefined) throw new UsageError("--map: the editors' map needs the rules it overrides; add --rules FILE");
    const data = await loadDataDir(dataDir);
    try {
      return await exportCsv(data, out, opts);
    } finally {
      data.close();
    }
  },
};

async function exportCsv(data: DataDir, out: string, opts: Record<string, unknown>): Promise<number> {
  const rules = opts.rules === undefined ? null : await loadRules(String(opts.rules), { extraMap: opts.map === undefined ? undefined : String(opts.map) });
  const plan = rules ? planUrls(data, rules) : null;
  if (plan && plan.problems.length > 0) {
    for (const p of plan.problems.slice(0, 50)) process.stderr.write(`${p}\n`);
    throw new UsageError(`--rules ${String(opts.rules)}: ${plan.problems.length} problem(s) in the URL plan, listed above; nothing was written. Fix the rules or the editors' map`);
  }
  const postsOnly = opts.postsOnly === true;
  const file = toCsv(data.posts, basename(out), { delimiter: opts.delimiter as CsvDelimiter, pages: postsOnly ? [] : data.pages, categories: !postsOnly, plan });
  await writeOrExplain(out, () => writeOutputFiles(dirname(resolve(out)), [file]));
  const rows = postsOnly ? `${data.posts.length} posts` : `${data.posts.length} posts, ${data.pages.length} pages and their categories`;
  process.stderr.write(`export csv: ${rows} written to ${out}${plan ? ' (new_url from the rules)' : ''}\n`);
  return 0;
}
