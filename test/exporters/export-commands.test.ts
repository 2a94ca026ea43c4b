/** The three export commands as a user runs them: files written, summaries, exit statuses, errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { main } from '../../src/cli.ts';
import { formatCdxj, WarcWriter } from '../../src/scrapers/archive.ts';
import { HOST, post } from './records.ts';

const IMG = `${HOST}/innovation/files/2013/06/bild.jpg`;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 1, 2, 3]);

/** A snapshot-shaped folder: DIR/data (extract output) and DIR/crawl (a WARC holding one image). */
async function snapshotDir(withArchive: boolean): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'naring-export-'));
  await mkdir(join(dir, 'data'));
  const posts = [
    post({ slug: 'med-bild', contentMarkdown: `Se ![bild](${IMG}) och ![saknas](${HOST}/innovation/files/2013/06/saknas.jpg)` }),
    post({ slug: 'formel', title: '=1+1', contentMarkdown: 'Text.' }),
  ];
  await writeFile(join(dir, 'data', 'posts.json'), JSON.stringify(posts));
  await writeFile(join(dir, 'data', 'urls.json'), '[]');
  if (withArchive) {
    const crawl = join(dir, 'crawl');
    const writer = new WarcWriter(crawl, 'test', {});
    const { entry } = await writer.writeExchange({
      url: IMG, status: 200, statusText: 'OK', requestPath: new URL(IMG).pathname, requestHeaders: [['host', 'www.naringsbloggen.se']],
      headers: [['content-type', 'image/jpeg'], ['content-length', String(JPEG.length)]], rawBody: JPEG, body: JPEG, ms: 1,
    }, '2026-01-01T00:00:00Z');
    writer.close();
    await writeFile(join(crawl, 'index.cdxj'), formatCdxj([entry]));
  }
  return dir;
}

/**
 * The CLI in this process (main() is what bin/ runs), capturing stdout and stderr: a spawn costs ~2 s of
 * tsx start-up, so only the end-to-end test below spawns the real process.
 */
async function runInProcess(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => { stdout += String(chunk); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr += String(chunk); return true; }) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'naring-archive', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name).slice(dir.length + 1)).sort();
}

test('export markdown --help shows a worked example', async () => {
  for (const sub of ['markdown', 'json', 'csv']) {
    const r = await runInProcess(['export', sub, '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, new RegExp(`\\$ naring-archive export ${sub} \\S+ --out`));
  }
});

test('export markdown copies images from the crawl beside the data folder; a missing one is reported, exit 1', async () => {
  const dir = await snapshotDir(true);
  try {
    const out = join(dir, 'markdown');
    const r = await runCli(['export', 'markdown', join(dir, 'data'), '--out', out, '--no-progress']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /not in the archive \(link kept to the original\): http:\/\/www\.naringsbloggen\.se\/innovation\/files\/2013\/06\/saknas\.jpg/);
    assert.match(r.stderr, /export markdown: 2 posts, 0 pages, \d+ files \(flat layout, 1 uploads copied, 1 not in the archive\)/);
    assert.deepEqual(await readFile(join(out, 'uploads/2013/06/bild.jpg')), JPEG);
    const md = await readFile(join(out, 'innovation/2013/06/med-bild.md'), 'utf8');
    assert.match(md, /!\[bild\]\(\.\.\/\.\.\/\.\.\/uploads\/2013\/06\/bild\.jpg\)/);
    assert.equal(r.stdout, '', 'nothing on stdout');
    const again = join(dir, 'again');
    await runInProcess(['export', 'markdown', join(dir, 'data'), '--out', again, '--no-progress', '--archive', join(dir, 'crawl')]);
    const files = await listFiles(out);
    assert.deepEqual(await listFiles(again), files);
    for (const f of files) assert.deepEqual(await readFile(join(again, f)), await readFile(join(out, f)), `${f} differs between runs`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('export markdown without an archive: exit 2 naming --archive and --images link; --images link works', async () => {
  const dir = await snapshotDir(false);
  try {
    const out = join(dir, 'markdown');
    const r = await runInProcess(['export', 'markdown', join(dir, 'data'), '--out', out]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--archive .*crawl.*pass --archive CRAWL_DIR.*or use --images link/);
    assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
    assert.deepEqual(await readdir(dir), ['data'], 'nothing written');
    const ok = await runInProcess(['export', 'markdown', join(dir, 'data'), '--out', out, '--images', 'link', '--layout', 'hugo']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok((await listFiles(out)).includes('content/innovation/2013/med-bild/index.md'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('bad data folders and flags: exit 2, one line naming the file or flag and the fix, no stack trace', async () => {
  const dir = await snapshotDir(false);
  try {
    const cases: [string[], RegExp][] = [
      [['export', 'json', join(dir, 'nope'), '--out', join(dir, 'j')], /nope: no such folder; give the folder that `naring-archive extract --out` wrote/],
      [['export', 'csv', join(dir, 'data'), '--out', join(dir, 'p.csv')], /pages\.json: record 0 \(http:\/\/www\.naringsbloggen\.se\/innovation\/om\/\): (tags: must be array|must have required property '\w+') \(see schema\/pages\.schema\.json\); rerun `naring-archive extract` to write it again$/m],
      [['export', 'markdown', join(dir, 'data'), '--out', join(dir, 'm'), '--layout', 'wordpress'], /--layout <layout>' argument 'wordpress' is invalid\. Allowed choices are flat, hugo, jekyll/],
      [['export', 'csv', join(dir, 'data'), '--out', dir], /--out .*: give a file name for the CSV/],
      [['export', 'json', join(dir, 'data')], /required option '--out <dir>' not specified/],
      [['export', 'json', join(dir, 'data'), '--out', join(dir, 'data', 'posts.json')], /--out .*posts\.json: this is a file; give a folder to write into/],
      [['export', 'markdown', join(dir, 'data'), '--images', 'link', '--out', join(dir, 'data', 'posts.json', 'md')], /--out .*md: cannot write there \(ENOTDIR: not a directory.*\); choose a folder you can write to/],
    ];
    for (const [i, [args, pattern]] of cases.entries()) {
      // The schema case needs a broken pages.json; the write cases need a valid folder.
      if (i === 1) await writeFile(join(dir, 'data', 'pages.json'), JSON.stringify([{ url: `${HOST}/innovation/om/`, title: 'Om', categories: [], tags: 'fel' }]));
      if (i === 2) await rm(join(dir, 'data', 'pages.json'));
      const r = await runInProcess(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, pattern);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
    assert.deepEqual((await readdir(dir)).sort(), ['data']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('export json and export csv write their files and a summary', async () => {
  const dir = await snapshotDir(false);
  try {
    const j = await runInProcess(['export', 'json', join(dir, 'data'), '--out', join(dir, 'json'), '--jsonl']);
    assert.equal(j.code, 0, j.stderr);
    assert.match(j.stderr, /export json: 2 posts, 0 pages/);
    assert.deepEqual(await listFiles(join(dir, 'json')), ['authors.jsonl', 'categories.jsonl', 'pages.jsonl', 'posts.jsonl']);
    const c = await runInProcess(['export', 'csv', join(dir, 'data'), '--out', join(dir, 'posts.csv')]);
    assert.equal(c.code, 0, c.stderr);
    assert.match(c.stderr, /export csv: 2 posts, 0 pages and their categories written to/);
    const csv = await readFile(join(dir, 'posts.csv'), 'utf8');
    assert.ok(csv.startsWith('\uFEFFurl,title,date,author,categories,comment_count,excerpt,new_url,kind\r\n'));
    assert.match(csv, /,'=1\+1,/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
