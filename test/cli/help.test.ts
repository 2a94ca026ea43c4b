import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ROOT, runCli } from '../helpers/cli.ts';

const CONTRACT_COMMANDS = ['crawl', 'extract', 'export', 'verify-redirects', 'snapshot', 'diff', 'demo', 'report'];

test('--help lists every command of the contract', async () => {
  const r = await runCli(['--help']);
  assert.equal(r.code, 0);
  // The description is one paragraph that commander wraps, not lines broken by hand mid-list.
  assert.match(r.stdout, /export\s+Markdown, JSON, CSV and redirect maps/);
  for (const name of CONTRACT_COMMANDS) assert.match(r.stdout, new RegExp(`^  ${name}\\b`, 'm'), `missing ${name}`);
  const e = await runCli(['export', '--help']);
  for (const sub of ['markdown', 'json', 'csv', 'redirects', 'site', 'wacz', 'wxr']) {
    assert.match(e.stdout, new RegExp(`^  ${sub}\\b`, 'm'), `export --help lacks ${sub}`);
  }
});

test('an unknown command is a usage error with exit 2 and no stack trace', async () => {
  const r = await runCli(['no-such-command']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command 'no-such-command'/);
  assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
});

test('an unknown option is a usage error with exit 2', async () => {
  const r = await runCli(['--no-such-flag']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--no-such-flag/);
});

test('output piped into a reader that closes early (`| head`) ends quietly: no EPIPE stack trace', async () => {
  const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', main, '--help'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy(); // the reader is gone before the CLI writes a byte
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.doesNotMatch(stderr, /EPIPE|Unhandled|\n\s+at /, stderr);
  assert.equal(code, 0, stderr);
});
