/**
 * The three real mirrors of ../shared/corpora (a wget mirror, a WP2Static export with percent-escaped folder
 * names, a custom-theme mirror) by the mirror route: `import mirror`, then extract. Every post of each oracle
 * is an archived URL (compared as the corpora README scores: path percent-decoded, lower-cased), and for the
 * wget mirror and the custom theme the extracted posts are scored against the oracle with the scorer of
 * test/corpora/corpora.test.ts, at its bars. tanzundklang's extraction (480 posts) is left to
 * `npm run eval:mirror`, which scores all three, to keep the suite quick.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importMirror, type MirrorResult } from '../../../src/scrapers/sources/mirror.ts';
import { openArchiveIndex } from '../../../src/scrapers/archive.ts';
import { decodeSafe } from '../../../src/url.ts';
import { runMirrorCorpus } from '../../../scripts/eval/mirror-route.ts';
import { SCORE_HEADER, scoreRow, type CorpusScore, type FieldScore } from '../../../scripts/eval/score.ts';

const CORPORA = fileURLToPath(new URL('../../../../shared/corpora/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'naring-corpora-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const key = (pathAndQuery: string) => decodeSafe(pathAndQuery).toLowerCase();
const share = (f: FieldScore): number => (f.scored === 0 ? 1 : f.right / f.scored);
/** The bars of test/corpora/corpora.test.ts (the crawl route), per field. */
const BARS = { title: 0.98, categories: 0.95, comments: 0.95, date: 0.95, author: 0.9 } as const;

async function assertUrls(name: string, out: string, r: MirrorResult): Promise<void> {
  const urls = new Set((await openArchiveIndex(out)).urls().map((u) => { const x = new URL(u.url); return key(x.pathname + x.search); }));
  const oracle = JSON.parse(readFileSync(join(CORPORA, name, 'oracle.json'), 'utf8')) as { posts: { path: string }[] };
  assert.deepEqual(oracle.posts.filter((p) => !urls.has(key(p.path))).map((p) => p.path), [], 'oracle posts not archived under their URL');
  // Nothing of the site fell through unmapped; second copies (both spellings of a folder, wget's ?replytocom copies) are listed.
  assert.deepEqual(r.unmapped.filter((u) => !/same URL as|converted by wget/.test(u.reason)), []);
  assert.equal(r.summary.archived, urls.size);
}

function assertBars(s: CorpusScore): void {
  assert.deepEqual(s.missing, [], 'posts not found under their permalink');
  assert.ok(s.extra.length <= Math.ceil(s.posts * 0.02), `records that are no post: ${s.extra.slice(0, 10).join(' ')}`);
  for (const [field, bar] of Object.entries(BARS)) {
    const f = s.fields[field as keyof typeof BARS];
    assert.ok(share(f) >= bar, `${field}: ${f.wrong.slice(0, 5).join(' ')}`);
  }
  assert.ok(s.body.atLeast09 >= 0.95 * s.body.scored, `bodies F1 ≥ 0.9 on ${s.body.atLeast09}/${s.body.scored}; worst ${JSON.stringify(s.body.worst)}`);
}

for (const name of ['hfors-arkiv', 'kamfjord'] as const) {
  test(`import mirror of the ${name} corpus, then extract: every oracle post under its URL, fields and bodies at the crawl route's bars`, async () => {
    const dir = join(CORPORA, name);
    assert.ok(existsSync(join(dir, 'site')), `${dir} is missing: the corpora are expected beside the repository (../shared/corpora)`);
    const work = join(tmp, name);
    const run = await runMirrorCorpus(name, dir, work);
    console.log(`${SCORE_HEADER}\n${scoreRow(`${name} (import mirror)`, run.score)}`);
    await assertUrls(name, join(work, 'crawl'), run.imported);
    assertBars(run.score);
  });
}

test('import mirror of the tanzundklang corpus (WP2Static): every oracle post is an archived URL', async () => {
  const site = join(CORPORA, 'tanzundklang', 'site');
  assert.ok(existsSync(site), `${site} is missing: the corpora are expected beside the repository (../shared/corpora)`);
  const out = join(tmp, 'tanzundklang');
  await assertUrls('tanzundklang', out, await importMirror({ folder: site, baseUrl: 'http://tanzundklangkombinat.de/', outDir: out, resume: false }));
});
