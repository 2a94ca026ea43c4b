/**
 * `npm run eval [-- CORPUS_DIR...] [--write-docs]`: crawls, extracts and scores each corpus folder (a saved
 * site in `site/` with its truth in `oracle.json` and `bodies.json`, as in ../shared/corpora) and prints
 * the figures as a Markdown table; `--write-docs` also writes them into docs/extraction.md.
 * With no folder it takes every corpus in ../shared/corpora beside the checkout.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { runCorpus } from './eval/run-corpus.ts';
import { SCORE_HEADER, scoreRow } from './eval/score.ts';
import { writeExtractionDoc } from './eval/doc.ts';

const args = process.argv.slice(2);
const writeDocs = args.includes('--write-docs');
const verbose = args.includes('--verbose');
let dirs = args.filter((a) => !a.startsWith('--')).map((d) => resolve(d));
if (dirs.length === 0) {
  const shared = resolve('..', 'shared', 'corpora');
  if (!existsSync(shared)) {
    console.error('eval: no corpus folder given and ../shared/corpora not found; give folders that hold site/ and oracle.json');
    process.exit(2);
  }
  dirs = readdirSync(shared).map((n) => join(shared, n)).filter((d) => existsSync(join(d, 'oracle.json'))).sort();
}
const rows: string[] = [];
const runs = [];
for (const dir of dirs) {
  if (!existsSync(join(dir, 'oracle.json')) || !existsSync(join(dir, 'site'))) {
    console.error(`eval: ${dir}: expected a folder with site/ and oracle.json`);
    process.exit(2);
  }
  const work = mkdtempSync(join(tmpdir(), 'naring-eval-'));
  const t0 = Date.now();
  try {
    const run = await runCorpus(basename(dir), dir, work);
    runs.push(run);
    rows.push(scoreRow(run.name, run.score));
    console.error(`eval: ${run.name}: ${run.crawledPages} pages crawled, ${run.result.posts.length} posts, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (verbose) {
      const s = run.score;
      console.error(`  missing: ${s.missing.slice(0, 10).join(' ')}`);
      console.error(`  extra: ${s.extra.slice(0, 10).join(' ')}`);
      for (const [k, f] of Object.entries(s.fields)) if (f.wrong.length) console.error(`  ${k} wrong (${f.wrong.length}): ${f.wrong.slice(0, 6).join(' ')}`);
      console.error(`  worst bodies: ${s.body.worst.map((w) => `${w.path} ${w.f1.toFixed(2)}`).join(', ')}`);
    }
  } finally {
    if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
    else console.error(`eval: kept ${work}`);
  }
}
console.log(`${SCORE_HEADER}\n${rows.join('\n')}`);
if (writeDocs) writeExtractionDoc(runs);
