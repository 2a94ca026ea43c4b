import { Option, type Command } from 'commander';
import { dirname, join, resolve } from 'node:path';
import { loadDataDir, type DataDir } from '../data-dir.ts';
import { UsageError } from '../errors.ts';
import { LAYOUTS, type Layout } from '../exporters/front-matter.ts';
import { exportMarkdown, IMAGE_MODES, type ImageMode } from '../exporters/markdown.ts';
import { neededUploadUrls } from '../exporters/site-index.ts';
import { writeOutputFiles } from '../exporters/write.ts';
import { createProgress } from '../progress.ts';
import { listWarcFiles } from '../scrapers/archive-reader.ts';
import { readArchivedFiles } from '../scrapers/archive.ts';
import { loadRules } from '../exporters/redirects/index.ts';
import { planUrls } from '../exporters/url-plan.ts';
import type { CommandSpec } from './spec.ts';
import { assertFolderOrAbsent, replaceExportFolder } from './export-out.ts';

interface Resolved {
  dataDir: string;
  out: string;
  layout: Layout;
  images: ImageMode;
  archive: string;
  rules?: string;
  map?: string;
  siteTitle: string;
  progress: boolean;
}

function resolveOptions(args: unknown[], opts: Record<string, unknown>): Resolved {
  const dataDir = String(args[0]);
  const out = String(opts.out ?? '');
  if (!out) throw new UsageError('--out: give the folder to write the Markdown into, e.g. --out markdown');
  assertFolderOrAbsent(out);
  // A snapshot folder is DIR/{crawl,data,…}: the crawl sits beside the data folder.
  const archive = opts.archive === undefined ? join(dirname(resolve(dataDir)), 'crawl') : String(opts.archive);
  const rules = opts.rules === undefined ? undefined : String(opts.rules);
  const map = opts.map === undefined ? undefined : String(opts.map);
  if (map !== undefined && rules === undefined) throw new UsageError('--map: the editors\' map needs the rules it overrides; add --rules FILE');
  if (rules !== undefined && opts.layout === 'flat') throw new UsageError('--rules: the flat layout links files, not URLs; use --layout hugo or --layout jekyll with --rules');
  return { dataDir, out, layout: opts.layout as Layout, images: opts.images as ImageMode, archive, rules, map, siteTitle: String(opts.siteTitle ?? 'Archive'), progress: opts.progress !== false };
}

export const command: CommandSpec = {
  define(parent: Command) {
    return parent
      .command('markdown')
      .description('write every post and page as Markdown with YAML front matter, uploads copied, links between posts rewritten')
      .argument('<data-dir>', 'a folder that `naring-archive extract --out` wrote')
      .requiredOption('--out <dir>', 'the folder to write the Markdown into')
      .addOption(new Option('--layout <layout>', 'flat: <blog>/<yyyy>/<mm>/<slug>.md · hugo: page bundles content/<blog>/<yyyy>/<slug>/index.md · jekyll: _posts/YYYY-MM-DD-<slug>.md').choices([...LAYOUTS]).default('flat'))
      .addOption(new Option('--images <mode>', 'uploads: copy them from the archive and link the copies, link the original URLs, or drop them').choices([...IMAGE_MODES]).default('copy'))
      .option('--archive <crawl-dir>', 'the crawl folder holding the archive (for --images copy); default: `crawl` beside <data-dir>')
      .option('--rules <file>', 'hugo, jekyll: the redirect rules (as for `export redirects`): every page is built at the URL the redirect map sends its old URLs to')
      .option('--map <csv>', "with --rules: the editors' map (from,to or the sheet of `export csv`), wins over the rules")
      .option('--site-title <text>', 'hugo, jekyll: the title in the generated configuration', 'Archive')
      .option('--no-progress', 'no progress lines on stderr')
      .addHelpText('after', `
Example: a snapshot's data as a Hugo site, images copied from the snapshot's crawl
  $ naring-archive export markdown snap/data --out site --layout hugo
Example: a Hugo site at the URLs the redirect map sends readers to, then built
  $ naring-archive export markdown data --out site --layout hugo --rules rules.yaml && hugo -s site
Example: plain Markdown that links to the images on the old site
  $ naring-archive export markdown data --out markdown --images link

Every post gets YAML front matter (title, date, author, categories, tags, excerpt, comment_count,
original_url, aliases, source: the WARC record it came from) and its comments at the end. Links to
other archived posts, their categories and blog pages become relative links to the new files.
Exit status: 0 done; 1 done, but some uploads were not in the archive (their links keep the old URL);
2 bad data folder or options.`);
  },
  async run(args, opts) {
    const o = resolveOptions(args, opts);
    const data = await loadDataDir(o.dataDir);
    try {
      return await exportTo(o, data);
    } finally {
      data.close();
    }
  },
};

async function exportTo(o: ReturnType<typeof resolveOptions>, data: DataDir): Promise<number> {
  const progress = createProgress({ enabled: o.progress });
  let imageBytes: ReadonlyMap<string, Buffer> = new Map();
  const wanted = o.images === 'copy' ? neededUploadUrls(data) : [];
  if (wanted.length > 0) {
    if (listWarcFiles(o.archive).length === 0) {
      throw new UsageError(`--archive ${o.archive}: no WARC files in ${join(o.archive, 'archive')}; pass --archive CRAWL_DIR (the folder \`naring-archive crawl --out\` wrote) or use --images link`);
    }
    imageBytes = await readArchivedFiles(o.archive, wanted, (done, found) => progress.update(`reading uploads from the archive: ${done}/${wanted.length}, ${found} found`));
  }
  const rules = o.rules === undefined ? null : await loadRules(o.rules, { extraMap: o.map });
  const plan = o.layout === 'flat' ? undefined : planUrls(data, rules);
  if (plan && plan.problems.length > 0) {
    for (const p of plan.problems.slice(0, 50)) process.stderr.write(`${p}\n`);
    throw new UsageError(`--rules ${o.rules}: ${plan.problems.length} problem(s) in the URL plan, listed above; nothing was written. Fix the rules or the editors' map`);
  }
  const result = exportMarkdown(data, { layout: o.layout, images: o.images, imageBytes, plan, siteTitle: o.siteTitle });
  await replaceExportFolder(o.out, { export: 'markdown', layout: o.layout }, (dir) => writeOutputFiles(dir, result.files));
  progress.stop();
  for (const url of result.missing.slice(0, 20)) process.stderr.write(`not in the archive (link kept to the original): ${url}\n`);
  if (result.missing.length > 20) process.stderr.write(`… and ${result.missing.length - 20} more uploads not in the archive\n`);
  // One long old URL would stop the whole Hugo or Jekyll build ("file name too long"); said, not silent.
  for (const a of result.overlongAliases.slice(0, 20)) process.stderr.write(`old path too long for a ${o.layout} alias (left to the redirect map, export redirects): ${a.slice(0, 120)}…\n`);
  if (result.overlongAliases.length > 20) process.stderr.write(`… and ${result.overlongAliases.length - 20} more old paths too long for an alias\n`);
  const uploads = o.images === 'copy' ? `, ${result.copied.length} uploads copied, ${result.missing.length} not in the archive` : '';
  process.stderr.write(`export markdown: ${result.posts} posts, ${result.pages} pages, ${result.files.length} files (${o.layout} layout${uploads}) written to ${o.out}\n`);
  return result.missing.length > 0 ? 1 : 0;
}
