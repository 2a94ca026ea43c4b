/** `export site` and `export wacz` on bad input: one line naming the folder or flag, exit 2, nothing written. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';

test('export site / wacz: a folder that is no crawl, a foreign --out and a wrong file name are usage errors', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'naring-archive-exports-'));
  try {
    const notCrawl = join(tmp, 'empty');
    await mkdir(notCrawl);
    const [site, wacz] = await Promise.all([
      runCli(['export', 'site', notCrawl, '--out', join(tmp, 'site')]),
      runCli(['export', 'wacz', notCrawl, '--out', join(tmp, 'a.wacz')]),
    ]);
    for (const r of [site, wacz]) {
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /^naring-archive: .*empty: not a crawl folder \(no archive\/\*\.warc\.gz inside\); give the folder that `naring-archive crawl --out` wrote\n$/);
    }
    assert.equal(existsSync(join(tmp, 'site')) || existsSync(join(tmp, 'a.wacz')), false);
    // A crawl folder shaped enough to pass the first check; --out holds someone's files.
    const crawl = join(tmp, 'crawl');
    await mkdir(join(crawl, 'archive'), { recursive: true });
    await writeFile(join(crawl, 'archive', 'x.warc.gz'), '');
    await writeFile(join(crawl, 'index.cdxj'), '');
    const foreign = join(tmp, 'docs');
    await mkdir(foreign);
    await writeFile(join(foreign, 'keep.txt'), 'mine');
    const [intoForeign, badName] = await Promise.all([
      runCli(['export', 'site', crawl, '--out', foreign]),
      runCli(['export', 'wacz', crawl, '--out', join(tmp, 'a.zip')]),
    ]);
    assert.equal(intoForeign.code, 2);
    assert.match(intoForeign.stderr, /--out .*docs: the folder is not empty and holds no earlier copy \(no _naring-archive\/urls\.json\); give an empty or new folder/);
    assert.deepEqual(await readdir(foreign), ['keep.txt']);
    assert.equal(badName.code, 2);
    assert.match(badName.stderr, /--out "[^"]*a\.zip": give a file name ending in \.wacz/);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});
