/**
 * import wayback against a local Wayback that pushes back: a 429 followed by a closed port, and a SIGKILL in
 * the middle of an import. One sub-blog of the replica (about 30 URLs) keeps it quick.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWaybackHistory, type Capture } from '../../../src/replica/wayback-history.ts';
import { startWaybackServer } from '../../../src/replica/wayback-server.ts';
import { DEFAULT_SITE_DIR } from '../../../src/replica/data.ts';
import { readArchive } from '../../../src/scrapers/archive.ts';
import { runCli } from '../../helpers/cli.ts';
import { resolveWaybackOptions } from '../../../src/scrapers/sources/wayback/options.ts';

const PREFIX = 'http://www.naringsbloggen.se/transport/';
const MAIN = fileURLToPath(new URL('../../../src/main.ts', import.meta.url));
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

test('SIGKILL in the middle, then --resume: the import finishes, and no capture or CDX page was asked for twice', async () => {
  const server = await startWaybackServer({ captures: history });
  try {
    const out = join(tmp, 'killed');
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args(out, server.origin, '--rate', '15')], { stdio: 'ignore' });
    const exited = new Promise((ok) => child.on('close', ok));
    for (let i = 0; i < 2400 && server.log.filter((l) => l.path.startsWith('/web/')).length < 12; i++) await new Promise((ok) => setTimeout(ok, 50));
    child.kill('SIGKILL');
    await exited;
    const before = server.log.filter((l) => l.path.startsWith('/web/')).length;
    assert.ok(before >= 12 && before < expectedKeys.length, `killed after ${before} captures`);
    const again = await runCli(args(out, server.origin, '--rate', '200', '--resume'));
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(indexKeys(out), expectedKeys);
    const paths = server.log.map((l) => l.path);
    const twice = paths.filter((p, i) => paths.indexOf(p) !== i);
    // A kill can land between receiving one capture and journalling it: that one may be asked again, nothing else.
    assert.ok(twice.length <= 1, `asked twice: ${twice.join(' ')}`);
    // Each URL once in the archive, as the index says (a torn or repeated record would show as a second capture).
    const seen = new Map<string, number>();
    for await (const r of readArchive(out)) seen.set(r.url, (seen.get(r.url) ?? 0) + 1);
    assert.equal(seen.size, expectedKeys.length);
    assert.deepEqual([...seen.values()].filter((n) => n !== 1), [], 'every URL has one response record');
  } finally {
    await server.close();
  }
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
