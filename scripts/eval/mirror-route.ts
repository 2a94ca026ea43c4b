/**
 * The corpora by the other way in: each saved `site/` turned into a crawl folder by `import mirror` (no
 * server, no crawl), extracted, and scored against its oracle with the same scorer as `npm run eval`.
 *   npm run eval:mirror [-- CORPUS_DIR...]      (default: every corpus in ../shared/corpora)
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { importMirror, type MirrorResult } from '../../src/scrapers/sources/mirror.ts';
import { extractArchive, type ExtractResult } from '../../src/scrapers/extract-site.ts';
import { readTruth } from './run-corpus.ts';
import { SCORE_HEADER, scoreCorpus, scoreRow, type CorpusScore } from './score.ts';

export interface MirrorRun { name: string; imported: MirrorResult; result: ExtractResult; score: CorpusScore; seconds: { import: number; extract: number } }

/** Imports `corpusDir/site` under the corpus's own host into `workDir/crawl`, extracts it and scores it. */
export async function runMirrorCorpus(name: string, corpusDir: string, workDir: string): Promise<MirrorRun> {
  const { host, oracle, bodies } = readTruth(corpusDir);
  const outDir = join(workDir, 'crawl');
  const t0 = performance.now();
  const imported = await importMirror({ folder: join(corpusDir, 'site'), baseUrl: `http://${host}/`, outDir, resume: false });
  const t1 = performance.now();
  const result = await extractArchive(outDir);
  const t2 = performance.now();
  const seconds = { import: Math.round(t1 - t0) / 1000, extract: Math.round(t2 - t1) / 1000 };
  return { name, imported, result, score: scoreCorpus(result.posts, oracle, bodies), seconds };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let dirs = process.argv.slice(2).map((d) => resolve(d));
  if (dirs.length === 0) {
    const shared = resolve('..', 'shared', 'corpora');
    dirs = existsSync(shared) ? readdirSync(shared).map((n) => join(shared, n)).filter((d) => existsSync(join(d, 'oracle.json'))).sort() : [];
  }
  if (dirs.length === 0) {
    console.error('eval:mirror: no corpus folder given and ../shared/corpora not found; give folders that hold site/ and oracle.json');
    process.exit(2);
  }
  const rows: string[] = [];
  for (const dir of dirs) {
    const work = mkdtempSync(join(tmpdir(), 'naring-mirror-eval-'));
    try {
      const run = await runMirrorCorpus(basename(dir), dir, work);
      rows.push(scoreRow(run.name, run.score));
      console.error(`eval:mirror: ${run.name}: ${run.imported.summary.archived} files imported in ${run.seconds.import} s, ${run.result.posts.length} posts extracted in ${run.seconds.extract} s`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  console.log(`${SCORE_HEADER}\n${rows.join('\n')}`);
}
