import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { createFetcher, fetchWithRetry, parseRetryAfter, retryDelayMs, DEFAULT_RETRY_POLICY } from '../../src/scrapers/fetch.ts';
import { crawlSite } from '../../src/scrapers/crawl.ts';
import { readArchive } from '../../src/scrapers/archive.ts';
import { startSite, testOptions } from './crawl-site.ts';

const connectTo = (port: number) => [{ host: 'blog.test', port: 80, addr: '127.0.0.1', addrPort: port }];

test('Retry-After is honoured (seconds), 503 then 200 archives the 200 and logs both attempts', async () => {
  const site = await startSite({
    '/robots.txt': '',
    '/': (_q, res, n) => {
      if (n === 1) { res.writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain' }); res.end('busy'); return; }
      res.writeHead(200, { 'content-type': 'text/html' }); res.end('ok');
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'naring-fetch-'));
  try {
    // A 10 s backoff would be used if Retry-After were ignored; the test would then take 5–15 s and fail the bound.
    await crawlSite(testOptions(site, dir, { retryBaseDelayMs: 10_000 }));
    const hits = site.requests.filter((r) => r.path === '/');
    assert.equal(hits.length, 2);
    const gap = hits[1]!.at - hits[0]!.at;
    assert.ok(gap >= 950 && gap < 4500, `retried after ${gap} ms`);
    const statuses: number[] = [];
    for await (const r of readArchive(dir)) if (r.url === 'http://blog.test/') statuses.push(r.status);
    assert.deepEqual(statuses, [200]);
    const log = readFileSync(join(dir, 'crawl-log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { url: string; status: number; attempt: number });
    assert.deepEqual(log.filter((l) => l.url === 'http://blog.test/').map((l) => [l.status, l.attempt]), [[503, 1], [200, 2]]);
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('429, 5xx and dropped connections are retried with backoff; a URL failing every attempt is recorded and the crawl goes on', async () => {
  const site = await startSite({
    '/robots.txt': '',
    '/': '<a href="/flaky/">f</a><a href="/throttled/">t</a><a href="/down/">d</a><a href="/fine/">x</a>',
    '/flaky/': (req, res, n) => { if (n < 3) { req.socket.destroy(); return; } res.writeHead(200); res.end('ok'); },
    '/throttled/': (_q, res, n) => { res.writeHead(n === 1 ? 429 : 200); res.end('t'); },
    '/down/': (_q, res) => { res.writeHead(500); res.end('e'); },
    '/fine/': 'fine',
  });
  const dir = mkdtempSync(join(tmpdir(), 'naring-fetch-'));
  try {
    const r = await crawlSite(testOptions(site, dir, { retries: 2 }));
    const count = (p: string) => site.requests.filter((x) => x.path === p).length;
    assert.equal(count('/flaky/'), 3);
    assert.equal(count('/throttled/'), 2);
    assert.equal(count('/down/'), 3);
    assert.deepEqual(r.summary.failed.map((f) => f.url), ['http://blog.test/down/']);
    assert.match(r.summary.failed[0]!.reason, /HTTP 500/);
    assert.equal(r.summary.byStatus['200'], 5);
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a response that never comes times out, is recorded as failed, and other pages are still archived', async () => {
  const site = await startSite({
    '/robots.txt': '',
    '/': '<a href="/slow/">s</a><a href="/ok/">o</a>',
    '/slow/': () => { /* never answers */ },
    '/ok/': 'ok',
  });
  const dir = mkdtempSync(join(tmpdir(), 'naring-fetch-'));
  try {
    const r = await crawlSite(testOptions(site, dir, { timeoutMs: 400, retries: 0 }));
    assert.equal(r.summary.failed.length, 1);
    assert.equal(r.summary.failed[0]!.url, 'http://blog.test/slow/');
    assert.match(r.summary.failed[0]!.reason, /timeout/i);
    assert.equal(r.summary.byStatus['200'], 3);
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bodies over the size cap are aborted and reported, with or without Content-Length', async () => {
  const big = 'x'.repeat(50_000);
  const site = await startSite({
    '/robots.txt': '',
    '/': '<a href="/declared/">d</a><a href="/chunked/">c</a>',
    '/declared/': big,
    '/chunked/': (_q, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.write(big); res.end(big); },
  });
  const dir = mkdtempSync(join(tmpdir(), 'naring-fetch-'));
  try {
    const r = await crawlSite(testOptions(site, dir, { maxBodyBytes: 10_000 }));
    assert.deepEqual(r.summary.failed.map((f) => f.url), ['http://blog.test/chunked/', 'http://blog.test/declared/']);
    for (const f of r.summary.failed) assert.match(f.reason, /larger than/);
    // Size-cap failures are not retried: the answer would be just as large.
    assert.equal(site.requests.filter((x) => x.path === '/chunked/').length, 1);
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('gzip and br bodies are archived as received and decoded for readers', async () => {
  const html = '<p>Hallå världen</p>';
  const site = await startSite({
    '/gz': (_q, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }); res.end(gzipSync(html)); },
    '/br': (_q, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br' }); res.end(brotliCompressSync(html)); },
  });
  const f = createFetcher({ connectTo: connectTo(site.port) });
  try {
    for (const p of ['/gz', '/br']) {
      const a = await f.fetchOnce(`http://blog.test${p}`);
      assert.ok(a.ok);
      assert.equal(a.response.body.toString('utf8'), html);
      assert.notEqual(a.response.rawBody.toString('utf8'), html);
    }
    assert.match(String(site.requests[0]!.headers['accept-encoding']), /gzip/);
  } finally {
    await f.close();
    await site.close();
  }
});

test('Retry-After as an HTTP date, capped; backoff grows with jitter', () => {
  const now = Date.parse('2024-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', now), 30_000);
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter('soon', now), null);
  const res = { ok: true as const, response: { url: '', status: 503, statusText: '', requestPath: '/', requestHeaders: [], headers: [['retry-after', '9999']] as [string, string][], rawBody: Buffer.alloc(0), body: Buffer.alloc(0), ms: 1 } };
  assert.equal(retryDelayMs(res, 2, DEFAULT_RETRY_POLICY), DEFAULT_RETRY_POLICY.maxRetryAfterMs);
  const plain = { ok: false as const, error: 'ECONNRESET', retryable: true, ms: 1 };
  const p = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100 };
  assert.equal(retryDelayMs(plain, 2, p, () => 0.5), 100);
  assert.equal(retryDelayMs(plain, 4, p, () => 0.5), 400);
  assert.equal(retryDelayMs(plain, 4, p, () => 0), 200);
});

test('fetchWithRetry stops at the retry budget', async () => {
  const site = await startSite({ '/': (_q, res) => { res.writeHead(502); res.end(); } });
  const f = createFetcher({ connectTo: connectTo(site.port) });
  try {
    const r = await fetchWithRetry(f, 'http://blog.test/', { ...DEFAULT_RETRY_POLICY, retries: 1, baseDelayMs: 1 });
    assert.equal(r.attempts, 2);
    assert.ok(r.attempt.ok && r.attempt.response.status === 502);
  } finally {
    await f.close();
    await site.close();
  }
});
