import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBag } from '../../src/snapshot/bagit.ts';
import { buildManifest } from '../../src/snapshot/manifest.ts';
import { validateBag } from './validate-bag.ts';

async function snapshotLike(root: string): Promise<void> {
  const files: Record<string, string | Buffer> = {
    'crawl/archive/crawl-00000.warc.gz': Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 250, 251]),
    'crawl/crawl-summary.json': '{"started":"2026-11-27T02:00:00Z"}\n',
    'data/posts.json': '[]\n',
    'markdown/innovation/export-–-ja-tack.md': '# Export – ja tack\n',
    'markdown/innovation/100%-sant.md': 'procent\n',
    'markdown/innovation/rad\nbrytning.md': 'ett filnamn med radbrytning\n',
    'redirects/redirects.csv': 'from,to,status,kind\n',
  };
  for (const [rel, contents] of Object.entries(files)) {
    await mkdir(join(root, ...rel.split('/').slice(0, -1)), { recursive: true });
    await writeFile(join(root, ...rel.split('/')), contents);
  }
}

test('the bag validates: every SHA-512 recomputed independently, Payload-Oxum, tag manifest, RFC 8493 path encoding', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'naring-bag-'));
  try {
    const snap = join(tmp, 'snap');
    await snapshotLike(snap);
    const summary = await writeBag({ sourceDir: snap, bagDir: join(snap, 'bag'), exclude: ['bag'], info: [['Bagging-Date', '2026-11-27'], ['External-Description', 'Snapshot\nof a blog']] });
    assert.equal(summary.payloadFiles, 7);
    const bag = join(snap, 'bag');
    assert.deepEqual(await validateBag(bag), []);
    const manifest = await readFile(join(bag, 'manifest-sha512.txt'), 'utf8');
    assert.match(manifest, / data\/markdown\/innovation\/100%25-sant\.md\n/);
    assert.match(manifest, / data\/markdown\/innovation\/rad%0Abrytning\.md\n/);
    assert.match(manifest, / data\/markdown\/innovation\/export-–-ja-tack\.md\n/);
    const info = await readFile(join(bag, 'bag-info.txt'), 'utf8');
    assert.match(info, /^Bagging-Date: 2026-11-27\nExternal-Description: Snapshot of a blog\nPayload-Oxum: \d+\.7\n$/);

    // Rebagging replaces the old bag and never bags the bag itself.
    await writeBag({ sourceDir: snap, bagDir: bag, exclude: ['bag'] });
    assert.deepEqual(await validateBag(bag), []);
    assert.doesNotMatch(await readFile(join(bag, 'manifest-sha512.txt'), 'utf8'), /data\/bag\//);

    // The validator is a real check: a changed payload byte is caught.
    await writeFile(join(bag, 'data', 'data', 'posts.json'), '[1]\n');
    const problems = await validateBag(bag);
    assert.ok(problems.some((p) => p.includes('data/data/posts.json')), problems.join('\n'));
    // The bag holds copies: editing it leaves the snapshot alone.
    assert.equal(await readFile(join(snap, 'data', 'posts.json'), 'utf8'), '[]\n');
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});

test('manifest.json lists every file with size and SHA-256, sorted, leaving out what it is told to', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'naring-manifest-'));
  try {
    await snapshotLike(tmp);
    await writeFile(join(tmp, 'manifest.json'), '{}');
    const m = await buildManifest(tmp, ['manifest.json']);
    const paths = m.files.map((f) => f.path);
    assert.deepEqual(paths, [...paths].sort());
    assert.equal(paths.length, 7);
    assert.ok(!paths.includes('manifest.json'));
    const posts = m.files.find((f) => f.path === 'data/posts.json');
    assert.deepEqual(posts, { path: 'data/posts.json', size: 3, sha256: createHash('sha256').update('[]\n').digest('hex') });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});
