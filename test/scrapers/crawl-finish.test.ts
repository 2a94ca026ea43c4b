import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cdxjLine, type CdxEntry } from '../../src/scrapers/archive-cdxj.ts';
import { writeRunFiles } from '../../src/scrapers/crawl-finish.ts';
import { JOURNAL_FILE, archivedEntries, forEachJournalLine, replayJournal, type DoneLine, type JournalLine } from '../../src/scrapers/crawl-journal.ts';
import { SortedLines } from '../../src/scrapers/sorted-lines.ts';
import { Rng } from '../../src/replica/prng.ts';

const args = { startedAt: new Date('2026-01-01T00:00:00Z'), scope: ['http://blog.test/'], interrupted: false, stoppedBy: null, queuedNotFetched: 0 };

function entry(url: string, status: number, n: number): CdxEntry {
  return { url, timestamp: `2026010100${String(n % 10000).padStart(4, '0')}`, mime: 'text/html', status, digest: `sha1:${n}`, length: 100 + n, offset: n * 1000, filename: 'a.warc.gz', recordId: `<urn:uuid:${n}>` };
}

/**
 * A journal as crawls and imports write it, and some they should not: URLs done twice (the later capture
 * wins), skipped twice with different reasons, failed and then done, done with a 5xx, probes without an
 * archived answer, two start lines (the first wins).
 */
function journal(rng: Rng, urls: number, repeats: boolean): JournalLine[] {
  const out: JournalLine[] = [{ t: 'start', startUrls: ['http://blog.test/'] }];
  let n = 0;
  for (let i = 0; i < urls; i++) {
    const url = `http://blog.test/${rng.pick(['', 'tag/', 'category/ä/', '2019/'])}p${i}/${rng.chance(0.1) ? `?x=${i}` : ''}`;
    out.push({ t: 'q', item: { url, from: `http://blog.test/from/${i}/`, depth: 1, ...(rng.chance(0.05) ? { sitemap: true } : {}) } });
    const r = rng.next();
    if (r < 0.6) out.push({ t: 'done', url, kind: rng.pick(['html', 'feed', 'sitemap']), entry: entry(url, rng.pick([200, 200, 200, 301, 404, 410]), n++), pos: { fileIndex: 0, end: n * 1000 } });
    else if (r < 0.65) out.push({ t: 'done', url, kind: 'html', entry: entry(url, 503, n++), pos: null, failed: 'HTTP 503 after 3 attempts' });
    else if (r < 0.7) out.push({ t: 'done', url, kind: 'probe', entry: null, pos: null });
    else if (r < 0.8) out.push({ t: 'fail', url, reason: rng.pick(['ECONNRESET', 'timeout']) });
    else out.push({ t: 'skip', url, reason: rng.pick(['out-of-scope', 'robots.txt', 'asset (add --assets)']) });
    if (rng.chance(0.05)) out.push({ t: 'guard', name: rng.pick(['replytocom', 'utm_source']) });
    if (repeats && rng.chance(0.05)) {
      const again = rng.next();
      if (again < 0.4) out.push({ t: 'done', url, kind: 'html', entry: entry(url, rng.pick([200, 404]), n++), pos: null });
      else if (again < 0.6) out.push({ t: 'skip', url, reason: 'max-depth' });
      else if (again < 0.8) out.push({ t: 'fail', url, reason: 'ECONNREFUSED' });
      else out.push({ t: 'done', url, kind: 'probe', entry: null, pos: null });
    }
  }
  out.push({ t: 'start', startUrls: ['http://other.test/'] });
  return out;
}

/** index.cdxj and the summary's counts as a replay of the whole journal into maps gives them: the oracle. */
async function replayed(dir: string) {
  const s = { startUrls: null as string[] | null, done: new Map<string, DoneLine>(), failed: new Map<string, string>(), skipped: new Map<string, string>(), guards: new Map<string, number>() };
  await forEachJournalLine(join(dir, JOURNAL_FILE), (j) => {
    if (j.t === 'start') s.startUrls ??= j.startUrls;
    if (j.t === 'done') {
      s.done.set(j.url, j);
      s.failed.delete(j.url);
      if (j.failed) s.failed.set(j.url, j.failed);
    }
    if (j.t === 'fail') s.failed.set(j.url, j.reason);
    if (j.t === 'skip') s.skipped.set(j.url, j.reason);
    if (j.t === 'guard') s.guards.set(j.name, (s.guards.get(j.name) ?? 0) + 1);
  });
  const count = (m: Record<string, number>, k: string) => { m[k] = (m[k] ?? 0) + 1; };
  const byStatus: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  const skipped: Record<string, number> = {};
  const clientErrors: { url: string; status: number }[] = [];
  const lines: string[] = [];
  for (const [url, d] of s.done) {
    if (!d.entry) continue;
    lines.push(cdxjLine(d.entry));
    count(byStatus, String(d.entry.status));
    count(byKind, d.kind);
    if (d.entry.status >= 400 && d.entry.status < 500) clientErrors.push({ url, status: d.entry.status });
  }
  for (const r of s.skipped.values()) count(skipped, r);
  const byUrl = (a: { url: string }, b: { url: string }) => (a.url < b.url ? -1 : 1);
  lines.sort();
  return {
    index: lines.map((l) => `${l}\n`).join(''),
    startUrls: s.startUrls,
    archived: lines.length,
    byStatus, byKind, skipped,
    clientErrors: clientErrors.sort(byUrl),
    failed: [...s.failed].map(([url, reason]) => ({ url, reason })).sort(byUrl),
    guards: Object.fromEntries(s.guards),
  };
}

const sortedKeys = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1)));

for (const [name, repeats, runChars] of [['each URL once, index in many runs', false, 4000], ['URLs journalled twice, in many runs', true, 4000], ['URLs journalled twice, in memory', true, undefined]] as const) {
  test(`the end of a run counts and indexes the journal as a replay of it does: ${name}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'naring-finish-'));
    try {
      const lines = journal(new Rng(repeats ? 7 : 3), 1500, repeats);
      writeFileSync(join(dir, JOURNAL_FILE), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
      const want = await replayed(dir);
      const got = await writeRunFiles(dir, args, runChars);
      assert.ok(want.archived > 500, 'the journal archives enough to need several runs');
      if (repeats) assert.ok(want.archived < lines.filter((l) => l.t === 'done' && l.entry).length, 'some URLs were archived twice');
      assert.equal(readFileSync(join(dir, 'index.cdxj'), 'utf8'), want.index);
      assert.deepEqual(got.startUrls, want.startUrls);
      assert.equal(got.archived, want.archived);
      assert.deepEqual(got.byStatus, sortedKeys(want.byStatus));
      assert.deepEqual(got.byKind, sortedKeys(want.byKind));
      assert.deepEqual(got.skipped, sortedKeys(want.skipped));
      assert.deepEqual(got.clientErrors, want.clientErrors);
      assert.deepEqual(got.failed, want.failed);
      assert.deepEqual(got.guards, sortedKeys(want.guards));
      assert.deepEqual(JSON.parse(readFileSync(join(dir, 'crawl-summary.json'), 'utf8')), got);
      assert.deepEqual(readdirSync(dir).sort(), ['crawl-state.jsonl', 'crawl-summary.json', 'index.cdxj'], 'no spilled runs are left behind');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('sorted lines spilled to runs come back as one sort of them, long lines and multi-byte text included', () => {
  const dir = mkdtempSync(join(tmpdir(), 'naring-sorted-'));
  try {
    const rng = new Rng(11);
    const alphabet = ['a', 'b', 'å', 'ö', '€', '😀', ' ', '{', 'Z'];
    // Added first, each is a run of its own longer than a read block (1 MB): the block ends inside the
    // 3-byte '€' at byte 1,048,576 (not a multiple of 3), and inside the second line.
    const lines = ['€'.repeat(400_000), 'b'.repeat(1_500_000)];
    for (let i = 0; i < 3000; i++) lines.push(Array.from({ length: rng.int(0, 40) }, () => rng.pick(alphabet)).join(''));
    const sorter = new SortedLines(dir, 20_000);
    for (const l of lines) sorter.add(l);
    assert.ok(readdirSync(dir).length === 1, 'the runs went to a spill folder');
    const text = [...sorter.chunks()].join('');
    sorter.remove();
    assert.equal(text, lines.sort().map((l) => `${l}\n`).join(''));
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a resumed crawl replays the journal lean: done URLs as lengths, the queue as URLs, only waiting items whole', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'naring-replay-'));
  try {
    const lines = journal(new Rng(5), 1500, true);
    writeFileSync(join(dir, JOURNAL_FILE), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    const s = await replayJournal(join(dir, JOURNAL_FILE));
    const done = new Map<string, DoneLine>();
    for (const l of lines) if (l.t === 'done') done.set(l.url, l);
    const queued = lines.flatMap((l) => (l.t === 'q' ? [l.item] : []));
    assert.deepEqual(s.queued, queued.map((q) => q.url));
    assert.deepEqual([...s.uncounted].sort(), queued.filter((q) => q.sitemap).map((q) => q.url).sort());
    assert.deepEqual(s.pending, queued.filter((q) => !done.has(q.url)), 'the items never done, whole and in queue order');
    assert.ok(s.pending.length > 100 && s.pending.length < queued.length / 2);
    assert.deepEqual([...s.done].sort(), [...done].map(([u, d]) => [u, d.entry ? d.entry.length : -1] as const).sort());
    assert.deepEqual([...s.skipped].sort(), [...new Set(lines.flatMap((l) => (l.t === 'skip' ? [l.url] : [])))].sort());
    const lastPos = lines.flatMap((l) => (l.t === 'done' && l.pos ? [l.pos] : [])).at(-1);
    assert.deepEqual(s.position, lastPos);
    const want = [...done.values()].flatMap((d) => (d.entry ? [d.entry] : [])).sort((a, b) => a.offset - b.offset);
    assert.deepEqual(await archivedEntries(join(dir, JOURNAL_FILE)), want, 'the last capture of each URL, in archive order');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
