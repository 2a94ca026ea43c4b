/**
 * The generator: the committed fixtures are exactly what it writes (so nobody hand-edits a page and the
 * truth drifts), it scales to synthetic posts, and it never wipes a folder that is not a replica.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generateSite } from '../../src/replica/generate.ts';
import { buildSiteModel } from '../../src/replica/model.ts';
import { loadReplicaInputs } from '../../src/replica/data.ts';
import type { PostRecord, UrlEntry } from '../../src/types.ts';

const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

test('the committed fixtures are byte for byte what `npm run fixtures` writes', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'replica-gen-'));
  try {
    await generateSite({
      outDir: join(tmp, 'site'),
      expectedPath: join(tmp, 'EXPECTED.json'),
      expectedPagesPath: join(tmp, 'EXPECTED-pages.json'),
      siteUrlsPath: join(tmp, 'site-urls.json'),
    });
    for (const f of ['EXPECTED.json', 'EXPECTED-pages.json', 'site-urls.json']) {
      assert.ok(readFileSync(join(tmp, f)).equals(readFileSync(join(FIXTURES, f))), `${f} differs: run npm run fixtures and commit`);
    }
    const fresh = listFiles(join(tmp, 'site'));
    assert.deepEqual(fresh, listFiles(join(FIXTURES, 'site')));
    for (const f of fresh) {
      assert.ok(readFileSync(join(tmp, 'site', f)).equals(readFileSync(join(FIXTURES, 'site', f))), `fixtures/site/${f} differs: run npm run fixtures and commit`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('synthetic posts: N more posts spread over the blogs, every listing paginated, truth and inventory to match', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'replica-big-'));
  try {
    const result = await generateSite({ outDir: join(tmp, 'site'), syntheticPosts: 400, seed: 7, expectedPath: join(tmp, 'e.json'), siteUrlsPath: join(tmp, 'u.json') });
    assert.equal(result.posts, 74 + 400);
    const posts = JSON.parse(readFileSync(join(tmp, 'e.json'), 'utf8')) as PostRecord[];
    assert.equal(posts.length, 474);
    assert.equal(new Set(posts.map((p) => p.url)).size, 474, 'every synthetic post has its own URL');
    assert.equal(posts.filter((p) => p.blog === 'innovation').length, 54 + 280);
    const urls = JSON.parse(readFileSync(join(tmp, 'u.json'), 'utf8')) as UrlEntry[];
    const homePages = urls.filter((u) => u.url.startsWith('http://www.naringsbloggen.se/innovation/page/')).length;
    assert.equal(homePages, Math.ceil(334 / 10) - 1);
    for (const u of urls.filter((x) => x.kind === 'post' && x.target === null).slice(0, 50)) {
      const folder = new URL(u.url).pathname.split('/').filter(Boolean).map(decodeURIComponent).join('/');
      assert.ok(existsSync(join(tmp, 'site', folder, 'index.html')), u.url);
    }
    // The modern theme's page numbers stay short on a long listing (1 … 3 4 [5]), as WordPress's are.
    const page5 = readFileSync(join(tmp, 'site', 'livsmedel', 'page', '5', 'index.html'), 'utf8');
    assert.match(page5, /page-numbers dots/);
    assert.ok((page5.match(/class="page-numbers"/g) ?? []).length <= 6);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('a different seed gives a different site; the same seed the same model', () => {
  const inputs = loadReplicaInputs();
  const digest = (seed: number): string => JSON.stringify(buildSiteModel(inputs, { seed }).blogs.map((b) => b.posts.map((p) => [p.id, p.slug, p.date, p.excerpt, p.commentCount, p.primary.slug])));
  assert.equal(digest(1), digest(1));
  assert.notEqual(digest(1), digest(2));
});

test('generateSite refuses to empty a folder that holds something other than a replica', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'replica-keep-'));
  try {
    mkdirSync(join(tmp, 'mine'));
    writeFileSync(join(tmp, 'mine', 'notes.txt'), 'keep me');
    await assert.rejects(generateSite({ outDir: join(tmp, 'mine') }), /not empty and holds no _server\.json/);
    assert.equal(readFileSync(join(tmp, 'mine', 'notes.txt'), 'utf8'), 'keep me');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
