import type { Command } from 'commander';
import { loadDataDir } from '../data-dir.ts';
import { UsageError } from '../errors.ts';
import { toJsonFiles } from '../exporters/json.ts';
import { writeOutputFiles } from '../exporters/write.ts';
import type { CommandSpec } from './spec.ts';
import { assertFolderOrAbsent, writeOrExplain } from './export-out.ts';

export const command: CommandSpec = {
  define(parent: Command) {
    return parent
      .command('json')
      .description('write posts, pages, categories and authors as JSON (or JSON Lines) that matches the schemas in schema/')
      .argument('<data-dir>', 'a folder that `naring-archive extract --out` wrote')
      .requiredOption('--out <dir>', 'the folder to write posts.json, pages.json, categories.json and authors.json into')
      .option('--jsonl', 'write JSON Lines (posts.jsonl, …: one record per line) instead of JSON arrays', false)
      .addHelpText('after', `
Example:
  $ naring-archive export json data --out json
  $ naring-archive export json data --out json --jsonl

Records are sorted by URL with a fixed key order, so two exports of the same data are identical bytes.
Their JSON Schemas (draft 2020-12) are in the package's schema/ folder: posts.schema.json,
pages.schema.json, categories.schema.json, authors.schema.json (items: post-record.schema.json,
term-summary.schema.json).`);
  },
  async run(args, opts) {
    const dataDir = String(args[0]);
    const out = String(opts.out ?? '');
    if (!out) throw new UsageError('--out: give the folder to write the JSON files into, e.g. --out json');
    assertFolderOrAbsent(out);
    const data = await loadDataDir(dataDir);
    const files = toJsonFiles(data, { jsonl: opts.jsonl === true });
    try {
      await writeOrExplain(out, () => writeOutputFiles(out, files));
    } finally {
      data.close();
    }
    process.stderr.write(`export json: ${data.posts.length} posts, ${data.pages.length} pages, ${data.categories.length} categories, ${data.authors.length} authors written to ${out} (${files.map((f) => f.path).join(', ')})\n`);
    return 0;
  },
};
