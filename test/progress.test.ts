import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgress } from '../src/progress.ts';

function fakeStream(tty: boolean, columns = 80) {
  const out: string[] = [];
  const stream = { isTTY: tty, columns, write: (s: string) => { out.push(s); return true; } } as unknown as NodeJS.WriteStream;
  return { stream, out };
}

test('without a TTY: plain lines, throttled, and a pending line comes before the closing summary', () => {
  const { stream, out } = fakeStream(false);
  const p = createProgress({ stream, intervalMs: 60_000 });
  p.update('crawl: 1 done');
  p.update('crawl: 2 done');
  p.update('crawl: 3 done');
  p.log('Crawl finished: 3 URLs archived');
  p.stop();
  assert.deepEqual(out, ['crawl: 1 done\n', 'crawl: 3 done\n', 'Crawl finished: 3 URLs archived\n']);
});

test('a terminal that reports no width gets plain lines, not a spinner that redraws blank lines', () => {
  // CI=true alone turns the spinner off; take it away so the width is what decides.
  const ci = process.env.CI;
  delete process.env.CI;
  try {
    const { stream, out } = fakeStream(true, 0);
    const p = createProgress({ stream, intervalMs: 0 });
    p.update('extract: 5 responses read');
    p.stop();
    assert.deepEqual(out, ['extract: 5 responses read\n']);
  } finally {
    if (ci !== undefined) process.env.CI = ci;
  }
});

test('disabled progress prints only what must be printed', () => {
  const { stream, out } = fakeStream(false);
  const p = createProgress({ stream, enabled: false });
  p.update('crawl: 1 done');
  p.log('warning: robots.txt disallows /x/');
  p.stop('done');
  assert.deepEqual(out, ['warning: robots.txt disallows /x/\n', 'done\n']);
});
