/**
 * The three ways into a site that is gone, each against the same replica, each compared with a crawl of the
 * live replica by the posts extract makes of it: the local Wayback (import wayback), a wget mirror (import
 * mirror) and wget's own WARC (extract reads it). One crawl, one wget run, one import of each, shared.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isDeepStrictEqual } from 'node:util';
import { startReplica, type ReplicaServer } from '../../../src/replica/server.ts';
import { buildWaybackHistory, CLOSURE_DATE, type Capture } from '../../../src/replica/wayback-history.ts';
import { startWaybackServer, type WaybackServer } from '../../../src/replica/wayback-server.ts';
import { crawlSite } from '../../../src/scrapers/crawl.ts';
import { resolveCrawlOptions } from '../../../src/scrapers/crawl-options.ts';
import { extractArchive, type ExtractResult } from '../../../src/scrapers/extract-site.ts';
import { DEFAULT_SITE_DIR } from '../../../src/replica/data.ts';
import type { PostRecord } from '../../../src/types.ts';
import { normalizeUrl } from '../../../src/url.ts';
import { ASSET_EXT } from '../../../src/scrapers/crawl-links.ts';
import { runCli } from '../../helpers/cli.ts';

const START = 'http://www.naringsbloggen.se/';
let tmp: string;
let replica: ReplicaServer;
let wayback: WaybackServer;
let history: Capture[];
let crawled: ExtractResult;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'naring-sources-'));
  replica = await startReplica();
  history = await buildWaybackHistory(DEFAULT_SITE_DIR);
  // The archive's limit sits just above what the flags below allow (400 captures/s + 10 CDX/s): one request
  // too many in any second would show as a 429 in its log.
  wayback = await startWaybackServer({ captures: history, limitPerSecond: 415, blockMs: 2000 });
  const o = resolveCrawlOptions([START], { connectTo: [`www.naringsbloggen.se:80:127.0.0.1:${replica.port}`], rate: '1000', concurrency: '4' }, join(tmp, 'crawl'));
  await crawlSite(o);
  crawled = await extractArchive(join(tmp, 'crawl'));
  assert.ok(crawled.posts.length > 100, 'the replica crawl found its posts');
});

after(async () => {
  await replica?.close();
  await wayback?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** wget and the WARC payload digests differ where the bytes travelled differently (gzip or not): the post is the same. */
// The capture URL is the record's WARC-Target-URI as that tool spelt it (wget keeps `%e2` as linked).
const withoutDigest = (posts: PostRecord[]) => posts.map((p) => ({ ...p, capture: p.capture ? { url: normalizeUrl(p.capture.url) ?? p.capture.url, payloadDigest: '' } : null }));

/** The first field in which two post lists differ, or null: a short message instead of two 160-post dumps. */
function firstDifference(got: PostRecord[], want: PostRecord[]): string | null {
  if (got.length !== want.length) return `${got.length} posts, expected ${want.length}: missing ${want.filter((w) => !got.some((g) => g.url === w.url)).map((w) => w.url).slice(0, 3).join(' ')}`;
  for (let i = 0; i < want.length; i++) {
    for (const k of Object.keys(want[i]!) as (keyof PostRecord)[]) {
      // Key order is not data (the JSON export writes the schema's order).
      if (!isDeepStrictEqual(got[i]![k], want[i]![k])) return `${want[i]!.url} ${k}: ${JSON.stringify(got[i]![k]).slice(0, 300)} ≠ ${JSON.stringify(want[i]![k]).slice(0, 300)}`;
    }
  }
  return null;
}

/** The WARC records of a folder's archive/, as header maps. */
function warcHeaders(dir: string): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  for (const f of readdirSync(join(dir, 'archive'))) {
    const text = gunzipSync(readFileSync(join(dir, 'archive', f))).toString('latin1');
    for (const block of text.split('WARC/1.1\r\n').slice(1)) {
      const head = block.slice(0, block.indexOf('\r\n\r\n'));
      out.push(new Map(head.split('\r\n').map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()] as [string, string])));
    }
  }
  return out;
}

test('import wayback (no --to), then extract: the same posts as crawl then extract of the live replica, every field', async () => {
  const out = join(tmp, 'wayback');
  const r = await runCli(['import', 'wayback', START, '--out', out, '--archive-base', wayback.origin, '--rate', '400', '--cdx-interval', '100', '--backoff', '200', '--cdx-page-size', '1000', '--no-progress'], { timeoutMs: 300_000 });
  assert.equal(r.code, 0, r.stderr);
  const got = await extractArchive(out);
  assert.equal(firstDifference(got.posts, crawled.posts), null);
  assert.deepEqual(got.posts, crawled.posts);
  assert.deepEqual(got.pages, crawled.pages);
  assert.deepEqual(got.categories, crawled.categories);
  assert.deepEqual(got.authors, crawled.authors);

  // The last capture before the closure of every URL: the history puts each URL's page as served in 2016
  // (its 2013 capture is a draft, its 2017 row a revisit of 2016, 2018 captures another site).
  const index = readFileSync(join(out, 'index.cdxj'), 'utf8').trim().split('\n');
  // Without --assets, as a crawl: pages only; the images and files of the history are listed as skipped.
  const isAsset = (c: Capture) => ASSET_EXT.test(new URL(c.original).pathname);
  assert.equal(index.length, new Set(history.filter((c) => !isAsset(c)).map((c) => c.urlkey)).size, 'every page of the history archived once');
  const summary = JSON.parse(readFileSync(join(out, 'crawl-summary.json'), 'utf8')) as { skipped: Record<string, number> };
  assert.equal(summary.skipped['asset (add --assets)'], new Set(history.filter(isAsset).map((c) => c.urlkey)).size);
  assert.match(r.stderr, /^Import from the web archive at http:\/\/127\.0\.0\.1:\d+ finished: \d+ URLs archived/m);
  for (const line of index) {
    const ts = line.split(' ')[1]!;
    assert.ok(ts.startsWith('2016') && ts < CLOSURE_DATE, line);
  }
  // Unlisted in the prefix listing, found by links and exact lookups.
  const unlisted = [...new Set(history.filter((c) => c.unlisted).map((c) => c.urlkey))];
  assert.ok(unlisted.length > 5);
  for (const key of unlisted) assert.ok(index.some((l) => l.startsWith(`${key} `)), key);
  assert.ok(wayback.log.some((l) => l.path.includes('matchType=exact')));

  // Politeness, from the archive's own log: never a 429, never more captures in a second than --rate allows,
  // CDX requests no more often than --cdx-interval.
  assert.equal(wayback.log.filter((l) => l.status === 429).length, 0);
  const web = wayback.log.filter((l) => l.path.startsWith('/web/')).map((l) => l.ms);
  for (let i = 0, j = 0; i < web.length; i++) {
    while (web[j]! < web[i]! - 999) j++;
    assert.ok(i - j + 1 <= 401, `${i - j + 1} captures within one second at ${web[i]} ms`);
  }
  // Windows, not pairs: a loaded machine can delay one request's arrival and bunch it with the next.
  const cdx = wayback.log.filter((l) => l.path.startsWith('/cdx/')).map((l) => l.ms);
  assert.ok(cdx.length >= 5);
  for (let i = 0, j = 0; i < cdx.length; i++) {
    while (cdx[j]! < cdx[i]! - 999) j++;
    assert.ok(i - j + 1 <= 11, `${i - j + 1} CDX requests within one second (--cdx-interval 100)`);
  }

  // The records say where they came from: the original status, the capture's date, a metadata record naming the memento.
  const records = warcHeaders(out);
  const home = records.find((h) => h.get('warc-type') === 'response' && h.get('warc-target-uri') === START)!;
  assert.ok(home.get('warc-date')!.startsWith('2016-'));
  const meta = records.find((h) => h.get('warc-type') === 'metadata' && h.get('warc-concurrent-to') === home.get('warc-record-id'));
  assert.ok(meta, 'a metadata record beside the response');
  assert.equal(records.filter((h) => h.get('warc-type') === 'request').length, 0, 'no request to the old site was made');
  const log = readFileSync(join(out, 'crawl-log.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { url: string; choice?: string; memento?: string });
  const homeLine = log.find((l) => l.url === START && l.choice)!;
  assert.match(homeLine.choice!, /latest 200 capture .*passed over 20180201120000 200 off the site/);
  assert.match(homeLine.memento!, /\/web\/2016\d{10}id_\//);
});

test('import wayback --assets: the images of the archived pages come as raw captures, and export markdown copies them', async () => {
  const prefix = `${START}livsmedel/`;
  const images = [...new Set(history.filter((c) => c.original.includes('/livsmedel/') && /\.(jpe?g|png|gif)$/i.test(c.original)).map((c) => c.urlkey))];
  assert.ok(images.length > 0, 'the history holds images of the sub-blog');
  const out = join(tmp, 'wayback-assets');
  const r = await runCli(['import', 'wayback', prefix, '--assets', '--out', out, '--archive-base', wayback.origin, '--rate', '400', '--cdx-interval', '100', '--backoff', '200', '--no-progress'], { timeoutMs: 300_000 });
  assert.equal(r.code, 0, r.stderr);
  const index = readFileSync(join(out, 'index.cdxj'), 'utf8');
  for (const key of images) assert.ok(index.includes(`\n${key} `) || index.startsWith(`${key} `), `${key} archived`);
  assert.ok(wayback.log.some((l) => /^\/web\/\d+id_\/.*\.(jpe?g|png|gif)$/i.test(l.path)), 'asked as raw (id_) captures');
  const data = join(tmp, 'wayback-assets-data');
  assert.equal((await runCli(['extract', out, '--out', data, '--no-progress'])).code, 0);
  const md = join(tmp, 'wayback-assets-md');
  const e = await runCli(['export', 'markdown', data, '--archive', out, '--out', md, '--no-progress']);
  assert.equal(e.code, 0, e.stderr);
  const copied = readdirSync(md, { recursive: true }).map(String).filter((f) => /\.(jpe?g|png|gif)$/i.test(f));
  assert.ok(copied.length > 0, `images copied into the Markdown export (${e.stderr.trim().split('\n').pop()})`);
});

let wgetRun: Promise<string> | null = null;
/** One wget run makes both the mirror and the WARC. Asynchronous: the replica answers from this process. */
function wgetReplica(): Promise<string> {
  wgetRun ??= (async () => {
    const which = spawnSync('which', ['wget']);
    assert.equal(which.status, 0, 'wget is needed (apt-get install wget; .ci/run installs it)');
    const dir = join(tmp, 'wget');
    mkdirSync(dir, { recursive: true });
    // Through the replica as an HTTP proxy, so that wget fetches (and names its files after) the real host.
    const args = ['--mirror', '--convert-links', '--adjust-extension', '--backup-converted', '--no-verbose', '-e', 'use_proxy=yes', '-e', `http_proxy=127.0.0.1:${replica.port}`, '--warc-file=site', START];
    const code = await new Promise<number | null>((ok) => { const c = spawn('wget', args, { cwd: dir, stdio: 'ignore' }); c.on('close', ok); });
    assert.ok(code === 0 || code === 8, `wget exit ${code}`);
    return dir;
  })();
  return wgetRun;
}

test('import mirror of a wget --mirror --convert-links --adjust-extension copy: the same posts as the crawl', async () => {
  const dir = await wgetReplica();
  const out = join(tmp, 'mirror');
  const r = await runCli(['import', 'mirror', dir, '--base', START, '--out', out, '--no-progress']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^Import of mirror .* finished: \d+ URLs archived/m);
  assert.doesNotMatch(r.stderr, /Crawl finished/);
  const got = await extractArchive(out);
  assert.equal(firstDifference(withoutDigest(got.posts), withoutDigest(crawled.posts)), null);
  assert.deepEqual(got.categories, crawled.categories);
  const records = warcHeaders(out);
  assert.match(records[0]!.get('warc-type')!, /warcinfo/);
  assert.ok(records.some((h) => h.get('warc-type') === 'resource' && h.get('warc-target-uri') === 'http://www.naringsbloggen.se/innovation/?p=92'), 'wget\'s index.html?p=92 file under its URL');
  assert.equal(records.filter((h) => h.get('warc-type') === 'response').length, 0, 'nothing claims to be a fetched response');
});

test('extract reads wget\'s own --warc-file output (gzipped per record, <…> target URIs): the same posts', async () => {
  const dir = await wgetReplica();
  const out = join(tmp, 'wget-data');
  const r = await runCli(['extract', join(dir, 'site.warc.gz'), '--out', out, '--no-progress']);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /unfinished crawl/);
  const posts = JSON.parse(readFileSync(join(out, 'posts.json'), 'utf8')) as PostRecord[];
  assert.equal(firstDifference(withoutDigest(posts), withoutDigest(crawled.posts)), null);
  assert.match(posts[0]!.capture!.payloadDigest, /^sha1:/, 'the digest wget wrote');
});

test('demo --source wayback: the whole job from the local Wayback gives the posts of the live replica', async () => {
  const out = join(tmp, 'demo-wayback');
  const r = await runCli(['demo', '--source', 'wayback', '--out', out, '--no-progress'], { timeoutMs: 300_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /local Wayback of the replica is serving on http:\/\/127\.0\.0\.1:/);
  const posts = JSON.parse(readFileSync(join(out, 'data', 'posts.json'), 'utf8')) as PostRecord[];
  assert.equal(firstDifference(posts, crawled.posts), null);
  const summary = JSON.parse(readFileSync(join(out, 'crawl', 'crawl-summary.json'), 'utf8')) as { source?: { type?: string } };
  assert.equal(summary.source?.type, 'wayback', 'the crawl folder came from the archive, not a crawl');
  assert.doesNotMatch(r.stderr, /not in the archive \(add --assets\)/, 'the uploads were imported, as the live demo crawls them');
});
