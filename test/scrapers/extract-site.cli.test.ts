/**
 * `naring-archive extract` as a user runs it: a real crawl of a theme fixture site (through the replica
 * server under its own name, by the crawler's library), then the extract CLI; bad folders, flags and profiles end with exit 2 and one line.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync, mkdirSync, cpSync, statSync, truncateSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.ts';
import { startReplica, type ReplicaServer } from '../../src/replica/server.ts';
import { command } from '../../src/commands/extract.ts';
import { crawlSite } from '../../src/scrapers/crawl.ts';
import { resolveCrawlOptions } from '../../src/scrapers/crawl-options.ts';
import { UsageError } from '../../src/errors.ts';

const SITE = fileURLToPath(new URL('../../fixtures/themes/twentytwelve-en/site', import.meta.url));
let dir: string;
let server: ReplicaServer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'extract-cli-'));
  server = await startReplica({ root: SITE });
  // The real crawler, in-process (the same options the crawl command resolves), to save a process start.
  const options = resolveCrawlOptions(['http://saltmarsh-sailing.example.org/'], { connectTo: [`saltmarsh-sailing.example.org:80:127.0.0.1:${server.port}`], rate: '1000', concurrency: '4' }, join(dir, 'crawl'));
  const crawl = await crawlSite(options);
  assert.deepEqual(crawl.summary.failed, []);
});

after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('extract writes the six files, prints a summary on stderr and exits 0 on a clean run', async () => {
  const out = join(dir, 'data');
  const r = await runCli(['extract', join(dir, 'crawl'), '--out', out, '--no-progress']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /extract: 16 posts, 2 pages, \d+ categories, \d+ authors, \d+ URLs/);
  assert.equal(r.stdout, '');
  for (const f of ['posts.json', 'pages.json', 'categories.json', 'authors.json', 'urls.json', 'extract-report.json']) assert.ok(existsSync(join(out, f)), f);
  const posts = JSON.parse(readFileSync(join(out, 'posts.json'), 'utf8')) as { url: string; title: string }[];
  assert.equal(posts.length, 16);
  assert.deepEqual(posts.map((p) => p.url), [...posts.map((p) => p.url)].sort());
  const cats = JSON.parse(readFileSync(join(out, 'categories.json'), 'utf8')) as { name: string; postCount: number }[];
  assert.ok(cats.every((c) => c.postCount > 0));
});

test('a profile selector that matches nothing: errors in the report, all files written, exit 1', async () => {
  const profile = join(dir, 'profile.yaml');
  writeFileSync(profile, 'post:\n  title: "h1.no-such-title"\n');
  const out = join(dir, 'data-profile');
  const r = await runCli(['extract', join(dir, 'crawl'), '--out', out, '--profile', profile, '--no-progress', '--json']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /error: http:\/\/saltmarsh-sailing\.example\.org\/.*profile selector post\.title "h1\.no-such-title" matched nothing/);
  assert.ok(JSON.parse(r.stdout).errors > 0);
  assert.ok(existsSync(join(out, 'posts.json')));
});

test('bad input ends with exit 2 and one line naming what is wrong and how to mend it', async () => {
  const r = await runCli(['extract', join(dir, 'nope'), '--out', join(dir, 'x')]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /nope: no such folder; give the folder that `naring-archive crawl --out` wrote/);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  // The other checks in-process (same code path, no process start per case).
  const empty = join(dir, 'empty');
  mkdirSync(empty, { recursive: true });
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'post:\n  title: "h1["\n');
  const cases: [unknown[], Record<string, unknown>, RegExp][] = [
    [[empty], { out: join(dir, 'x') }, /not a crawl folder \(no archive\/\*\.warc\.gz inside\)/],
    [[join(dir, 'crawl')], {}, /--out is required/],
    [[join(dir, 'crawl')], { out: join(dir, 'x'), profile: bad }, /--profile .*bad\.yaml: "post\.title" is not a valid CSS selector: "h1\["/],
    ...['0', '2.5', 'many', '65'].map((jobs): [unknown[], Record<string, unknown>, RegExp] => [[join(dir, 'crawl')], { out: join(dir, 'x'), jobs }, /--jobs ".*": expected a whole number of threads from 1 to 64, e\.g\. --jobs 2/]),
  ];
  for (const [args, opts, message] of cases) {
    await assert.rejects(command.run(args, opts), (e: unknown) => e instanceof UsageError && message.test(e.message) && !e.message.includes('\n'));
  }
  assert.ok(!existsSync(join(dir, 'x')), 'nothing written on a usage error');
});

test('an archive cut short after the crawl (a partial copy) is exit 2 naming the file, not a quiet smaller extract', async () => {
  const copy = join(dir, 'crawl-copy');
  cpSync(join(dir, 'crawl'), copy, { recursive: true });
  const warc = join(copy, 'archive', 'crawl-00000.warc.gz');
  truncateSync(warc, Math.floor(statSync(warc).size / 2));
  const out = join(dir, 'data-cut');
  await assert.rejects(command.run([copy], { out }), (e: unknown) => e instanceof UsageError
    && /crawl-00000\.warc\.gz: \d+ bytes, but index\.cdxj lists captures up to byte \d+.*cut short/.test(e.message) && !e.message.includes('\n'));
  assert.ok(!existsSync(out), 'nothing written from a cut-short archive');
});

test('an --out that cannot be written is a UsageError naming it, not "a bug in naring-archive"', async () => {
  const out = join(dir, 'crawl', 'index.cdxj', 'data');
  await assert.rejects(command.run([join(dir, 'crawl')], { out, progress: false }), (e: unknown) => e instanceof UsageError
    && /^--out .*index\.cdxj\/data: cannot write there \(ENOTDIR\b.*\); choose a folder you can write to$/.test(e.message));
});

test('a crawl that never finished (killed: no crawl-summary.json; or interrupted) extracts, but says so and exits 1', async () => {
  const copy = join(dir, 'crawl-unfinished');
  cpSync(join(dir, 'crawl'), copy, { recursive: true });
  const summaryPath = join(copy, 'crawl-summary.json');
  const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(summaryPath, JSON.stringify({ ...summary, interrupted: true }));
  const interrupted = await runCli(['extract', copy, '--out', join(dir, 'data-interrupted'), '--no-progress']);
  assert.equal(interrupted.code, 1, interrupted.stderr);
  assert.match(interrupted.stderr, /unfinished crawl: .*crawl-unfinished: its crawl-summary\.json says the crawl was interrupted; .*--resume`, then extract again/);
  assert.ok(existsSync(join(dir, 'data-interrupted', 'posts.json')), 'the files are still written');
  unlinkSync(summaryPath);
  const out = join(dir, 'data-killed');
  const code = await command.run([copy], { out, progress: false });
  assert.equal(code, 1);
});
