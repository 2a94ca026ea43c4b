/**
 * More of what a server can do wrong, each on 127.0.0.1: a robots.txt that never answers or drops the
 * connection, Retry-After as an HTTP date, redirect loops and chains, charset labels that lie, binary served
 * as text/html, a 60 MB page, a 10 kB URL, a flood of query strings.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { crawlSite, type CrawlResult } from '../../src/scrapers/crawl.ts';
import { extractArchive } from '../../src/scrapers/extract-site.ts';
import { formatSummary } from '../../src/scrapers/crawl-summary.ts';
import { queryVariant } from '../../src/scrapers/crawl-scope.ts';
import { startSite, testOptions, type Handler } from '../scrapers/crawl-site.ts';
import type { Case } from './cases-crawl.ts';
import type { Row } from './table.ts';
import { cutBody, failFirst, peakRss } from './fault-server.ts';

/** What every server-fault row adds: the crawl's peak RSS growth was measured and stayed under `mb`. */
function bounded(row: Row, grewMb: number, mb: number): Row {
  assert.ok(grewMb < mb, `${row.id}: RSS grew ${grewMb} MB during the crawl (bound ${mb} MB)`);
  return { ...row, did: `${row.did}; memory bounded (peak RSS growth < ${mb} MB)` };
}

/**
 * Crawls `routes` into a fresh folder while measuring peak RSS, hands the result to `check`, and removes
 * everything after. The row says the memory bound held (`memMb`, asserted).
 */
async function crawlOf(routes: Record<string, string | Handler>, extra: Record<string, unknown>, check: (r: CrawlResult, dir: string, at: (path: string) => number[]) => Promise<Row> | Row, memMb = 150): Promise<Row> {
  const site = await startSite(routes);
  const dir = mkdtempSync(join(tmpdir(), 'naring-rel-srv-'));
  try {
    const { result: r, grewMb } = await peakRss(() => crawlSite(testOptions(site, dir, extra)));
    return bounded(await check(r, dir, (path) => site.requests.filter((q) => q.path === path).map((q) => q.at)), grewMb, memMb);
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A robots.txt fault at a fresh crawl's start: exit 2 naming robots.txt, not "the start URL is unreachable". */
async function robotsFault(id: string, fault: string, handler: Handler, message: RegExp): Promise<Row> {
  const site = await startSite({ '/robots.txt': handler, '/': '<p>home</p>' });
  const dir = join(mkdtempSync(join(tmpdir(), 'naring-rel-robots-')), 'crawl');
  try {
    const { result: err, grewMb } = await peakRss(() => crawlSite(testOptions(site, dir, { retries: 0, timeoutMs: 800, maxTimeMs: 1000 })).then(() => null, (e: Error & { exitCode?: number }) => e));
    assert.ok(err, 'the crawl did not fail');
    assert.equal(err.exitCode, 2);
    assert.match(err.message, message);
    assert.doesNotMatch(err.message, /unreachable/);
    assert.equal(site.requests.some((q) => q.path === '/'), false); // the start URL was never the one asked
    assert.equal(existsSync(dir), false);
    return bounded({ id, fault, did: 'exit 2 naming robots.txt (not the start URL); no folder left', kept: '-', lost: '-', corrupted: 0, escapes: 0 }, grewMb, 150);
  } finally {
    await site.close();
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
}

const page = (title: string, id = 1) => `<html><head><title>${title}</title></head><body class="single postid-${id}"><div class="hentry"><h1 class="entry-title">${title}</h1><time class="entry-date" datetime="2013-06-05T10:00:00+02:00">x</time><div class="entry-content"><p>${title} text</p></div></div></body></html>`;

export const serverCases: Case[] = [
  {
    name: '#11b a robots.txt that never answers (no headers) is named as robots.txt\'s fault',
    run: () => robotsFault('11b', 'robots.txt that takes the connection and never answers', () => { /* no answer at all */ }, /robots\.txt did not answer in time/),
  },
  {
    name: '#11c a robots.txt whose connection is dropped is named as robots.txt\'s fault',
    run: () => robotsFault('11c', 'robots.txt whose connection is reset before any answer', (q) => { q.socket.destroy(); }, /robots\.txt failed \(.*\); the server took the connection/),
  },
  {
    name: 'Retry-After as an HTTP date is waited for, then the page is archived',
    run: () => crawlOf({ '/robots.txt': '', '/': '<a href="/busy/">b</a>', '/busy/': ((_q, res, n) => {
      // One second ahead, in the second-granular HTTP date: the wait is between 0 and 1 s past that.
      if (n === 1) { res.writeHead(503, { 'retry-after': new Date(Date.now() + 1500).toUTCString() }); res.end('busy'); return; }
      res.writeHead(200, { 'content-type': 'text/html' }); res.end(page('Ready'));
    }) as Handler }, {}, (r, _dir, at) => {
      const [first, second] = at('/busy/');
      assert.ok(second! - first! >= 450, `retried after ${Math.round(second! - first!)} ms (the backoff is 20 ms here)`);
      assert.equal(r.summary.failed.length, 0);
      assert.equal(r.summary.archived, 3); // robots.txt, / and /busy/ (its 200: the 503 was retried, not kept)
      return { id: 'ra', fault: 'a 503 with Retry-After as an HTTP date, then 200', did: 'waited until the date (not the 20 ms backoff), then archived', kept: '1 of 1 pages', lost: '0', corrupted: 0, escapes: 0 };
    }),
  },
  {
    name: 'redirect loops end and redirect chains are followed to their end',
    run: () => {
      const to = (where: string): Handler => (_q, res) => { res.writeHead(301, { location: where }); res.end(); };
      const routes: Record<string, string | Handler> = { '/robots.txt': '', '/': '<a href="/loop-a/">l</a><a href="/c0/">c</a>', '/loop-a/': to('/loop-b/'), '/loop-b/': to('/loop-a/'), '/c5/': page('End of chain') };
      for (let i = 0; i < 5; i++) routes[`/c${i}/`] = to(`/c${i + 1}/`);
      return crawlOf(routes, {}, (r, _dir, at) => {
        assert.deepEqual([at('/loop-a/').length, at('/loop-b/').length], [1, 1]); // each once: the loop ends
        assert.equal(at('/c5/').length, 1);
        assert.equal(r.summary.failed.length, 0);
        return { id: 'rl', fault: 'a redirect loop (a → b → a) and a chain of 5 redirects', did: 'each hop archived once; the loop ends, the chain reaches its page', kept: `${r.summary.archived} of 10 captures`, lost: '0', corrupted: 0, escapes: 0 };
      });
    },
  },
  {
    name: 'charset labels that lie (UTF-8 called Latin-1, Latin-1 called UTF-8) still give the right text',
    run: () => crawlOf({ '/robots.txt': '', '/': '<a href="/a/">a</a><a href="/b/">b</a>',
      '/a/': ((_q, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' }); res.end(Buffer.from(page('Näringsliv åäö'), 'utf8')); }) as Handler,
      '/b/': ((_q, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' }); res.end(Buffer.from(page('Näringsliv åäö', 2), 'latin1')); }) as Handler,
    }, {}, async (_r, dir) => {
      const x = await extractArchive(dir);
      const titles = [...x.posts, ...x.pages].map((p) => p.title).sort();
      assert.deepEqual(titles, ['Näringsliv åäö', 'Näringsliv åäö']);
      return { id: 'cs', fault: 'charset labels that lie, both ways', did: 'bytes archived as received; extract repairs the label from the bytes', kept: '2 of 2 titles right', lost: '0', corrupted: 0, escapes: 0 };
    }),
  },
  {
    name: 'binary served as text/html is archived and the crawl goes on',
    run: () => {
      const junk = randomBytes(300 * 1024);
      return crawlOf({ '/robots.txt': '', '/': '<a href="/bin/">b</a><a href="/ok/">o</a>', '/ok/': page('Fine'), '/bin/': ((_q, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(junk); }) as Handler }, {}, async (r, dir) => {
        assert.equal(r.summary.archived, 4);
        assert.equal(r.summary.failed.length, 0);
        const x = await extractArchive(dir);
        assert.ok([...x.posts, ...x.pages].some((p) => p.title === 'Fine'));
        return { id: 'bin', fault: '300 kB of random bytes served as text/html', did: 'archived as received; links and extract read past it', kept: '4 of 4 captures', lost: '0', corrupted: 0, escapes: 0 };
      });
    },
  },
  {
    name: 'a 60 MB page stops at --max-body-size (50 MB by default), named, memory bounded',
    run: () => {
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      const huge: Handler = (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        let sent = 0;
        const pump = () => { while (sent < 60 && res.write(chunk)) sent++; if (sent < 60) res.once('drain', () => { sent++; pump(); }); else res.end(); };
        pump();
      };
      return crawlOf({ '/robots.txt': '', '/': '<a href="/huge/">h</a><a href="/ok/">o</a>', '/ok/': page('Fine'), '/huge/': huge }, { maxBodyBytes: 50 * 1024 * 1024, retries: 0 }, (r) => {
        assert.deepEqual(r.summary.failed.map((f) => f.url), ['http://blog.test/huge/']);
        assert.match(r.summary.failed[0]!.reason, /max-body-size/);
        assert.equal(r.summary.archived, 3);
        return { id: '50mb', fault: 'a 60 MB page', did: 'fails at --max-body-size (50 MB), named in the summary; the rest archived', kept: '3 of 3 other captures', lost: '0', corrupted: 0, escapes: 0 };
      }, 300);
    },
  },
  {
    name: 'a 10 kB URL is skipped as a trap and counted, the crawl goes on',
    run: () => crawlOf({ '/robots.txt': '', '/': `<a href="/${'x'.repeat(10_000)}/">long</a><a href="/ok/">o</a>`, '/ok/': page('Fine') }, {}, (r) => {
      assert.equal(r.summary.skipped['trap:long-url'], 1);
      assert.equal(r.summary.archived, 3);
      return { id: 'url', fault: 'a link to a 10,000-character URL', did: 'skipped as trap:long-url and counted in crawl-summary.json; the rest archived', kept: '3 of 3 captures', lost: '0', corrupted: 0, escapes: 0 };
    }),
  },
  {
    name: 'a query-string flood (every page links 200 new ?s= values) stops at --max-query-variants per path; WordPress IDs still followed',
    run: () => {
      let next = 0;
      // Only query URLs flood: a guessed /sitemap.xml answered by the flood would race / to the bound.
      const flood: Handler = (q, res) => {
        if (!q.url?.startsWith('/?')) { res.writeHead(404, { 'content-type': 'text/html' }); res.end('<h1>Not found</h1>'); return; }
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(Array.from({ length: 200 }, () => `<a href="/?s=${next++}&amp;orderby=${next % 7}">q</a>`).join(''));
      };
      // WordPress's own ID links, more of them on one path than the cap: each one is followed.
      const ids = [...Array.from({ length: 40 }, (_, i) => `/?p=${i + 1}`), ...Array.from({ length: 10 }, (_, i) => `/?cat=3&amp;paged=${i + 2}`), '/?tag=x', '/?tag=x&amp;paged=2'];
      const home = `${ids.map((h) => `<a href="${h}">i</a>`).join('')}<a href="/?s=start">s</a>`;
      return crawlOf({ '/robots.txt': '', '/': home, '*': flood }, { maxQueryVariants: 30, maxPages: 2000, concurrency: 4 }, (r, dir) => {
        const urls = readFileSync(join(dir, 'index.cdxj'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l.slice(l.indexOf(' {') + 1)) as { url: string }).url);
        assert.equal(urls.length, r.summary.archived);
        // Every ID and tag link archived, and on the path / exactly the bound of other query variants.
        const missing = ids.map((h) => `http://blog.test${h.replace(/&amp;/g, '&')}`).filter((u) => !urls.includes(u));
        assert.deepEqual(missing, []);
        const variants = new Set(urls.map((u) => queryVariant(u)).filter((v) => v?.path === 'http://blog.test/').map((v) => v!.variant));
        assert.equal(variants.size, 30);
        assert.ok(r.summary.skipped['trap:query-variants']! > 5000, JSON.stringify(r.summary.skipped));
        assert.equal(r.summary.stoppedBy, null);
        assert.match(formatSummary(r.summary, dir), /--max-query-variants stopped \d+ URLs/);
        return { id: 'qs', fault: 'a query-string flood: every page links 200 new ?s= values', did: 'stops at --max-query-variants (default 1000 per path; 30 here), counted as trap:query-variants; ?p=, ?cat=&paged= beyond it still followed; crawl ends by itself', kept: `${ids.length} of ${ids.length} ID and tag links`, lost: '0', corrupted: 0, escapes: 0 };
      });
    },
  },
  {
    name: 'Retry-After in seconds on a 429 and a 503 is waited for, then the page is archived; one far beyond the cap is cut to it',
    run: () => {
      const busy = (code: number, after: string): Handler => failFirst(1, (_q, res) => { res.writeHead(code, { 'retry-after': after }); res.end('busy'); }, (_q, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page(`Ready ${code}`)); });
      return crawlOf({ '/robots.txt': '', '/': '<a href="/a/">a</a><a href="/b/">b</a><a href="/c/">c</a>', '/a/': busy(429, '1'), '/b/': busy(503, '1'), '/c/': busy(503, '86400') }, { maxRetryAfterMs: 1500 }, (r, _dir, at) => {
        for (const p of ['/a/', '/b/']) {
          const [first, second] = at(p);
          assert.ok(second! - first! >= 900, `${p} retried after ${Math.round(second! - first!)} ms (Retry-After: 1; the backoff is 20 ms here)`);
        }
        const [c1, c2] = at('/c/');
        assert.ok(c2! - c1! >= 1400 && c2! - c1! < 4000, `/c/ retried after ${Math.round(c2! - c1!)} ms (Retry-After: 86400, cut to 1.5 s here, 120 s by default)`);
        assert.equal(r.summary.failed.length, 0);
        assert.equal(r.summary.archived, 5);
        return { id: 'rs', fault: 'a 429 and a 503 with Retry-After: 1 (seconds), and a 503 with Retry-After: 86400, each then 200', did: 'waited the seconds asked (not the 20 ms backoff), a day cut to the longest wait honoured (120 s default); all archived', kept: '3 of 3 pages', lost: '0', corrupted: 0, escapes: 0 };
      });
    },
  },
  {
    name: 'a connection reset before the body and one during it are retried; a page that always resets fails by name; nothing cut is archived',
    run: () => {
      const full = (id: number) => Buffer.from(page(`Whole page ${id}`, id), 'utf8');
      const ok = (body: Buffer): Handler => (_q, res) => { res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(body.length) }); res.end(body); };
      const routes: Record<string, string | Handler> = { '/robots.txt': '', '/': '<a href="/before/">b</a><a href="/during/">d</a><a href="/always/">a</a>',
        '/before/': failFirst(1, cutBody(full(1), 0, true), ok(full(1))), '/during/': failFirst(2, cutBody(full(2), 200, true), ok(full(2))), '/always/': cutBody(full(3), 200, true) };
      return crawlOf(routes, { retries: 2 }, async (r, dir) => {
        assert.deepEqual(r.summary.failed.map((f) => f.url), ['http://blog.test/always/']);
        assert.match(r.summary.failed[0]!.reason, /reset|closed|terminated|socket/i);
        assert.equal(r.summary.archived, 4);
        const x = await extractArchive(dir);
        const titles = [...x.posts, ...x.pages].map((p) => p.title).filter((t) => /^Whole/.test(t)).sort();
        assert.deepEqual(titles, ['Whole page 1', 'Whole page 2']);
        return { id: 'rst', fault: 'connection reset (RST) before the body (once), during it (twice), and on every try', did: 'retried and archived whole; the one that always resets fails after --retries, named in the summary; no cut body archived', kept: '2 of 2 recoverable pages', lost: '0', corrupted: 0, escapes: 0 };
      });
    },
  },
  {
    name: 'a short body (Content-Length larger than what is sent, then the connection closed) is retried, never archived cut',
    run: () => {
      const full = Buffer.from(page('Whole page'), 'utf8');
      const ok: Handler = (_q, res) => { res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(full.length) }); res.end(full); };
      const routes: Record<string, string | Handler> = { '/robots.txt': '', '/': '<a href="/once/">o</a><a href="/always/">a</a>',
        '/once/': failFirst(1, cutBody(full, Math.floor(full.length / 2)), ok), '/always/': cutBody(full, Math.floor(full.length / 2)) };
      return crawlOf(routes, { retries: 1 }, async (r, dir) => {
        assert.deepEqual(r.summary.failed.map((f) => f.url), ['http://blog.test/always/']);
        assert.equal(r.summary.archived, 3);
        const x = await extractArchive(dir);
        assert.deepEqual([...x.posts, ...x.pages].filter((p) => /Whole/.test(p.title)).map((p) => p.title), ['Whole page']);
        return { id: 'sb', fault: 'a short body: Content-Length says more than is sent, then the connection closes (once, and on every try)', did: 'retried and archived whole; the one always short fails after --retries, named in the summary; no cut body archived', kept: '1 of 1 recoverable pages', lost: '0', corrupted: 0, escapes: 0 };
      });
    },
  },
];
