/**
 * `crawl --extract DIR`: extraction on a worker thread while the crawl runs. DIR must hold the bytes
 * `extract <crawl> --out DIR` writes (the replica, a resumed crawl); pass 1 must really run during the crawl;
 * Ctrl-C / SIGTERM leave DIR as it was and the crawl resumable; a worker failure is one clear line.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica } from '../../src/replica/server.ts';
import { extractArchive, extractResultFiles } from '../../src/scrapers/extract-site.ts';
import { runCli } from '../helpers/cli.ts';
import { startCli, until } from '../reliability/cli.ts';
import { startSite, testOptions, type Handler } from './crawl-site.ts';
import { crawlSite } from '../../src/scrapers/crawl.ts';
import { startLiveExtract } from '../../src/scrapers/extract-live.ts';
import type { CdxEntry } from '../../src/scrapers/archive.ts';

const tmp = mkdtempSync(join(tmpdir(), 'naring-crawl-extract-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** What `extract <crawlDir> --out …` writes, file by file. */
async function extractFiles(crawlDir: string): Promise<Map<string, string>> {
  return new Map(extractResultFiles(await extractArchive(crawlDir)).map((f) => [f.path, String(f.contents)]));
}

function assertSameAsExtract(dir: string, want: Map<string, string>): void {
  assert.deepEqual(readdirSync(dir).sort(), [...want.keys()].sort());
  for (const [name, text] of want) assert.ok(readFileSync(join(dir, name), 'utf8') === text, `${name} differs from extract's`);
}

/** `extract: N of M responses surveyed on a worker thread while the crawl ran`. */
function surveyed(stderr: string): { live: number; all: number } {
  const m = /extract: (\d+) of (\d+) responses surveyed on a worker thread while the crawl ran\n/.exec(stderr);
  assert.ok(m, stderr);
  assert.doesNotMatch(stderr, /read again from the start/);
  return { live: Number(m[1]), all: Number(m[2]) };
}

test('crawl --extract on the replica writes the bytes extract writes from the same crawl, pass 1 run on the worker during the crawl', async () => {
  const replica = await startReplica();
  try {
    const crawl = join(tmp, 'replica-crawl');
    const data = join(tmp, 'replica-data');
    // A rate bound keeps the crawl longer than the worker's start on a fast machine.
    const r = await runCli(['crawl', 'http://www.naringsbloggen.se/', '--out', crawl, '--extract', data, '--connect-to', `www.naringsbloggen.se:80:127.0.0.1:${replica.port}`, '--rate', '300', '--concurrency', '4', '--no-progress'], { timeoutMs: 300_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /extract: 161 posts, 4 pages/);
    const s = surveyed(r.stderr);
    // Counted by the worker before it heard the crawl end: 0 if pass 1 ran after the crawl.
    assert.ok(s.live > 0, r.stderr);
    assert.equal(s.all, 631);
    assertSameAsExtract(data, await extractFiles(crawl));
  } finally {
    await replica.close();
  }
});

const PAGES = 60;

/** Slow (each page waits 15 ms) and large (150 KB) pages: the crawl and the extract each take a while. */
function slowSite(): Record<string, string | Handler> {
  const r: Record<string, string | Handler> = { '/robots.txt': '' };
  r['/'] = Array.from({ length: PAGES }, (_, i) => `<a href="/p${i}/">${i}</a>`).join('');
  const filler = `<p>${'ord '.repeat(300)}</p>`.repeat(125);
  for (let i = 0; i < PAGES; i++) {
    const html = `<html><body class="single postid-${i + 1}"><div class="hentry"><h1 class="entry-title">Inlägg ${i}</h1><div class="entry-content">${filler}</div></div></body></html>`;
    r[`/p${i}/`] = (_req, res) => setTimeout(() => { res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' }); res.end(html); }, 15);
  }
  return r;
}

const doneLines = (crawl: string) => { try { return readFileSync(join(crawl, 'crawl-state.jsonl'), 'utf8').split('"t":"done"').length - 1; } catch { return 0; } };

test('Ctrl-C while crawl --extract crawls, then SIGTERM while it extracts, leave DIR unchanged; --resume --extract then writes what extract writes', async () => {
  const site = await startSite(slowSite());
  try {
    const crawl = join(tmp, 'slow-crawl');
    const data = join(tmp, 'slow-data');
    mkdirSync(data);
    writeFileSync(join(data, 'posts.json'), '"earlier"\n');
    const args = ['crawl', 'http://blog.test/', '--out', crawl, '--extract', data, '--connect-to', `blog.test:80:127.0.0.1:${site.port}`, '--rate', '1000', '--concurrency', '2', '--no-progress'];
    const unchanged = () => assert.deepEqual(readdirSync(data).map((n) => [n, readFileSync(join(data, n), 'utf8')]), [['posts.json', '"earlier"\n']]);

    const first = startCli(args);
    await until(() => doneLines(crawl) >= 20 || first.child.exitCode !== null, 120_000, 'twenty pages archived');
    first.child.kill('SIGINT');
    const a = await first.done;
    assert.equal(a.code, 130, a.stderr);
    assert.match(a.stderr, new RegExp(`Interrupted\\. .*slow-data was not changed\\. To finish the crawl, run:\\n.*--extract .*--resume`));
    unchanged();

    const second = startCli([...args, '--resume']);
    await until(() => /extract: reading the posts of/.test(second.stderr()) || second.child.exitCode !== null, 180_000, 'pass 2');
    second.child.kill('SIGTERM');
    const b = await second.done;
    assert.equal(b.code, 143, b.stderr);
    assert.match(b.stderr, /interrupted during extract; .*slow-data was not changed; the crawl in .* is finished: extract it with/);
    unchanged();

    // The crawl is whole now: this run fetches nothing and surveys every record of the earlier runs.
    const third = await runCli([...args, '--resume'], { timeoutMs: 300_000 });
    // Exit 1 as extract's: these bare pages have no dates, which the report lists as errors.
    assert.equal(third.code, 1, third.stderr);
    assert.match(third.stderr, new RegExp(`extract: ${PAGES} posts, 0 pages`));
    assert.equal(surveyed(third.stderr).all, PAGES + 2);
    assertSameAsExtract(data, await extractFiles(crawl));
  } finally {
    await site.close();
  }
});

test('a DIR the worker cannot write is one line naming --extract, exit 2, not a hang', async () => {
  const site = await startSite({ '/robots.txt': '', '/': '<html><body><h1>Hem</h1></body></html>' });
  try {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'not a folder');
    const r = await runCli(['crawl', 'http://blog.test/', '--out', join(tmp, 'bad-crawl'), '--extract', join(file, 'data'), '--connect-to', `blog.test:80:127.0.0.1:${site.port}`, '--no-progress']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--extract .*a-file\/data: /);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    // A file named as DIR itself is refused before the crawl starts.
    const early = await runCli(['crawl', 'http://blog.test/', '--out', join(tmp, 'never'), '--extract', file, '--connect-to', `blog.test:80:127.0.0.1:${site.port}`, '--no-progress']);
    assert.equal(early.code, 2);
    assert.match(early.stderr, /--extract .*a-file: is a file, not a folder/);
    // --jobs names the threads of --extract: alone it is a mistake, said before the crawl starts.
    const jobs = await runCli(['crawl', 'http://blog.test/', '--out', join(tmp, 'never'), '--jobs', '2', '--connect-to', `blog.test:80:127.0.0.1:${site.port}`, '--no-progress']);
    assert.equal(jobs.code, 2);
    assert.match(jobs.stderr, /--jobs is for --extract/);
    assert.equal(readdirSync(tmp).includes('never'), false);
  } finally {
    await site.close();
  }
});

test('a worker told of fewer records than the archive holds extracts the archive from the start: still extract\'s bytes', async () => {
  const post = (i: number) => `<html><body class="single postid-${i}"><div class="hentry"><h1 class="entry-title">Inlägg ${i}</h1><time class="entry-date" datetime="2013-06-0${i}T10:00:00+00:00">${i} juni 2013</time><div class="entry-content"><p>Text ${i}.</p></div></div></body></html>`;
  const site = await startSite({ '/robots.txt': '', '/': '<a href="/p1/">1</a><a href="/p2/">2</a><a href="/p3/">3</a>', '/p1/': post(1), '/p2/': post(2), '/p3/': post(3) });
  try {
    const crawl = join(tmp, 'told-crawl');
    const data = join(tmp, 'told-data');
    const written: CdxEntry[] = [];
    await crawlSite(testOptions(site, crawl, {}), { onCapture: (e) => written.push(e) });
    assert.equal(written.length, 5);
    const told = startLiveExtract(crawl, join(tmp, 'told-whole'), '--extract');
    for (const e of written) told.capture(e);
    assert.equal((await told.finish()).fellBack, false);
    const live = startLiveExtract(crawl, data, '--extract');
    for (const e of written.filter((_, i) => i !== 2)) live.capture(e);
    const done = await live.finish();
    assert.equal(done.fellBack, true);
    const want = await extractFiles(crawl);
    assertSameAsExtract(data, want);
    assertSameAsExtract(join(tmp, 'told-whole'), want);
  } finally {
    await site.close();
  }
});
