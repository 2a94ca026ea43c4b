/**
 * The three real mirrors of ../shared/corpora (a wget mirror, a WP2Static export with percent-escaped folder
 * names, a custom-theme mirror) import with `import mirror`: every post of each oracle is an archived URL,
 * compared as the corpora README scores (path percent-decoded, lower-cased). Extraction accuracy is
 * extract's business; this is only that the saved files come back under the URLs they were served at.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importMirror } from '../../../src/scrapers/sources/mirror.ts';
import { openArchiveIndex } from '../../../src/scrapers/archive.ts';
import { decodeSafe } from '../../../src/url.ts';

const CORPORA = fileURLToPath(new URL('../../../../shared/corpora/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'naring-corpora-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const key = (pathAndQuery: string) => decodeSafe(pathAndQuery).toLowerCase();

for (const [name, base] of [['hfors-arkiv', 'http://hfors.visansvanner.fi/'], ['kamfjord', 'http://kamfjord.org/'], ['tanzundklang', 'http://tanzundklangkombinat.de/']] as const) {
  test(`import mirror of the ${name} corpus: every oracle post is an archived URL`, async () => {
    const site = join(CORPORA, name, 'site');
    assert.ok(existsSync(site), `${site} is missing: the corpora are expected beside the repository (../shared/corpora)`);
    const out = join(tmp, name);
    const r = await importMirror({ folder: site, baseUrl: base, outDir: out, resume: false });
    const urls = new Set((await openArchiveIndex(out)).urls().map((u) => { const x = new URL(u.url); return key(x.pathname + x.search); }));
    const oracle = JSON.parse(readFileSync(join(CORPORA, name, 'oracle.json'), 'utf8')) as { posts: { path: string }[] };
    const missing = oracle.posts.filter((p) => !urls.has(key(p.path))).map((p) => p.path);
    assert.deepEqual(missing, []);
    // Nothing of the site fell through unmapped; second copies (both spellings of a folder, wget's ?replytocom copies) are listed.
    const noUrl = r.unmapped.filter((u) => !/same URL as|converted by wget/.test(u.reason));
    assert.deepEqual(noUrl, []);
    assert.equal(r.summary.archived, urls.size);
  });
}
