import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { toReportHtml } from '../../src/exporters/report/index.ts';
import { loadReportData } from '../../src/snapshot/report-data.ts';
import { HOST, makeSnapshot, post } from './make-snapshot.ts';

test('report: one self-contained HTML page with counts, blogs, kinds, coverage and failures', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'naring-report-'));
  try {
    const posts = [
      post('a', { commentCount: 2, published: '2012-01-10' }),
      post('b', { commentCount: 5, published: '2013-03-01' }),
      post('mat', { blog: 'livsmedel', url: `${HOST}/livsmedel/mat/mat/`, commentCount: null, published: '2016-05-02' }),
    ];
    const urls = [
      ...posts.map((p) => ({ url: p.url, kind: 'post' as const, status: 200, target: null })),
      { url: `${HOST}/innovation/category/om-innovation/`, kind: 'category' as const, status: 200, target: null },
      { url: `${HOST}/innovation/<script>alert(1)</script>/`, kind: 'other' as const, status: 404, target: null },
    ];
    const snap = await makeSnapshot(join(tmp, 'snap'), {
      posts,
      urls,
      redirectsCsv: 'from,to,status,kind\n' + posts.map((p) => `${p.url},https://www.regeringen.se/x/,301,post`).join('\n') + '\n',
      crawlLog: [...urls.slice(0, 4).map((u) => ({ url: u.url, status: 200 })), { url: urls[4]!.url, status: 404 }],
    });
    const out = join(tmp, 'report.html');
    const r = await runCli(['report', snap, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const html = await readFile(out, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    // self-contained: no external stylesheet, script or image; the one inline script is allowed by its hash
    assert.doesNotMatch(html, /<link |<script[^>]* src=|<img /i);
    assert.match(html, /<style>/);
    assert.match(html, /Migration report: www\.naringsbloggen\.se/);
    // innovation: 2 posts, 2012-01-10 to 2013-03-01, 7 comments displayed; livsmedel displays no counts
    assert.match(html, /<td data-label="blog">innovation<\/td><td data-label="posts" class="n">2<\/td><td data-label="pages" class="n">0<\/td><td data-label="first post">2012-01-10<\/td><td data-label="last post">2013-03-01<\/td><td data-label="comment counts displayed" class="n">7<\/td>/);
    assert.match(html, /<td data-label="blog">livsmedel<\/td><td data-label="posts" class="n">1<\/td>.*>not displayed<\/td>/);
    assert.match(html, /3 of 5 old URLs \(60\.0 %\) have a redirect row/);
    assert.match(html, /Old URLs without a redirect row \(2\)/);
    // the failed URL is listed, escaped
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /HTTP 404/);
    // deterministic: the same snapshot gives the same bytes
    assert.equal(toReportHtml(await loadReportData(snap, { reportFile: out })), html);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});

test('report: a folder that is not a snapshot is a usage error', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'naring-report-'));
  try {
    const r = await runCli(['report', tmp, '--out', join(tmp, 'r.html')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /has no data\/ folder, so it is not a snapshot/);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});

test('report: an --out that cannot be written is one line naming it, not "a bug in naring-archive"', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'naring-report-'));
  try {
    await makeSnapshot(tmp, { posts: [post('a')] });
    const r = await runCli(['report', tmp, '--out', join(tmp, 'data', 'posts.json', 'r.html')]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^naring-archive: --out .*r\.html: cannot write there \(E(EXIST|NOTDIR)\b.*\); choose a folder you can write to\n$/);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});

test('report --verify: the result of verify-redirects is shown; wrong rows make exit 1; a bad file is one line and exit 2', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'naring-report-'));
  try {
    const snap = await makeSnapshot(join(tmp, 'snap'), { posts: [post('a')] });
    const verify = join(tmp, 'verify.json');
    await writeFile(verify, JSON.stringify({ checked: 8, correct: 7, wrong: [{ from: `${HOST}/innovation/om-innovation/a/`, expected: { status: 301, location: 'https://www.regeringen.se/a/' }, got: { status: 302, location: 'https://www.regeringen.se/' }, errors: ['status 302, expected 301'] }] }));
    const out = join(tmp, 'r.html');
    const r = await runCli(['report', snap, '--out', out, '--verify', verify]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /redirects checked: 7 of 8 correct/);
    const html = await readFile(out, 'utf8');
    assert.match(html, /8 rows checked \(from <code>[^<]*verify\.json<\/code>\): 7 correct, 1 wrong/);
    assert.match(html, /302 → https:\/\/www\.regeringen\.se\//);
    await writeFile(verify, '{"checked": "many"}');
    const bad = await runCli(['report', snap, '--out', out, '--verify', verify]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^naring-archive: --verify .*verify\.json: expected \{checked, correct, wrong: \[\.\.\.\]\}; give the JSON that `naring-archive verify-redirects/);
    const missing = await runCli(['report', snap, '--out', out, '--verify', join(tmp, 'nope.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--verify .*nope\.json: cannot read it \(ENOENT\)/);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});
