/**
 * The real WordPress sites of ../shared/corpora, as a user meets them: each saved mirror served on
 * 127.0.0.1, crawled under its real host name (--connect-to), extracted, and scored against the truth
 * its owners' feeds give (oracle.json, bodies.json) by the corpora's own scoring rules. These are the
 * figures issue #10 names; the replica cannot give them, since it shares the rules' conventions.
 * tanzundklang's exports (WXR, Hugo) are checked here too, on the same crawl: the other corpora's exports are
 * in test/exporters/corpora-exports.test.ts, which crawls them itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runCorpus, type CorpusRun } from '../../scripts/eval/run-corpus.ts';
import { checkCorpusExports } from '../exporters/corpus-exports.ts';
import { SCORE_HEADER, scoreRow, type FieldScore } from '../../scripts/eval/score.ts';

const CORPORA = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));
/** Runs kept for the export checks below (one crawl of the 82 MB tanzundklang serves both). */
const runs = new Map<string, CorpusRun>();
const share = (f: FieldScore): number => (f.scored === 0 ? 1 : f.right / f.scored);

for (const name of ['hfors-arkiv', 'kamfjord', 'tanzundklang']) {
  test(`${name}: every post under its real permalink, fields and bodies at the issue's bars`, async () => {
    const dir = join(CORPORA, name);
    assert.ok(existsSync(join(dir, 'oracle.json')), `${dir}: the corpus is missing (CI lays ../shared beside the checkout)`);
    const work = mkdtempSync(join(tmpdir(), `corpus-${name}-`));
    try {
      const run = await runCorpus(name, dir, work);
      runs.set(name, run);
      const { score: s, result } = run;
      console.log(`${SCORE_HEADER}\n${scoreRow(name, s)}`);
      assert.deepEqual(s.missing, [], 'posts not found under their permalink');
      assert.ok(s.extra.length <= Math.ceil(s.posts * 0.02), `records that are no post: ${s.extra.slice(0, 10).join(' ')}`);
      assert.ok(share(s.fields.title) >= 0.98, `titles: ${s.fields.title.wrong.slice(0, 5).join(' ')}`);
      assert.ok(share(s.fields.categories) >= 0.95, `categories: ${s.fields.categories.wrong.slice(0, 5).join(' ')}`);
      assert.ok(share(s.fields.comments) >= 0.95, `comment counts: ${s.fields.comments.wrong.slice(0, 5).join(' ')}`);
      assert.ok(share(s.fields.date) >= 0.95, `local dates: ${s.fields.date.wrong.slice(0, 5).join(' ')}`);
      assert.ok(share(s.fields.author) >= 0.9, `authors: ${s.fields.author.wrong.slice(0, 5).join(' ')}`);
      assert.ok(s.body.atLeast09 >= 0.95 * s.body.scored, `bodies F1 ≥ 0.9 on ${s.body.atLeast09}/${s.body.scored}; worst ${JSON.stringify(s.body.worst)}`);
      // No real permalink is lost to a mirror's file name (`index.html%3Fp=12.html`, `…/index.html`).
      assert.ok(result.posts.every((p) => !/index\.html|%3F/i.test(p.url)), 'a mirror file name became a post URL');
      assert.ok(result.urls.every((u) => !/index\.html?(%3F|$)/i.test(u.url)), 'a mirror file name is in urls.json');
      // The report says, per page, which kind was chosen and why.
      const posts = result.report.kinds.filter((k) => k.kind === 'post');
      assert.ok(posts.length >= s.posts, 'every post page is listed in the report with its kind');
      assert.ok(posts.every((k) => k.evidence.length > 0), 'every post page names its evidence');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
}

test('tanzundklang: its posts through WXR and back, and built by Hugo with 0 broken internal links', async () => {
  const run = runs.get('tanzundklang');
  assert.ok(run, 'the tanzundklang test above crawled and extracted it');
  const work = mkdtempSync(join(tmpdir(), 'corpus-export-tanzundklang-'));
  try {
    await checkCorpusExports('tanzundklang', run.result, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
