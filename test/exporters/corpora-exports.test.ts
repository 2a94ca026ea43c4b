/**
 * The exports on real WordPress sites (../shared/corpora): what extract gives for each saved mirror goes
 * through WXR and back with the same titles and categories, and its Hugo export builds with 0 broken
 * internal links (corpus-exports.ts). What extract finds is issue #10's to judge (test/corpora); here only
 * that the exports carry it faithfully. tanzundklang (480 posts, 82 MB) gets the same checks in
 * test/corpora/corpora.test.ts, on the crawl that test makes anyway (crawling it again here would cost a
 * minute of the suite).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCorpus } from '../../scripts/eval/run-corpus.ts';
import { checkCorpusExports } from './corpus-exports.ts';

const CORPORA = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));

// The two sites side by side: each crawl waits on its loopback server as much as on the CPU.
describe('the corpora through the exports', { concurrency: 2 }, () => {
  for (const name of ['hfors-arkiv', 'kamfjord']) {
    test(`${name}: extract's posts through WXR and back, and built by Hugo with 0 broken internal links`, async () => {
      const dir = join(CORPORA, name);
      assert.ok(existsSync(join(dir, 'oracle.json')), `${dir}: the corpus is missing (CI lays ../shared beside the checkout)`);
      const work = mkdtempSync(join(tmpdir(), `corpus-export-${name}-`));
      try {
        const { result } = await runCorpus(name, dir, work);
        await checkCorpusExports(name, result, work);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
  }
});
