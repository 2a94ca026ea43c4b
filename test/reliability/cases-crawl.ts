/**
 * Machine and server faults around a crawl: two crawls in one folder, stale locks, WARCs opened again,
 * responses that never end, robots.txt that stalls or errs, endless sites, soft 404s, signals.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { crawlSite } from '../../src/scrapers/crawl.ts';
import { WarcWriter, readRecordAt } from '../../src/scrapers/archive.ts';
import { DEFAULT_MAX_PAGES, resolveCrawlOptions } from '../../src/scrapers/crawl-options.ts';
import { SAME_BODY_LIMIT } from '../../src/scrapers/crawl.ts';
import { findHtmlLinks } from '../../src/scrapers/crawl-links.ts';
import { formatSummary } from '../../src/scrapers/crawl-summary.ts';
import { crawlExitStatus } from '../../src/commands/crawl.ts';
import { startSite, testOptions, type Handler, type Site } from '../scrapers/crawl-site.ts';
import { drip, endless, generatedLinks, peakRss, stallAfterHeaders, status } from './fault-server.ts';
import { startCli, until } from './cli.ts';
import type { Row } from './table.ts';

export interface Case { name: string; run(): Promise<Row> }

/** The peak RSS growth a server-fault crawl stayed under, asserted and said in its row. */
function memoryBound(grewMb: number, mb: number): string {
  assert.ok(grewMb < mb, `RSS grew ${grewMb} MB during the crawl (bound ${mb} MB)`);
  return `; memory bounded (peak RSS growth < ${mb} MB)`;
}

const tmp = (p: string) => mkdtempSync(join(tmpdir(), `naring-rel-${p}-`));

/** N pages in a chain, each answering after `delayMs`, so a crawl lasts long enough to be run beside. */
export function slowSite(n: number, delayMs: number): Record<string, string | Handler> {
  const r: Record<string, string | Handler> = { '/robots.txt': 'User-agent: *\nDisallow:\n' };
  r['/'] = '<a href="/p0/">start</a>';
  for (let i = 0; i < n; i++) {
    r[`/p${i}/`] = ((_q, res) => setTimeout(() => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(`<p>page ${i}</p>${i + 1 < n ? `<a href="/p${i + 1}/">next</a>` : ''}`); }, delayMs)) as Handler;
  }
  return r;
}

export function crawlArgs(site: Site, dir: string, ...extra: string[]): string[] {
  return ['crawl', 'http://blog.test/', '--out', dir, '--connect-to', `blog.test:80:127.0.0.1:${site.port}`, '--rate', '1000', '--concurrency', '1', '--no-progress', ...extra];
}

/** Index lines whose offset does not hold a response for their URL (what two writers made of 267 of 393). */
export async function badIndexLines(dir: string): Promise<{ lines: number; bad: number }> {
  const lines = readFileSync(join(dir, 'index.cdxj'), 'utf8').trim().split('\n').filter(Boolean);
  let bad = 0;
  for (const line of lines) {
    const j = JSON.parse(line.slice(line.indexOf(' {') + 1)) as { url: string; filename: string; offset: string; length: string };
    const r = await readRecordAt(dir, j.filename, Number(j.offset), Number(j.length));
    if (r?.url !== j.url) bad++;
  }
  return { lines: lines.length, bad };
}

async function beside(resume: boolean): Promise<Row> {
  const N = 30;
  const routes = slowSite(N, 0);
  // The first crawl is held on /p3/ until the second has tried, so the two overlap on any machine load.
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => { release = r; });
  const held = routes['/p3/'] as Handler;
  routes['/p3/'] = ((q, res, n) => { void gate.then(() => held(q, res, n)); }) as Handler;
  const site = await startSite(routes);
  const dir = join(tmp('lock'), 'crawl');
  try {
    const a = startCli(crawlArgs(site, dir));
    await until(() => site.requests.some((q) => q.path === '/p3/'), 60_000, 'the first crawl to reach /p3/');
    // The second crawl, in this process: its own pid differs from the child's, as two processes' do.
    const err = await crawlSite(testOptions(site, dir, { resume })).then(() => null, (e: Error) => e);
    release();
    const ra = await a.done;
    assert.ok(err, 'the second crawl was not refused');
    assert.equal((err as { exitCode?: number }).exitCode, 2);
    assert.match(err.message, new RegExp(`pid ${a.child.pid}\\b`));
    assert.match(err.message, /crawl\.lock/);
    assert.equal(ra.code, 0, ra.stderr);
    const { lines, bad } = await badIndexLines(dir);
    assert.equal(bad, 0);
    assert.equal(lines, N + 2); // robots.txt, /, and the N pages, each once
    return { id: resume ? '1b' : '1a', fault: resume ? '`crawl --resume` started beside a live crawl (a killed wrapper)' : 'two crawls into one folder at once', did: 'second exits 2 naming crawl.lock and the live pid; first finishes', kept: `${lines} of ${N + 2} captures`, lost: '0', corrupted: bad, escapes: 0 };
  } finally {
    release();
    await site.close();
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
}

export const crawlCases: Case[] = [
  { name: '#1a two crawls into one folder: the second exits 2 naming the lock and pid, the index stays right', run: () => beside(false) },
  { name: '#1b --resume beside a live crawl exits 2 naming the lock and pid', run: () => beside(true) },
  {
    name: '#1c a stale lock of a dead process is taken over',
    async run() {
      const site = await startSite(slowSite(3, 0));
      const dir = tmp('stale');
      try {
        const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
        writeFileSync(join(dir, 'crawl.lock'), JSON.stringify({ pid: Number(dead.stdout), host: hostname() }));
        const r = await crawlSite(testOptions(site, dir));
        assert.equal(r.summary.archived, 5);
        assert.equal(existsSync(join(dir, 'crawl.lock')), false);
        return { id: '1c', fault: 'stale crawl.lock left by a killed process', did: 'taken over; crawl completes and removes its lock', kept: '5 of 5 captures', lost: '0', corrupted: 0, escapes: 0 };
      } finally {
        await site.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: '#1d an existing WARC file is never opened with truncation',
    async run() {
      const dir = tmp('excl');
      try {
        const w = new WarcWriter(dir, 'crawl', {});
        // Another writer's file appears where this one would start: it must fail, not empty that file.
        mkdirSync(join(dir, 'archive'), { recursive: true });
        writeFileSync(join(dir, 'archive', 'crawl-00000.warc.gz'), 'someone else\'s records');
        const res = { url: 'http://blog.test/', status: 200, statusText: 'OK', requestPath: '/', requestHeaders: [] as [string, string][], headers: [] as [string, string][], rawBody: Buffer.from('x'), body: Buffer.from('x'), ms: 1 };
        await assert.rejects(w.writeExchange(res, new Date().toISOString()), /EEXIST/);
        w.close();
        assert.equal(readFileSync(join(dir, 'archive', 'crawl-00000.warc.gz'), 'utf8'), 'someone else\'s records');
        return { id: '1d', fault: 'a WARC file already exists where the writer starts', did: 'write refused (EEXIST), file untouched', kept: '1 of 1 files', lost: '0', corrupted: 0, escapes: 0 };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: '#6a a body that drips forever and one that never ends: each fails at --max-time, the crawl goes on',
    async run() {
      const site = await startSite({ '/robots.txt': '', '/': '<a href="/drip/">d</a><a href="/endless/">e</a><a href="/stall/">s</a><a href="/ok/">o</a>', '/drip/': drip(50), '/endless/': endless(), '/stall/': stallAfterHeaders(), '/ok/': '<p>fine</p>' });
      const dir = tmp('drip');
      try {
        const t0 = performance.now();
        // A 200 MB cap: the never-ending body may reach it before the clock does; either bound ends it.
        const { result: r, grewMb } = await peakRss(() => crawlSite(testOptions(site, dir, { retries: 0, timeoutMs: 20_000, maxTimeMs: 1500, maxBodyBytes: 200 * 1024 * 1024 })));
        const s = (performance.now() - t0) / 1000;
        assert.ok(s < 15, `took ${s} s`);
        assert.equal(r.summary.archived, 3); // robots.txt, / and /ok/
        const failed = r.summary.failed.map((f) => f.url).sort();
        assert.deepEqual(failed, ['http://blog.test/drip/', 'http://blog.test/endless/', 'http://blog.test/stall/']);
        for (const f of r.summary.failed) assert.match(f.reason, f.url.endsWith('/endless/') ? /max-time|max-body-size/ : /max-time/);
        return { id: '6a', fault: 'bodies that drip a byte each 50 ms, never end, or stall after headers', did: `each fails at --max-time (1.5 s here, 120 s default), named in the summary; crawl completes${memoryBound(grewMb, 400)}`, kept: `${r.summary.archived} of 3 other captures`, lost: '0', corrupted: 0, escapes: 0 };
      } finally {
        await site.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: '#6b robots.txt that stalls: exit 2 naming robots.txt within --max-time, nothing written',
    async run() {
      const site = await startSite({ '/robots.txt': drip(50, 'text/plain'), '/': '<p>home</p>' });
      const dir = join(tmp('robots'), 'crawl');
      try {
        const { grewMb } = await peakRss(() => assert.rejects(crawlSite(testOptions(site, dir, { retries: 0, timeoutMs: 20_000, maxTimeMs: 1000 })), /robots\.txt did not answer in time/));
        assert.equal(existsSync(dir), false);
        return { id: '6b', fault: 'robots.txt that drips forever', did: `exit 2 naming robots.txt and --max-time; no folder left${memoryBound(grewMb, 150)}`, kept: '-', lost: '-', corrupted: 0, escapes: 0 };
      } finally {
        await site.close();
        rmSync(join(dir, '..'), { recursive: true, force: true });
      }
    },
  },
  {
    name: '#6c the first Ctrl-C stops a crawl stuck on a never-ending body (exit 130, hint keeps --connect-to)',
    async run() {
      const site = await startSite({ '/robots.txt': '', '/': '<a href="/endless/">e</a>', '/endless/': drip(50) });
      const dir = join(tmp('sigint'), 'crawl');
      try {
        const c = startCli(crawlArgs(site, dir, '--max-time', '600'));
        await until(() => site.requests.some((q) => q.path === '/endless/'), 30_000, 'the endless request');
        const t0 = performance.now();
        c.child.kill('SIGINT');
        const r = await c.done;
        const s = (performance.now() - t0) / 1000;
        assert.equal(r.code, 130, r.stderr);
        assert.ok(s < 10, `took ${s} s after Ctrl-C`);
        assert.match(r.stderr, new RegExp(`--connect-to blog\\.test:80:127\\.0\\.0\\.1:${site.port}.*--resume`));
        const kept = readFileSync(join(dir, 'index.cdxj'), 'utf8').trim().split('\n').length;
        assert.equal(kept, 2); // robots.txt and /: the never-ending page is left queued for --resume
        return { id: '6c', fault: 'Ctrl-C while a body never ends', did: 'first Ctrl-C honoured: exit 130 within seconds; resume hint keeps --connect-to', kept: `${kept} of 2 finished captures`, lost: '0', corrupted: 0, escapes: 0 };
      } finally {
        await site.close();
        rmSync(join(dir, '..'), { recursive: true, force: true });
      }
    },
  },
  {
    name: '#9a an endless site: --max-pages has a default and the CLI says so and exits 1 when it is hit',
    async run() {
      assert.equal(resolveCrawlOptions(['http://blog.test/'], {}, 'x').maxPages, DEFAULT_MAX_PAGES);
      const site = await startSite({ '/robots.txt': '', '*': generatedLinks(10) });
      const dir = join(tmp('endless'), 'crawl');
      try {
        const { result: r, grewMb } = await peakRss(() => crawlSite(testOptions(site, dir, { maxPages: 60, concurrency: 4 })));
        assert.equal(r.summary.stoppedBy, 'max-pages');
        assert.equal(r.summary.archived, 60);
        assert.equal(crawlExitStatus(r), 1);
        assert.match(formatSummary(r.summary, dir), /Stopped by --max-pages with \d+ URLs still queued: the archive is not the whole site/);
        return { id: '9a', fault: 'a site that links 10 new pages from every page', did: `stops at --max-pages (default ${DEFAULT_MAX_PAGES}), says so, exit 1${memoryBound(grewMb, 150)}`, kept: '60 captures (the bound)', lost: '-', corrupted: 0, escapes: 0 };
      } finally {
        await site.close();
        rmSync(join(dir, '..'), { recursive: true, force: true });
      }
    },
  },
  {
    name: '#9b a soft-404 site (same page at every URL, linking relatively) ends on its own',
    async run() {
      const soft: Handler = (_q, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<h1>Not found</h1><a href="more/">more</a><a href="other/">other</a>'); };
      const site = await startSite({ '/robots.txt': '', '*': soft });
      const dir = tmp('soft');
      try {
        const { result: r, grewMb } = await peakRss(() => crawlSite(testOptions(site, dir, { concurrency: 1 })));
        // robots.txt, then the soft-404 page's links followed from its first SAME_BODY_LIMIT copies only.
        assert.ok(r.summary.archived <= 1 + 1 + 2 * SAME_BODY_LIMIT + 2, `${r.summary.archived} captures`);
        return { id: '9b', fault: 'soft 404: 200 and the same page for every URL, with relative links', did: `relative links followed from the first ${SAME_BODY_LIMIT} copies only; crawl ends by itself${memoryBound(grewMb, 150)}`, kept: `${r.summary.archived} captures`, lost: '-', corrupted: 0, escapes: 0 };
      } finally {
        await site.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: '#9c link discovery is linear on 300,000 nested elements (3.3 MB)',
    async run() {
      const html = `${'<div><span>'.repeat(300_000)}<a href="/deep/">x</a>`;
      const t0 = performance.now();
      const { links } = findHtmlLinks(html, false);
      const s = (performance.now() - t0) / 1000;
      assert.deepEqual(links.map((l) => l.href), ['/deep/']);
      assert.ok(s < 5, `${s} s`);
      return { id: '9c', fault: 'one 3.3 MB page of 300,000 nested unclosed elements', did: 'links found in well under 5 s (was 66 s)', kept: '1 of 1 links', lost: '0', corrupted: 0, escapes: 0 };
    },
  },
  {
    name: '#13b a gzip bomb (1 GB of zeros in 1 MB) is archived as received and said, memory bounded',
    async run() {
      // Made once and served as is: 1 GB of zeros, gzipped in 64 MB pieces (gzip members in a row decode as one).
      const piece = gzipSync(Buffer.alloc(64 * 1024 * 1024));
      const bomb = Buffer.concat(Array.from({ length: 16 }, () => piece));
      const site = await startSite({ '/robots.txt': '', '/': '<a href="/bomb/">b</a><a href="/ok/">o</a>', '/ok/': '<p>fine</p>', '/bomb/': ((_q, res) => { res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }); res.end(bomb); }) as Handler });
      const dir = tmp('bomb');
      const lines: string[] = [];
      try {
        const { result: r, grewMb } = await peakRss(() => crawlSite(testOptions(site, dir), { onLog: (l) => lines.push(l) }));
        assert.equal(r.summary.archived, 4);
        assert.match(lines.join('\n'), /bomb\/: its gzip body decodes to more than \d+ bytes \(a compression bomb\?\)/);
        const memory = memoryBound(grewMb, 400);
        return { id: '13b', fault: `a gzip bomb: ${Math.round(bomb.length / 1024 / 1024)} MB on the wire, 1 GB decoded`, did: `archived as received, decoding stopped at 4× --max-body-size and said${memory}`, kept: `${r.summary.archived} of 4 captures`, lost: '0', corrupted: 0, escapes: 0 };
      } finally {
        await site.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: '#11 robots.txt answering 503 is a failure (exit 1), not an empty complete crawl',
    async run() {
      const site = await startSite({ '/robots.txt': status(503), '/': '<p>home</p>' });
      const dir = join(tmp('r503'), 'crawl');
      try {
        const { result: r, grewMb } = await peakRss(() => crawlSite(testOptions(site, dir)));
        assert.equal(crawlExitStatus(r), 1);
        assert.match(r.summary.failed.map((f) => `${f.url} ${f.reason}`).join('\n'), /robots\.txt answered HTTP 503/);
        assert.equal(r.summary.complete, false); // was `complete: true` with nothing archived
        assert.equal(site.requests.some((q) => q.path === '/'), false); // RFC 9309: disallow all
        return { id: '11', fault: 'robots.txt answers 503', did: `exit 1, complete: false, the failure names robots.txt and RFC 9309; nothing else fetched${memoryBound(grewMb, 150)}`, kept: '-', lost: '-', corrupted: 0, escapes: 0 };
      } finally {
        await site.close();
        rmSync(join(dir, '..'), { recursive: true, force: true });
      }
    },
  },
  {
    name: '#13 a folder holding the user\'s own index.cdxj is not crawled into',
    async run() {
      const site = await startSite(slowSite(1, 0));
      const dir = tmp('own');
      try {
        writeFileSync(join(dir, 'index.cdxj'), 'mine\n');
        await assert.rejects(crawlSite(testOptions(site, dir)), /holds another crawl already/);
        assert.equal(readFileSync(join(dir, 'index.cdxj'), 'utf8'), 'mine\n');
        return { id: '13', fault: 'crawl --out a folder holding the user\'s own index.cdxj', did: 'exit 2, the file untouched', kept: '1 of 1 files', lost: '0', corrupted: 0, escapes: 0 };
      } finally {
        await site.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
