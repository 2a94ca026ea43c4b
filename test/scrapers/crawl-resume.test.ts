import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crawlSite } from '../../src/scrapers/crawl.ts';
import { readArchive } from '../../src/scrapers/archive.ts';
import { runCli } from '../helpers/cli.ts';
import { startSite, testOptions, type Handler, type Site } from './crawl-site.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const N = 80;

/** A site of N interlinked pages that answer after a short delay, so a crawl takes about a second. */
function routes(): Record<string, string | Handler> {
  const r: Record<string, string | Handler> = { '/robots.txt': 'User-agent: *\nDisallow:\n' };
  const page = (i: number) => `<a href="/p${(i + 1) % N}/">next</a><a href="/p${(i * 7) % N}/">jump</a><a href="/tag/t${i % 5}/">tag</a>`;
  for (let i = 0; i < N; i++) r[`/p${i}/`] = ((_q, res) => setTimeout(() => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page(i)); }, 6)) as Handler;
  for (let t = 0; t < 5; t++) r[`/tag/t${t}/`] = `<a href="/p${t * 15}/">p</a>`;
  r['/'] = '<a href="/p0/">start</a><a href="/p40/">middle</a>';
  return r;
}

function cliArgs(site: Site, dir: string, resume: boolean): string[] {
  return ['crawl', 'http://blog.test/', '--out', dir, '--connect-to', `blog.test:80:127.0.0.1:${site.port}`, '--rate', '1000', '--concurrency', '3', '--no-progress', ...(resume ? ['--resume'] : [])];
}

/**
 * Spawns the CLI and sends `signal` once the site has served `afterRequests` more requests (so the point of
 * interruption lies inside the crawl whatever the machine's startup time); resolves with the exit status.
 */
function runAndSignal(site: Site, args: string[], signal: NodeJS.Signals, afterRequests: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const target = site.requests.length + afterRequests;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setInterval(() => { if (site.requests.length >= target) { clearInterval(timer); child.kill(signal); } }, 2);
    child.on('close', (code, sig) => { clearInterval(timer); resolve({ code, signal: sig, stderr }); });
  });
}

async function captures(dir: string): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  for await (const r of readArchive(dir)) m.set(r.url, (m.get(r.url) ?? 0) + 1);
  return m;
}

function indexUrls(dir: string): string[] {
  return readFileSync(join(dir, 'index.cdxj'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l.slice(l.indexOf(' {') + 1)) as { url: string }).url);
}

async function reference(site: Site): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'naring-ref-'));
  try {
    await crawlSite(testOptions(site, dir, { concurrency: 3, rate: 1000 }));
    return [...(await captures(dir)).keys()].sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('SIGKILL at random points, then --resume: same URL set as an uninterrupted crawl, each URL archived once, valid archive', async () => {
  const site = await startSite(routes());
  const dir = mkdtempSync(join(tmpdir(), 'naring-resume-'));
  try {
    const expected = await reference(site);
    assert.equal(expected.length, N + 5 + 2); // pages, tags, home, robots.txt
    const kills: number[] = [];
    for (let run = 0; run < 3; run++) {
      const at = 1 + Math.floor(Math.random() * 40);
      kills.push(at);
      const r = await runAndSignal(site, cliArgs(site, dir, run > 0), 'SIGKILL', at);
      // The first run is always cut (at most 41 of the site's 87 requests); later ones may finish first.
      if (run === 0) assert.equal(r.signal, 'SIGKILL', r.stderr);
      if (r.code === 0) break;
    }
    const final = await runCli(cliArgs(site, dir, true), { timeoutMs: 60_000 });
    assert.equal(final.code, 0, `kills after ${kills.join(', ')} requests; ${final.stderr}`);
    const got = await captures(dir);
    assert.deepEqual([...got.keys()].sort(), expected, `kills after ${kills.join(', ')} requests`);
    for (const [u, n] of got) assert.equal(n, 1, `${u} archived ${n} times (kills after ${kills.join(', ')} requests)`);
    const idx = indexUrls(dir);
    assert.equal(new Set(idx).size, idx.length);
    assert.deepEqual([...idx].sort(), expected);
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Ctrl-C stops cleanly with exit 130, says how to resume, and --resume finishes the crawl', async () => {
  const site = await startSite(routes());
  const dir = mkdtempSync(join(tmpdir(), 'naring-sigint-'));
  try {
    const r = await runAndSignal(site, cliArgs(site, dir, false), 'SIGINT', 20);
    if (r.code !== 0) {
      assert.equal(r.code, 130, r.stderr);
      assert.match(r.stderr, /--resume/);
      const partial = await captures(dir);
      assert.deepEqual(indexUrls(dir).sort(), [...partial.keys()].sort(), 'index.cdxj written for what was done');
    }
    const done = await runCli(cliArgs(site, dir, true), { timeoutMs: 60_000 });
    assert.equal(done.code, 0, done.stderr);
    const got = await captures(dir);
    assert.equal(got.size, N + 5 + 2);
    for (const [u, n] of got) assert.equal(n, 1, `${u} archived ${n} times`);
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
