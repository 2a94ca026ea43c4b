/**
 * import wayback against a local Wayback that pushes back: a 429 followed by a closed port, and SIGKILLs in
 * the middle of an import (scripts/eval/wayback-kills.ts; `npm run eval:wayback-kills` runs many rounds). One sub-blog of the replica (about 30 URLs) keeps it quick.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWaybackHistory, type Capture } from '../../../src/replica/wayback-history.ts';
import { startWaybackServer } from '../../../src/replica/wayback-server.ts';
import { DEFAULT_SITE_DIR } from '../../../src/replica/data.ts';
import { runCli } from '../../helpers/cli.ts';
import { resolveWaybackOptions } from '../../../src/scrapers/sources/wayback/options.ts';
import { killRound, referenceIndex, withLargeCapture } from '../../../scripts/eval/wayback-kills.ts';

const PREFIX = 'http://www.naringsbloggen.se/transport/';
let tmp: string;
let history: Capture[];
let expectedKeys: string[];

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'naring-wayback-'));
  history = await buildWaybackHistory(DEFAULT_SITE_DIR);
  expectedKeys = [...new Set(history.filter((c) => c.urlkey.startsWith('se,naringsbloggen)/transport/')).map((c) => c.urlkey))].sort();
  assert.ok(expectedKeys.length > 20);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

const args = (out: string, origin: string, ...more: string[]) => ['import', 'wayback', PREFIX, '--out', out, '--archive-base', origin, '--cdx-interval', '0', '--backoff', '300', '--no-progress', ...more];
const indexKeys = (dir: string) => readFileSync(join(dir, 'index.cdxj'), 'utf8').trim().split('\n').map((l) => l.split(' ')[0]!).sort();

test('a 429 is waited out (Retry-After) and the refused connections after it are retried with back-off', async () => {
  const server = await startWaybackServer({ captures: history, throttleAt: [6], blockMs: 1800 });
  try {
    const out = join(tmp, 'throttled');
    const r = await runCli(args(out, server.origin, '--rate', '50'), { timeoutMs: 180_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(indexKeys(out), expectedKeys, 'every URL archived despite the block');
    const i = server.log.findIndex((l) => l.status === 429);
    assert.equal(i, 5, 'the sixth request was answered 429');
    assert.ok(server.log[i + 1]!.ms - server.log[i]!.ms >= 1000, 'nothing asked before Retry-After: 1 had passed');
    assert.equal(server.refused(), 1);
    const attempts = readFileSync(join(out, 'crawl-log.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"memento"') && l.includes('"error"'));
    assert.ok(attempts.length >= 1, 'a refused connection was tried again');
  } finally {
    await server.close();
  }
});

test('SIGKILLs at random moments, twice in a row, and one just after a capture arrived: --resume asks the archive for nothing twice, the index is as if never killed', async () => {
  const big = withLargeCapture(history);
  const reference = await referenceIndex(big.history);
  assert.equal(reference.length, expectedKeys.length + 1);
  // Once the importer holds the 6 MB capture (received and on disk; it is still hashing and gzipping it, and
  // before the fix it was journalled 0.5–1 s later and asked again on resume), then two random kills in the
  // runs that resume, the second right after the first.
  const r = await killRound(big.history, { kills: 2, rate: 10, windowMs: 1500, afterCapture: { path: big.path, delayMs: 2000 } });
  assert.ok(r.killedAfterCapture, 'the import was killed while it held the large capture, not yet journalled');
  assert.equal(r.exitCode, 0);
  assert.ok(!r.twice.some((p) => p.includes(big.path)), `the capture received before the kill was asked again: ${r.twice.join(' ')}`);
  // Only an answer still on its way when a kill came (less than IN_FLIGHT_MS earlier) may be asked again.
  assert.deepEqual(r.twice.filter((p) => !r.inFlight.includes(p)), [], 'archive URLs asked twice');
  assert.deepEqual(r.badOffsets, [], 'index entries that do not point at their record');
  assert.deepEqual(r.index, reference, 'URLs, capture times, statuses and payload digests as an import never killed');
});

test('bad flags: one line naming the flag and the fix, exit 2', async () => {
  assert.throws(() => resolveWaybackOptions([PREFIX], { at: '2017', to: '2018' }, tmp), /--at and --to/);
  assert.throws(() => resolveWaybackOptions([PREFIX], { from: '2018', to: '2017' }, tmp), /--from 2018 is after --to 2017/);
  assert.throws(() => resolveWaybackOptions(['ftp://x'], {}, tmp), /expected an absolute http\(s\) URL/);
  assert.throws(() => resolveWaybackOptions([PREFIX], { rate: 'fast' }, tmp), /--rate "fast": expected captures per second/);
  const r = await runCli(['import', 'wayback', PREFIX, '--out', join(tmp, 'x'), '--at', 'yesterday']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--at "yesterday": expected a timestamp YYYY\[MM\[DD/);
  const down = await runCli(['import', 'wayback', PREFIX, '--out', join(tmp, 'y'), '--archive-base', 'http://127.0.0.1:9', '--retries', '0']);
  assert.equal(down.code, 2);
  assert.match(down.stderr, /--archive-base http:\/\/127\.0\.0\.1:9: the CDX listing of .* failed/);
  assert.equal(down.stderr.trim().split('\n').length, 1, down.stderr);
});
