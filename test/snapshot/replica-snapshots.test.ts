/**
 * The composed job on the replica: `demo` (spawned) takes the baseline snapshot; a second snapshot of the
 * unchanged replica (with --since) must be byte-identical outside crawl/; a snapshot of a changed copy of the
 * replica must differ from the baseline by exactly the three changes made. The two later snapshots run at
 * the same time to keep the file fast.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startReplica } from '../../src/replica/server.ts';
import { resolveSnapshotOptions } from '../../src/commands/snapshot.ts';
import { takeSnapshot } from '../../src/snapshot/run-snapshot.ts';
import type { Progress } from '../../src/progress.ts';
import type { PostRecord } from '../../src/types.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { mutateReplica, type Mutation } from './mutate-replica.ts';
import { validateBag } from './validate-bag.ts';
import { diffSnapshots, failingCategories } from '../../src/snapshot/diff.ts';
import { formatDiffText } from '../../src/snapshot/diff-text.ts';
import { loadSnapshot } from '../../src/snapshot/load.ts';

const SITE = join(ROOT, 'fixtures', 'site');
const RULES = join(ROOT, 'fixtures', 'rules', 'naringsbloggen.yaml');
const tmp = await mkdtemp(join(tmpdir(), 'naring-snapshots-'));
after(() => rm(tmp, { recursive: true, force: true }));

const quiet: Progress = { update() {}, log() {}, stop() {} };

async function walk(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(dir, r)));
    else out.push(r);
  }
  return out.sort();
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => {
    if (!p) {
      p = fn();
      p.catch(() => {}); // awaited by the tests; no unhandled rejection while another test runs
    }
    return p;
  };
}

/** A snapshot of the replica served from `root`, taken in-process with the demo's crawl settings. */
async function snapshotOf(root: string, out: string, extra: Record<string, unknown> = {}): Promise<string> {
  const replica = await startReplica({ root });
  try {
    const options = await resolveSnapshotOptions(['http://www.naringsbloggen.se/'], {
      out, rules: RULES, connectTo: [`www.naringsbloggen.se:80:127.0.0.1:${replica.port}`],
      rate: '1000', concurrency: '4', assets: true, retries: '1', ...extra,
    });
    await takeSnapshot(options, quiet);
    return out;
  } finally {
    await replica.close();
  }
}

const baselineDir = join(tmp, 'demo-out');
const baseline = once(async () => {
  const r = await runCli(['demo', '--out', baselineDir], { timeoutMs: 300_000 });
  return { ...r, dir: baselineDir };
});
// A fresh crawl (no --since): nothing of the first crawl is reused, so identity proves determinism by construction.
const again = once(async () => { await baseline(); return snapshotOf(SITE, join(tmp, 'again'), { bag: true }); });
const changed = once(async () => {
  await baseline();
  const expected = JSON.parse(await readFile(join(ROOT, 'fixtures', 'EXPECTED.json'), 'utf8')) as PostRecord[];
  const mutation = await mutateReplica(SITE, join(tmp, 'site-changed'), expected);
  // Incremental like a nightly job: unchanged pages answer 304, changed ones 200, the deleted ones vanish.
  return { mutation, dir: await snapshotOf(join(tmp, 'site-changed'), join(tmp, 'changed'), { since: baselineDir }) };
});

test('demo (spawned): exit 0, a summary naming what was written, and a complete snapshot folder', async () => {
  const r = await baseline();
  assert.equal(r.code, 0, r.stderr);
  // Start the two later snapshots now, so they run while this test checks the files.
  void again();
  void changed();
  const expected = JSON.parse(await readFile(join(ROOT, 'fixtures', 'EXPECTED.json'), 'utf8')) as PostRecord[];
  assert.match(r.stderr, new RegExp(`data: +${expected.length} posts, `));
  assert.match(r.stderr, /redirects: \d+ rows in 8 formats/);
  assert.match(r.stderr, /Where to look first: .*report\.html/);
  assert.equal(r.stdout, '');
  // site/ is the browsable copy demo writes beside the snapshot (a view, like report.html: not in manifest.json).
  const all = await walk(r.dir);
  assert.ok(all.includes('site/index.html') && all.includes('site/_naring-archive/urls.json'), 'demo writes site/');
  const files = all.filter((f) => !f.startsWith('site/'));
  for (const f of ['manifest.json', 'report.html', 'data/posts.json', 'data/urls.json', 'data/posts.csv', 'crawl/index.cdxj',
    'redirects/redirects.csv', 'redirects/redirects.json', 'redirects/redirects.nginx.conf', 'redirects/redirects.apache.conf',
    'redirects/web.config', 'redirects/_redirects', 'redirects/redirects.caddy', 'redirects/cloudflare-bulk-redirects.csv']) {
    assert.ok(files.includes(f), `missing ${f}`);
  }
  assert.ok(files.some((f) => f.startsWith('markdown/innovation/') && f.endsWith('.md')));
  const posts = JSON.parse(await readFile(join(r.dir, 'data', 'posts.json'), 'utf8')) as PostRecord[];
  assert.deepEqual(posts.map((p) => p.url).sort(), expected.map((p) => p.url).sort());
  // manifest.json: every file but itself and the report, each with its true size and SHA-256.
  const manifest = JSON.parse(await readFile(join(r.dir, 'manifest.json'), 'utf8')) as { files: Array<{ path: string; size: number; sha256: string }> };
  assert.deepEqual(manifest.files.map((f) => f.path), files.filter((f) => f !== 'manifest.json' && f !== 'report.html'));
  for (const f of manifest.files) {
    const bytes = await readFile(join(r.dir, ...f.path.split('/')));
    assert.equal(f.size, bytes.length, f.path);
    assert.equal(f.sha256, createHash('sha256').update(bytes).digest('hex'), f.path);
  }
  // The report: one self-contained page about this snapshot; the rules have a fallback, so every URL is covered.
  const report = await readFile(join(r.dir, 'report.html'), 'utf8');
  assert.match(report, new RegExp(`data-number="posts"><b>${expected.length}</b> posts`));
  assert.match(report, /of \d+ old URLs \(100\.0 %\) have a redirect row/);
  // Self-contained: one inline script, nothing loaded from elsewhere.
  assert.doesNotMatch(report, /<script[^>]* src=|<link /);
  // The output speaks of the real site, never of the local port.
  for (const f of all.filter((f) => !f.startsWith('crawl/'))) {
    assert.doesNotMatch(await readFile(join(r.dir, ...f.split('/')), 'utf8'), /127\.0\.0\.1/, f);
  }
});

test('a second, fresh snapshot of the unchanged replica is byte-identical outside crawl/, and its bag validates', async () => {
  const a = (await baseline()).dir;
  const b = await again();
  const filesA = (await walk(a)).filter((f) => !f.startsWith('crawl/') && !f.startsWith('site/') && f !== 'report.html');
  const filesB = (await walk(b)).filter((f) => !f.startsWith('crawl/') && !f.startsWith('bag/'));
  assert.deepEqual(filesB, filesA);
  for (const f of filesA) {
    if (f === 'manifest.json') continue;
    assert.ok((await readFile(join(a, f))).equals(await readFile(join(b, f))), `${f} differs`);
  }
  // manifest.json differs only in the lines of crawl/ files (the WARC holds fetch times by nature).
  const entries = async (dir: string) => (JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { files: Array<{ path: string }> })
    .files.filter((e) => !e.path.startsWith('crawl/'));
  assert.deepEqual(await entries(b), await entries(a));
  assert.deepEqual(await validateBag(join(b, 'bag')), []);
  const manifestSha512 = await readFile(join(b, 'bag', 'manifest-sha512.txt'), 'utf8');
  assert.match(manifestSha512, / data\/crawl\/archive\/[^ ]+\.warc\.gz\n/);
  assert.match(manifestSha512, / data\/data\/posts\.json\n/);
});

test('after the replica retitles a post, raises a comment count and deletes a post, diff reports exactly those three changes and exits 1', async () => {
  const a = (await baseline()).dir;
  const { mutation, dir: c } = await changed();
  const r = await runCli(['diff', a, c, '--json']);
  assert.equal(r.code, 1, r.stderr);
  const d = JSON.parse(r.stdout) as {
    records: { added: unknown[]; removed: Array<{ url: string }>; changed: Array<{ url: string; changes: Array<Record<string, unknown>> }> };
    failures: { began: unknown[] };
  };
  const m: Mutation = mutation;
  assert.deepEqual(d.records.added, []);
  assert.deepEqual(d.records.removed.map((x) => x.url), [m.removed.url]);
  const byUrl = new Map(d.records.changed.map((x) => [x.url, x.changes]));
  assert.deepEqual([...byUrl.keys()].sort(), [m.retitled.url, m.recounted.url].sort());
  assert.deepEqual(byUrl.get(m.retitled.url), [{ field: 'title', before: m.retitled.before, after: m.retitled.after }]);
  assert.deepEqual(byUrl.get(m.recounted.url), [{ field: 'commentCount', before: m.recounted.before, after: m.recounted.after }]);
  assert.deepEqual(d.failures.began, []);
  // --since asked conditionally: unchanged pages answered 304 and were stored as revisits, and the data
  // is still complete (the diff above would otherwise list every unchanged post as removed).
  const log = await readFile(join(c, 'crawl', 'crawl-log.jsonl'), 'utf8');
  assert.match(log, /"status":304/);
  const warcs = (await readdir(join(c, 'crawl', 'archive'))).filter((f) => f.endsWith('.warc.gz'));
  const records = Buffer.concat(await Promise.all(warcs.map(async (f) => gunzipSync(await readFile(join(c, 'crawl', 'archive', f)))))).toString('latin1');
  assert.match(records, /WARC-Type: revisit/);

  // The text account and --fail-on, in-process (the CLI around them is tested in diff.test.ts).
  const diff = diffSnapshots(await loadSnapshot(a), await loadSnapshot(c));
  const text = formatDiffText(diff, failingCategories(diff, null));
  assert.match(text, /Posts and pages: 0 added, 1 removed, 2 changed/);
  assert.ok(text.includes(`commentCount: ${m.recounted.before} → ${m.recounted.after}`), text);
  // Narrowed to failures only, the same difference does not fail a CI job; narrowed to removals it does.
  assert.deepEqual(failingCategories(diff, ['failures']), []);
  assert.deepEqual(failingCategories(diff, ['removed']), ['removed']);
});
