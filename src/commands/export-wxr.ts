import type { Command } from 'commander';
import { loadDataDir } from '../data-dir.ts';
import { UsageError } from '../errors.ts';
import { toWxrFiles } from '../exporters/wxr.ts';
import { writeOutputFiles } from '../exporters/write.ts';
import type { CommandSpec } from './spec.ts';
import { assertFolderOrAbsent, replaceExportFolder } from './export-out.ts';

export const command: CommandSpec = {
  define(parent: Command) {
    return parent
      .command('wxr')
      .description('write WordPress eXtended RSS 1.2 (the WordPress importer\'s format), one file per sub-blog')
      .argument('<data-dir>', 'a folder that `naring-archive extract --out` wrote')
      .requiredOption('--out <dir>', 'the folder to write <blog>.wxr.xml into')
      .addHelpText('after', `
Example: move the posts into another WordPress (Tools → Import → WordPress, one file per sub-blog)
  $ naring-archive export wxr data --out wxr
  $ wp import wxr/innovation.wxr.xml --authors=create

Each file holds the sub-blog's authors, categories (with their parents), tags, posts and pages (slug, local
and GMT date, body as HTML, excerpt), threaded comments, and every image as an attachment whose URL the
importer downloads. Post IDs are the old site's (from ?p= shortlinks) where known.`);
  },
  async run(args, opts) {
    const dataDir = String(args[0]);
    const out = String(opts.out ?? '');
    if (!out) throw new UsageError('--out: give the folder to write the WXR files into, e.g. --out wxr');
    assertFolderOrAbsent(out);
    const data = await loadDataDir(dataDir);
    let files;
    try {
      files = toWxrFiles(data);
      await replaceExportFolder(out, { export: 'wxr' }, (dir) => writeOutputFiles(dir, files!));
    } finally {
      data.close();
    }
    process.stderr.write(`export wxr: ${data.posts.length} posts, ${data.pages.length} pages in ${files.length} file(s) written to ${out} (${files.map((f) => f.path).join(', ')})\n`);
    return 0;
  },
};
