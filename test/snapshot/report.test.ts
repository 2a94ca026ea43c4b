import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
