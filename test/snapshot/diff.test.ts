import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffSnapshots, failingCategories, isIdentical } from '../../src/snapshot/diff.ts';
import { loadSnapshot } from '../../src/snapshot/load.ts';
import { changeExcerpt } from '../../src/snapshot/excerpt.ts';
import { formatDiffText } from '../../src/snapshot/diff-text.ts';
import { assertSnapshotDir } from '../../src/snapshot/layout.ts';
import { runCli } from '../helpers/cli.ts';
import { HOST, makeSnapshot, post } from './make-snapshot.ts';

async function withTmp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'naring-diff-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const EXPORT_URL = `${HOST}/innovation/om-innovation/export/`;

test('posts: added, removed and changed field by field (title, commentCount, categories, body)', async () => {
  await withTmp(async (tmp) => {
    const energi = { name: 'Energi', slug: 'energi', url: `${HOST}/innovation/category/energi/` };
    const a = await makeSnapshot(join(tmp, 'a'), {
      posts: [post('export'), post('gone'), post('same')],
    });
    const b = await makeSnapshot(join(tmp, 'b'), {
      posts: [
        post('export', {
          title: 'Export – ja tack',
          commentCount: 4,
          categories: [energi],
          contentMarkdown: 'Första stycket om innovation.\n\nAndra stycket om import och tillväxt i hela landet.\n',
          capture: { url: 'http://h/other/', payloadDigest: 'sha1:BBBB' },
          provenance: { title: 'listing:h2' },
        }),
        post('new'),
        post('same', { capture: { url: 'http://h/another-path-to-it/', payloadDigest: 'sha1:AAAA' } }),
      ],
    });
    const d = diffSnapshots(await loadSnapshot(a), await loadSnapshot(b));
    assert.deepEqual(d.records.added.map((r) => r.url), [`${HOST}/innovation/om-innovation/new/`]);
    assert.deepEqual(d.records.removed.map((r) => r.url), [`${HOST}/innovation/om-innovation/gone/`]);
    // capture ids and provenance are bookkeeping: `same` is not changed
    assert.deepEqual(d.records.changed.map((r) => r.url), [EXPORT_URL]);
    const changes = d.records.changed[0]!.changes;
    assert.deepEqual(changes.find((c) => c.field === 'title'), { field: 'title', before: 'Inlägg export', after: 'Export – ja tack' });
    assert.deepEqual(changes.find((c) => c.field === 'commentCount'), { field: 'commentCount', before: 3, after: 4 });
    assert.deepEqual(changes.find((c) => c.field === 'categories'), { field: 'categories', added: ['Energi'], removed: ['Om innovation'] });
    const body = changes.find((c) => c.field === 'contentMarkdown');
    assert.ok(body && 'excerpt' in body);
    assert.match(body.excerpt.before, /export/);
    assert.match(body.excerpt.after, /import/);
    assert.doesNotMatch(body.excerpt.after, /export/);
    assert.equal(changes.length, 4, JSON.stringify(changes));
    assert.deepEqual(failingCategories(d, null), ['added', 'removed', 'changed', 'urls']);
    assert.deepEqual(failingCategories(d, ['removed', 'failures']), ['removed']);
  });
});

test('redirect rows: added, removed and retargeted, read from redirects.csv with quoted fields', async () => {
  await withTmp(async (tmp) => {
    const p = [post('x')];
    const a = await makeSnapshot(join(tmp, 'a'), {
      posts: p,
      redirectsCsv: 'from,to,status,kind\n' +
        `${HOST}/a/,https://www.regeringen.se/a/,301,post\n` +
        `${HOST}/b/,https://www.regeringen.se/b/,301,post\n` +
        `"${HOST}/c/?s=a,b",https://www.regeringen.se/,301,search\n`,
    });
    const b = await makeSnapshot(join(tmp, 'b'), {
      posts: p,
      redirectsCsv: 'from,to,status,kind\r\n' +
        `${HOST}/a/,https://www.regeringen.se/a/,301,post\r\n` +
        `"${HOST}/c/?s=a,b",https://www.regeringen.se/sok/,301,search\r\n` +
        `${HOST}/d/,https://www.regeringen.se/d/,410,other\r\n`,
    });
    const d = diffSnapshots(await loadSnapshot(a), await loadSnapshot(b));
    assert.ok(d.redirects);
    assert.deepEqual(d.redirects.added.map((r) => [r.from, r.status]), [[`${HOST}/d/`, 410]]);
    assert.deepEqual(d.redirects.removed.map((r) => r.from), [`${HOST}/b/`]);
    assert.deepEqual(d.redirects.retargeted, [{
      from: `${HOST}/c/?s=a,b`,
      before: { to: 'https://www.regeringen.se/', status: 301 },
      after: { to: 'https://www.regeringen.se/sok/', status: 301 },
    }]);
    assert.deepEqual(d.records, { added: [], removed: [], changed: [] });
    assert.deepEqual(failingCategories(d, null), ['redirects']);
  });
});

test('failures: the last attempt of a URL decides; 304 is success; began to fail versus recovered', async () => {
  await withTmp(async (tmp) => {
    const p = [post('x')];
    const a = await makeSnapshot(join(tmp, 'a'), {
      posts: p,
      crawlLog: [
        { url: `${HOST}/flaky/`, status: 503, attempt: 1 },
        { url: `${HOST}/flaky/`, status: 200, attempt: 2 },
        { url: `${HOST}/was-broken/`, status: 500 },
        { url: `${HOST}/missing/`, status: 404 },
        { url: `${HOST}/ok/`, status: 200 },
      ],
    });
    const b = await makeSnapshot(join(tmp, 'b'), {
      posts: p,
      crawlLog: [
        { url: `${HOST}/flaky/`, status: 304 },
        { url: `${HOST}/was-broken/`, status: 200 },
        { url: `${HOST}/missing/`, status: 404 },
        { url: `${HOST}/ok/`, status: null, error: 'connect ECONNREFUSED' },
        { url: `${HOST}/wp-login.php`, skipped: 'robots.txt', discoveredFrom: `${HOST}/` },
      ],
    });
    const d = diffSnapshots(await loadSnapshot(a), await loadSnapshot(b));
    assert.deepEqual(d.failures.began.map((f) => [f.url, f.after?.reason]), [[`${HOST}/ok/`, 'connect ECONNREFUSED']]);
    assert.deepEqual(d.failures.recovered.map((f) => f.url), [`${HOST}/was-broken/`]);
    assert.deepEqual(failingCategories(d, ['failures']), ['failures']);
  });
});

test('two equal snapshots are identical, whatever the crawl ids', async () => {
  await withTmp(async (tmp) => {
    const a = await makeSnapshot(join(tmp, 'a'), { posts: [post('x')] });
    const b = await makeSnapshot(join(tmp, 'b'), { posts: [post('x', { capture: { url: 'http://h/2/', payloadDigest: 'sha1:AAAA' } })] });
    const d = diffSnapshots(await loadSnapshot(a), await loadSnapshot(b));
    assert.equal(isIdentical(d), true);
    assert.deepEqual(failingCategories(d, null), []);
  });
});

test('changeExcerpt shows the changed words with some context, not the whole body', () => {
  const head = 'Lorem ipsum '.repeat(40);
  const tail = ' dolor sit amet'.repeat(40);
  const e = changeExcerpt(`${head}gammal text${tail}`, `${head}ny text${tail}`);
  assert.ok(e.before.length < 120, e.before);
  assert.match(e.before, /^….*gammal text.*…$/);
  assert.match(e.after, /^….*ny text.*…$/);
  assert.equal(e.lengthBefore, head.length + 'gammal text'.length + tail.length);
});

test('CLI: exit 1 and a readable account when different, exit 0 when identical; --json is complete', async () => {
  await withTmp(async (tmp) => {
    const a = await makeSnapshot(join(tmp, 'a'), { posts: [post('export'), post('gone')] });
    const b = await makeSnapshot(join(tmp, 'b'), { posts: [post('export', { commentCount: 4 }), post('gone')] });
    const [text, json, same] = await Promise.all([
      runCli(['diff', a, b]),
      runCli(['diff', a, b, '--json']),
      runCli(['diff', a, a]),
    ]);
    assert.equal(text.code, 1, text.stderr);
    assert.match(text.stdout, /Posts and pages: 0 added, 0 removed, 1 changed/);
    assert.match(text.stdout, /commentCount: 3 → 4/);
    assert.match(text.stdout, /Result: different \(changed\)/);

    const narrowed = formatDiffText(diffSnapshots(await loadSnapshot(a), await loadSnapshot(b)), []);
    assert.match(narrowed, /none of the kinds --fail-on names/);

    assert.equal(json.code, 1);
    const parsed = JSON.parse(json.stdout) as { identical: boolean; counts: { changed: number }; records: { changed: Array<{ url: string }> } };
    assert.equal(parsed.identical, false);
    assert.equal(parsed.counts.changed, 1);
    assert.equal(parsed.records.changed[0]?.url, EXPORT_URL);

    assert.equal(same.code, 0);
    assert.match(same.stdout, /Result: identical/);
  });
});

test('CLI: bad --fail-on, a missing folder and an unfinished snapshot are usage errors (exit 2, one line)', async () => {
  await withTmp(async (tmp) => {
    const a = await makeSnapshot(join(tmp, 'a'), { posts: [post('x')] });
    const half = await makeSnapshot(join(tmp, 'half'), { posts: [post('x')], unfinished: true });
    const [bad, unfinished] = await Promise.all([
      runCli(['diff', a, a, '--fail-on', 'removed,typo']),
      runCli(['diff', a, half]),
    ]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--fail-on "removed,typo": expected a comma-separated list of added, removed/);
    await assert.rejects(assertSnapshotDir(join(tmp, 'nope'), 'snapshot-b'), /snapshot-b .*nope: no such folder/);
    assert.equal(unfinished.code, 2);
    assert.match(unfinished.stderr, /has no manifest\.json, so the snapshot never finished/);
    for (const r of [bad, unfinished]) assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});

test('text account: redirect rows that differ only by host, scheme or escape spelling collapse into one line', async () => {
  const row = (from: string) => ({ from, to: 'https://www.regeringen.se/x/', status: 301, kind: 'post' });
  const d = {
    records: { added: [], removed: [], changed: [] },
    redirects: {
      added: [],
      removed: [
        row('http://naringsbloggen.se/innovation/a-%e2%80%93-b/'), row('http://www.naringsbloggen.se/innovation/a-%E2%80%93-b/'),
        row('https://naringsbloggen.se/innovation/a-%E2%80%93-b/'), row('https://www.naringsbloggen.se/innovation/a-%e2%80%93-b/'),
        row('http://www.naringsbloggen.se/innovation/other/'),
      ],
      retargeted: [],
    },
    failures: { began: [], recovered: [] },
    urls: { added: [], removed: [] },
  };
  const text = formatDiffText(d, ['redirects']);
  assert.match(text, /Redirect rows: 0 added, 5 removed, 0 retargeted/);
  const removedLines = text.split('\n').filter((l) => l.startsWith('  - '));
  assert.equal(removedLines.length, 2, text);
  assert.match(removedLines[0]!, /a-%e2%80%93-b\/ → https:\/\/www\.regeringen\.se\/x\/ \(301\)  \(4 rows: hosts, schemes, spellings\)$/);
});
