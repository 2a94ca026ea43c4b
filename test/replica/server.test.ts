/**
 * The replica server behaves like the WordPress/Apache it stands in for: slash and shortlink 301s on the
 * site's own name, a real 404, content types with charset, stable ETags with 304, gzip, HEAD, decoded
 * paths in every spelling, and no way out of its folder.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica, type ReplicaServer } from '../../src/replica/server.ts';
import type { PostRecord } from '../../src/types.ts';
import { fetchRaw, SITE } from './walk-helpers.ts';

const expected = JSON.parse(readFileSync(new URL('../../fixtures/EXPECTED.json', import.meta.url), 'utf8')) as PostRecord[];
const DASH_LOWER = '/innovation/gastbloggare/en-nationell-innovationsstrategi-%e2%80%93-ja-tack/';
const DASH_UPPER = '/innovation/gastbloggare/en-nationell-innovationsstrategi-%E2%80%93-ja-tack/';

let server: ReplicaServer;
before(async () => { server = await startReplica(); });
after(() => server.close());

/** Sends raw bytes as the request line, as a client that does not percent-encode UTF-8 would. */
function rawGet(port: number, pathBytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1', () => {
      sock.write(Buffer.concat([Buffer.from('GET '), pathBytes, Buffer.from(' HTTP/1.1\r\nHost: www.naringsbloggen.se\r\nConnection: close\r\n\r\n')]));
    });
    const chunks: Buffer[] = [];
    sock.on('data', (c: Buffer) => chunks.push(c));
    sock.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    sock.on('error', reject);
  });
}

test('a folder URL without its slash answers 301 to the slashed URL on the real site name, query kept', async () => {
  const r = await fetchRaw(server.origin, '/innovation/om');
  assert.equal(r.status, 301);
  assert.equal(r.headers.location, `${SITE}/innovation/om/`);
  const q = await fetchRaw(server.origin, '/innovation/om?x=1');
  assert.equal(q.headers.location, `${SITE}/innovation/om/?x=1`);
});

test('?p=ID answers 301 to the permalink of that blog\'s post; the same ID in two blogs is two posts', async () => {
  const byBlog = new Map<string, Map<string, string>>();
  for (const p of expected) {
    for (const a of p.aliases.filter((x) => x.includes('?p='))) {
      const id = a.slice(a.indexOf('?p=') + 3);
      if (!byBlog.has(p.blog)) byBlog.set(p.blog, new Map());
      byBlog.get(p.blog)!.set(id, p.url);
      const r = await fetchRaw(server.origin, new URL(a).pathname + new URL(a).search);
      assert.equal(r.status, 301, a);
      assert.equal(new URL(String(r.headers.location)).href.toLowerCase(), p.url.toLowerCase(), a);
    }
  }
  const shared = [...byBlog.get('innovation')!.keys()].find((id) => byBlog.get('livsmedel')!.has(id));
  assert.ok(shared, 'some ID is used by both innovation and livsmedel');
  assert.notEqual(byBlog.get('innovation')!.get(shared), byBlog.get('livsmedel')!.get(shared));
});

test('a missing page is a real 404 with the site\'s 404 page as HTML', async () => {
  const r = await fetchRaw(server.origin, '/innovation/dialogmoten/program-for-det-sista-dialogmotet/');
  assert.equal(r.status, 404);
  assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
  assert.match(r.body.toString('utf8'), /Sidan kunde inte hittas/);
});

test('content types carry their charset: HTML, the RSS feed, images, robots.txt', async () => {
  assert.equal((await fetchRaw(server.origin, '/innovation/')).headers['content-type'], 'text/html; charset=utf-8');
  const feed = await fetchRaw(server.origin, '/innovation/feed/');
  assert.equal(feed.headers['content-type'], 'application/rss+xml; charset=UTF-8');
  assert.match(feed.body.toString('utf8'), /<slash:comments>\d+<\/slash:comments>/);
  const upload = expected.flatMap((p) => p.images)[0]!;
  const img = await fetchRaw(server.origin, new URL(upload.url).pathname);
  assert.equal(img.status, 200);
  assert.match(String(img.headers['content-type']), /^image\/(jpeg|png)$/);
  assert.equal((await fetchRaw(server.origin, '/robots.txt')).headers['content-type'], 'text/plain; charset=utf-8');
});

test('ETag comes from the content (equal across servers) and If-None-Match / If-Modified-Since give 304', async () => {
  const first = await fetchRaw(server.origin, '/innovation/');
  const etag = String(first.headers.etag);
  assert.match(etag, /^"[^"]+"$/);
  const other = await startReplica();
  try {
    assert.equal((await fetchRaw(other.origin, '/innovation/')).headers.etag, etag);
  } finally {
    await other.close();
  }
  const notModified = await fetchRaw(server.origin, '/innovation/', { 'if-none-match': etag });
  assert.equal(notModified.status, 304);
  assert.equal(notModified.body.length, 0);
  assert.equal((await fetchRaw(server.origin, '/innovation/', { 'if-none-match': '"something-else"' })).status, 200);
  const lm = String(first.headers['last-modified']);
  assert.equal((await fetchRaw(server.origin, '/innovation/', { 'if-modified-since': lm })).status, 304);
  assert.equal((await fetchRaw(server.origin, '/innovation/', { 'if-modified-since': 'Sat, 01 Jan 2011 00:00:00 GMT' })).status, 200);
  assert.equal(first.headers.date, undefined, 'no Date header, so reruns are byte-identical');
});

test('gzip only when the client asks, and it decodes to the same page', async () => {
  const plain = await fetchRaw(server.origin, '/innovation/');
  assert.equal(plain.headers['content-encoding'], undefined);
  const gz = await fetchRaw(server.origin, '/innovation/', { 'accept-encoding': 'gzip, deflate' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gz.headers.vary, 'Accept-Encoding');
  assert.ok(Number(gz.headers['content-length']) < plain.body.length);
  assert.deepEqual(gz.body, plain.body);
  assert.equal((await fetchRaw(server.origin, '/innovation/', { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding'], undefined);
});

test('HEAD sends the headers of GET and no body', async () => {
  const get = await fetchRaw(server.origin, '/innovation/');
  const head = await fetchRaw(server.origin, '/innovation/', {}, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  assert.equal(head.headers['content-length'], String(get.body.length));
  assert.equal(head.headers.etag, get.headers.etag);
  assert.equal((await fetchRaw(server.origin, '/innovation/', {}, 'POST')).status, 405);
});

test('the en dash slug is served whether sent upper-case, lower-case or as raw UTF-8 bytes', async () => {
  const upper = await fetchRaw(server.origin, DASH_UPPER);
  const lower = await fetchRaw(server.origin, DASH_LOWER);
  assert.equal(upper.status, 200);
  assert.deepEqual(lower.body, upper.body);
  const raw = await rawGet(server.port, Buffer.from(decodeURIComponent(DASH_UPPER), 'utf8'));
  assert.match(raw, /^HTTP\/1\.1 200/);
  assert.ok(raw.includes('<h1 class="entry-title">En nationell innovationsstrategi &#8211; ja tack!</h1>'));
});

test('?replytocom=N and other unknown queries serve the page itself', async () => {
  const page = await fetchRaw(server.origin, DASH_UPPER);
  const reply = await fetchRaw(server.origin, `${DASH_UPPER}?replytocom=5`);
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.body, page.body);
});

test('an alias category path serves the post with its canonical link on the primary path', async () => {
  const post = expected.find((p) => p.aliases.some((a) => !a.includes('?p=')))!;
  const alias = post.aliases.find((a) => !a.includes('?p='))!;
  const r = await fetchRaw(server.origin, new URL(alias).pathname);
  assert.equal(r.status, 200);
  const canonical = /<link rel="canonical" href="([^"]+)"/.exec(r.body.toString('utf8'))![1]!;
  assert.equal(canonical.replace(/%[0-9a-f]{2}/g, (m) => m.toUpperCase()), post.url);
});

test('.. segments, escaped or not, are refused and never reach files outside the site', async () => {
  for (const path of ['/innovation/../../package.json', '/%2e%2e/package.json', '/innovation/%2E%2E/%2E%2E/package.json', '/..%2fpackage.json']) {
    const r = await fetchRaw(server.origin, path);
    assert.equal(r.status, 400, path);
    assert.ok(!r.body.toString('utf8').includes('naring-archive'), path);
  }
});

test('_server.json options: no charset, a Latin-1 charset, rewrites with a query, Location from Host without siteUrl', async () => {
  const root = mkdtempSync(join(tmpdir(), 'replica-site-'));
  try {
    mkdirSync(join(root, 'a'), { recursive: true });
    writeFileSync(join(root, 'a', 'index.html'), '<p>a</p>');
    writeFileSync(join(root, 'p5.html'), '<p>five</p>');
    writeFileSync(join(root, '_server.json'), JSON.stringify({ htmlCharset: null, rewrites: { '/?p=5': 'p5.html' } }));
    const s = await startReplica({ root });
    try {
      const a = await fetchRaw(s.origin, '/a/');
      assert.equal(a.headers['content-type'], 'text/html');
      assert.equal((await fetchRaw(s.origin, '/?p=5')).body.toString(), '<p>five</p>');
      assert.equal((await fetchRaw(s.origin, '/?p=6')).status, 404, 'no index.html at the root');
      assert.equal((await fetchRaw(s.origin, '/a')).headers.location, 'http://www.naringsbloggen.se/a/');
    } finally {
      await s.close();
    }
    writeFileSync(join(root, '_server.json'), JSON.stringify({ htmlCharset: 'iso-8859-1' }));
    const latin = await startReplica({ root });
    try {
      assert.equal((await fetchRaw(latin.origin, '/a/')).headers['content-type'], 'text/html; charset=iso-8859-1');
    } finally {
      await latin.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a folder that is not a site is refused with one line naming it', async () => {
  await assert.rejects(startReplica({ root: join(tmpdir(), 'no-such-replica-folder') }), (err: Error) => err.name === 'UsageError' && /no-such-replica-folder: no such site folder/.test(err.message));
});
