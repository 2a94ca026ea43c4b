import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.ts';

const CONTRACT_COMMANDS = ['crawl', 'extract', 'export', 'verify-redirects', 'snapshot', 'diff', 'demo', 'report'];

test('--help lists every command of the contract', async () => {
  const r = await runCli(['--help']);
  assert.equal(r.code, 0);
  for (const name of CONTRACT_COMMANDS) assert.match(r.stdout, new RegExp(`^  ${name}\\b`, 'm'), `missing ${name}`);
  for (const sub of ['markdown', 'json', 'csv', 'redirects']) {
    const e = await runCli(['export', '--help']);
    assert.match(e.stdout, new RegExp(`^  ${sub}\\b`, 'm'));
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
