/**
 * Flat memory: extract keeps what it holds per post on disk (spill.ts), not in the heap, and writes the
 * sorted files streamed from there. These tests break if the records went back into memory (the spill
 * file would not hold them while the archive is read), if the spill folder outlived a run (success or
 * error), or if the streamed JSON differed by one byte from the JSON written whole.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { ArchivedResponse } from '../../../src/types.ts';
import { extractResultFiles, extractSite, writeExtractResult } from '../../../src/scrapers/extract-site.ts';
import { SpillDir, SpillFile, SpillMap } from '../../../src/scrapers/extract/spill.ts';
import { toJsonChunks, toJsonText } from '../../../src/exporters/write.ts';

const html = (url: string, body: string): ArchivedResponse => ({
  url, status: 200, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: Buffer.from(body),
  date: '2020-01-01T00:00:00Z', recordId: `<urn:${url}>`, payloadDigest: 'sha1:X',
});

// Bodies of 30 KB each: more than the spill file holds back before it writes (64 KB), fewer than a real post can have.
const long = (n: number) => `<p>${`Ein langer Absatz von Beitrag ${n}, der nur Länge gibt. `.repeat(600)}</p>`;
const post = (n: number): ArchivedResponse => html(`http://blog.test/2020/01/${String(n).padStart(2, '0')}/post-${n}/`, `<html><head><title>Post ${n}</title></head>
<body class="post-template-default single single-post postid-${n}"><article class="post hentry"><h1 class="entry-title">Post ${n}</h1>
<time class="entry-date published" datetime="2020-01-${String(n).padStart(2, '0')}T10:00:00+01:00">1 Jan</time>
<div class="entry-content"><p>The unmistakable body text of post number ${n}, with “quotes” and åäö.</p>${long(n)}</div></article></body></html>`);

const site = [post(3), post(1), post(2)];
const spills = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('.naring-spill-'));

test('a spill file gives back every value by id, before and after it is flushed', () => {
  const dir = new SpillDir();
  const f = dir.file('t');
  const ids = Array.from({ length: 3000 }, (_, i) => f.append({ i, text: `värde ${i} ${'x'.repeat(i % 700)}` }));
  for (const i of [0, 1, 1499, 2999]) assert.deepEqual(f.read(ids[i]!), { i, text: `värde ${i} ${'x'.repeat(i % 700)}` });
  assert.equal(readFileSync(f.path, 'utf8').split('\n').length - 1 <= 3000, true);
  dir.remove();
  assert.equal(existsSync(dir.path), false);
});

test('a spill map reads values written to other files by their own writers (worker threads), beside its own', () => {
  const dir = new SpillDir();
  const map = new SpillMap<{ k: string; n: number }>(dir.file('own'));
  // As the survey pool does: the reading side opens each file, the writer appends through its descriptor.
  const readers = [dir.file('w0'), dir.file('w1')];
  const files = readers.map((f) => map.addFile(f));
  const writers = readers.map((f) => new SpillFile(f.path, f.descriptor));
  const want = new Map<string, { k: string; n: number }>();
  for (let n = 0; n < 4000; n++) {
    const k = `http://blog.test/${n}/`;
    const v = { k, n, text: `värde ${n} ${'y'.repeat(n % 300)}` };
    const w = n % 3;
    if (w === 2) map.setJson(k, JSON.stringify(v));
    else {
      const at = writers[w]!.where(writers[w]!.append(v));
      map.setAt(k, files[w]!, at.at, at.bytes);
    }
    want.set(k, v);
  }
  for (const w of writers) {
    w.flush();
    w.close(); // a lent descriptor stays open for its owner
  }
  for (const [k, v] of want) assert.deepEqual(map.get(k), v, k);
  assert.equal(map.size, 4000);
  assert.throws(() => map.setAt('x', 0, 0, 1), /no file 0/);
  dir.remove();
});

test('streamed JSON is byte for byte the JSON written whole', () => {
  const values = [[], [1], [{ a: 'x\ny', b: [1, [2, { c: null }]], d: {} }, 'två', []]];
  for (const v of values) assert.equal([...toJsonChunks(v)].join(''), toJsonText(v));
});

test('while extract reads the archive the records are on disk, not in memory; the spill folder goes once the files are written', async () => {
  const base = mkdtempSync(join(tmpdir(), 'spill-test-'));
  try {
    let seenOnDisk = false;
    const result = await extractSite(site, {
      spillDir: base,
      // Each response of the second pass: by the last one, the first posts read must be in the spill files.
      onResponse: (n) => {
        if (n !== site.length) return;
        const [folder] = spills(base);
        assert.ok(folder, 'a spill folder exists beside the output while extract runs');
        const text = readdirSync(join(base, folder)).map((f) => readFileSync(join(base, folder, f), 'utf8')).join('');
        seenOnDisk = text.includes('The unmistakable body text of post number 3') && text.includes('post number 1');
      },
    });
    assert.ok(seenOnDisk, 'the post bodies were written to the spill file during the run');
    const whole = extractResultFiles(result);
    assert.equal(spills(base).length, 1);
    const out = join(base, 'data');
    await writeExtractResult(out, result);
    assert.deepEqual(spills(base), [], 'the spill folder is removed once the files are written');
    for (const f of whole) assert.equal(readFileSync(join(out, f.path), 'utf8'), f.contents, `${f.path} streamed = written whole`);
    assert.deepEqual(JSON.parse(readFileSync(join(out, 'posts.json'), 'utf8')).map((p: { title: string }) => p.title), ['Post 1', 'Post 2', 'Post 3']);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('an extract that fails part-way leaves no spill folder behind', async () => {
  const base = mkdtempSync(join(tmpdir(), 'spill-test-'));
  try {
    let pass = 0;
    const failing = function* (): Generator<ArchivedResponse> {
      pass++;
      yield site[0]!;
      if (pass === 2) throw new Error('archive unreadable');
      yield site[1]!;
    };
    await assert.rejects(extractSite(failing, { spillDir: base }), /archive unreadable/);
    assert.deepEqual(spills(base), []);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('Ctrl-C or SIGTERM on a program that does not handle it removes the spill folder, and the program still dies of the signal', async () => {
  const base = mkdtempSync(join(tmpdir(), 'spill-test-'));
  try {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      const spillTs = new URL('../../../src/scrapers/extract/spill.ts', import.meta.url).href;
      const code = `const { SpillDir } = await import(${JSON.stringify(spillTs)}); const d = new SpillDir(${JSON.stringify(base)}); d.file('x').append({ a: 1 }); console.log('ready'); setInterval(() => {}, 1000);`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((res) => child.stdout.on('data', (b: Buffer) => { if (b.toString().includes('ready')) res(); }));
      assert.equal(spills(base).length, 1, 'the folder exists while the program runs');
      child.kill(sig);
      const [, signal] = await once(child, 'exit');
      assert.equal(signal, sig);
      assert.deepEqual(spills(base), [], `${sig} removed the spill folder`);
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
