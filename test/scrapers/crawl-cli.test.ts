import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/cli.ts';
import { startSite } from './crawl-site.ts';

const NO_TRACE = /at .*\.ts:\d+/;

test('bad crawl flags are usage errors (exit 2) naming the flag and the fix', async () => {
  const cases: [string[], RegExp][] = [
    [['--rate', 'fast'], /--rate "fast": expected requests per second, e\.g\. --rate 2/],
    [['--concurrency', '0'], /--concurrency "0": expected a whole number of at least 1/],
    [['--max-pages', '1.5'], /--max-pages "1\.5"/],
    [['--connect-to', 'nonsense'], /--connect-to "nonsense": expected HOST:PORT:ADDR:PORT/],
    [['--include', '(unclosed'], /--include "\(unclosed": not a valid regular expression/],
    [['--since', '/no/such/folder'], /--since .*no such folder/],
    [['--since', tmpdir()], /--since .*no index.cdxj there; give the --out folder of a finished crawl/],
  ];
  for (const [flags, message] of cases) {
    const r = await runCli(['crawl', 'http://blog.test/', '--out', join(tmpdir(), 'never-written'), ...flags]);
    assert.equal(r.code, 2, flags.join(' '));
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, NO_TRACE);
  }
  const noOut = await runCli(['crawl', 'http://blog.test/']);
  assert.equal(noOut.code, 2);
  assert.match(noOut.stderr, /--out is required/);
  const badUrl = await runCli(['crawl', 'ftp://blog.test/', '--out', join(tmpdir(), 'never-written')]);
  assert.equal(badUrl.code, 2);
  assert.match(badUrl.stderr, /start URL "ftp:\/\/blog.test\/": expected an absolute http\(s\) URL/);
  assert.ok(!existsSync(join(tmpdir(), 'never-written')));
  const file = await runCli(['crawl', 'http://blog.test/', '--out', join(ROOT, 'package.json')]);
  assert.equal(file.code, 2);
  assert.match(file.stderr, /--out ".*package.json": is a file, not a folder/);
});

test('an unreachable start URL is exit 2 and writes nothing', async () => {
  const site = await startSite({});
  const port = site.port;
  await site.close(); // nothing listens there now
  const dir = join(mkdtempSync(join(tmpdir(), 'naring-cli-')), 'out');
  try {
    const r = await runCli(['crawl', 'http://blog.test/', '--out', dir, '--connect-to', `blog.test:80:127.0.0.1:${port}`, '--retries', '0']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /start URL http:\/\/blog.test\/ is unreachable \(.*ECONNREFUSED.*\); check the address, or map it with --connect-to/);
    assert.ok(!existsSync(dir));
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
});

test('crawl --json prints the summary on stdout, writes the contract files, exits 1 when a URL failed, and refuses to overwrite', async () => {
  const site = await startSite({
    '/robots.txt': '',
    '/': '<a href="/ok/">ok</a><a href="/broken/">broken</a>',
    '/ok/': 'fine',
    '/broken/': (_q, res) => { res.writeHead(503); res.end(); },
  });
  const dir = join(mkdtempSync(join(tmpdir(), 'naring-cli-')), 'out');
  const args = ['crawl', 'http://blog.test/', '--out', dir, '--connect-to', `blog.test:80:127.0.0.1:${site.port}`, '--rate', '200', '--retries', '1', '--retry-delay', '10', '--json'];
  try {
    const r = await runCli(args);
    assert.equal(r.code, 1, r.stderr);
    const summary = JSON.parse(r.stdout) as { archived: number; failed: { url: string; reason: string }[]; byStatus: Record<string, number> };
    assert.deepEqual(summary.failed.map((f) => f.url), ['http://blog.test/broken/']);
    assert.equal(summary.byStatus['503'], 1);
    assert.match(r.stderr, /1 URLs failed after retries/);
    assert.deepEqual(readdirSync(dir).filter((f) => !f.startsWith('.')).sort(), ['archive', 'crawl-log.jsonl', 'crawl-state.jsonl', 'crawl-summary.json', 'index.cdxj']);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'crawl-summary.json'), 'utf8')).failed, summary.failed);
    const again = await runCli(args);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /--out .*out: holds another crawl already; add --resume to continue it, or choose an empty folder/);
  } finally {
    await site.close();
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
});

test('crawl --help documents the flags with a worked example', async () => {
  const r = await runCli(['crawl', '--help']);
  assert.equal(r.code, 0);
  for (const flag of ['--out', '--scope', '--include', '--exclude', '--concurrency', '--rate', '--max-pages', '--max-depth', '--user-agent', '--ignore-robots', '--resume', '--assets', '--json', '--connect-to', '--since']) {
    assert.match(r.stdout, new RegExp(`${flag}\\b`), flag);
  }
  assert.match(r.stdout, /\$ naring-archive crawl https?:\/\//);
});
