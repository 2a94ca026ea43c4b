import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/cli.ts';
import { resolveCrawlOptions } from '../../src/scrapers/crawl-options.ts';
import { UsageError } from '../../src/errors.ts';
import { startSite } from './crawl-site.ts';

const NO_TRACE = /at .*\.ts:\d+/;

test('bad crawl flags are usage errors naming the flag and the fix', () => {
  // Checked on resolveCrawlOptions (what both crawl and snapshot call); one CLI run below shows the exit status.
  const out = join(tmpdir(), 'never-written');
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ rate: 'fast' }, /^--rate "fast": expected requests per second, e\.g\. --rate 2$/],
    [{ concurrency: '0' }, /^--concurrency "0": expected a whole number of at least 1/],
    [{ maxPages: '1.5' }, /^--max-pages "1\.5"/],
    [{ connectTo: ['nonsense'] }, /^--connect-to "nonsense": expected HOST:PORT:ADDR:PORT/],
    [{ include: ['(unclosed'] }, /^--include "\(unclosed": not a valid regular expression/],
    [{ since: '/no/such/folder' }, /^--since .*no such folder/],
    [{ since: tmpdir() }, /^--since .*no index.cdxj there; give the --out folder of a finished crawl/],
    [{ timeout: '-1' }, /^--timeout "-1": expected seconds/],
  ];
  for (const [opts, message] of cases) {
    assert.throws(() => resolveCrawlOptions(['http://blog.test/'], opts, out), (err: unknown) => err instanceof UsageError && message.test(err.message), JSON.stringify(opts));
  }
  assert.throws(() => resolveCrawlOptions(['ftp://blog.test/'], {}, out), /start URL "ftp:\/\/blog.test\/": expected an absolute http\(s\) URL/);
  assert.throws(() => resolveCrawlOptions(['http://blog.test/'], {}, join(ROOT, 'package.json')), /--out ".*package.json": is a file, not a folder/);
  const ok = resolveCrawlOptions(['HTTP://Blog.Test:80/a/../'], { connectTo: ['blog.test:80:127.0.0.1:8080'], rate: '0.5' }, out);
  assert.deepEqual(ok.startUrls, ['http://blog.test/']);
  assert.deepEqual(ok.connectTo, [{ host: 'blog.test', port: 80, addr: '127.0.0.1', addrPort: 8080 }]);
  assert.equal(ok.rate, 0.5);
  assert.equal(ok.concurrency, 2);
});

test('a bad flag on the command line exits 2 with one line and no stack trace; so does a missing --out', async () => {
  const r = await runCli(['crawl', 'http://blog.test/', '--out', join(tmpdir(), 'never-written'), '--rate', 'fast']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'naring-archive: --rate "fast": expected requests per second, e.g. --rate 2\n');
  assert.ok(!existsSync(join(tmpdir(), 'never-written')));
  const noOut = await runCli(['crawl', 'http://blog.test/']);
  assert.equal(noOut.code, 2);
  assert.match(noOut.stderr, /--out is required/);
  assert.doesNotMatch(noOut.stderr, NO_TRACE);
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
