import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { WARCParser } from 'warcio';
import { crawlSite } from '../../src/scrapers/crawl.ts';
import { openArchiveIndex, readArchive, readArchivedFiles } from '../../src/scrapers/archive.ts';
import { startSite, testOptions } from './crawl-site.ts';

// RFC 4648 base32, written here so the digest check does not reuse the code that wrote the WARC.
function base32(buf: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) { out += alphabet[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8) out += '=';
  return out;
}
const sha256 = (b: Buffer) => `sha256:${base32(createHash('sha256').update(b).digest())}`;

const ROUTES = {
  '/robots.txt': '',
  '/': '<a href="/a/">a</a><a href="/moved/">m</a><a href="/nope/">n</a><a href="/gz/">g</a>',
  '/a/': '<p>Åre och Östersund</p>',
  '/moved/': ((_q, res) => { res.writeHead(302, { location: '/a/' }); res.end(); }) as import('./crawl-site.ts').Handler,
  '/gz/': ((_q, res) => { res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }); res.end(gzipSync('<p>packad</p>')); }) as import('./crawl-site.ts').Handler,
};

async function crawlOnce(): Promise<{ dir: string; close: () => Promise<void> }> {
  const site = await startSite(ROUTES);
  const dir = mkdtempSync(join(tmpdir(), 'naring-archive-'));
  await crawlSite(testOptions(site, dir));
  await site.close();
  return { dir, close: async () => rmSync(dir, { recursive: true, force: true }) };
}

test('warcio reads the WARC back: warcinfo first, request+response pairs linked, digests that recompute', async () => {
  const { dir, close } = await crawlOnce();
  try {
    const files = readdirSync(join(dir, 'archive'));
    assert.deepEqual(files, ['crawl-00000.warc.gz']);
    const parser = new WARCParser(createReadStream(join(dir, 'archive', files[0]!)));
    const records: { type: string; id: string; concurrent: string | null; url: string | null; status: number | null }[] = [];
    for await (const r of parser) {
      const raw = Buffer.from(await r.readFully(false));
      const h = r.warcHeaders.headers;
      const type = r.warcType ?? '';
      assert.equal(r.warcHeaders.protocol, 'WARC/1.1');
      if (type === 'response' || type === 'request') {
        assert.equal(h.get('WARC-Payload-Digest'), sha256(raw), `payload digest of ${type} ${r.warcTargetURI}`);
        // The block digest is recomputed from the raw bytes by the python reader below.
      }
      records.push({ type, id: h.get('WARC-Record-ID')!, concurrent: h.get('WARC-Concurrent-To') ?? null, url: r.warcTargetURI ?? null, status: r.httpHeaders?.statusCode ? Number(r.httpHeaders.statusCode) : null });
    }
    assert.equal(records[0]!.type, 'warcinfo');
    const rest = records.slice(1);
    assert.equal(rest.length % 2, 0);
    for (let i = 0; i < rest.length; i += 2) {
      assert.equal(rest[i]!.type, 'request');
      assert.equal(rest[i + 1]!.type, 'response');
      assert.equal(rest[i]!.concurrent, rest[i + 1]!.id);
      assert.equal(rest[i]!.url, rest[i + 1]!.url);
    }
    const statuses = Object.fromEntries(rest.filter((r) => r.type === 'response').map((r) => [r.url, r.status]));
    assert.equal(statuses['http://blog.test/moved/'], 302);
    assert.equal(statuses['http://blog.test/nope/'], 404);
    // index.cdxj: one sorted line per capture, offsets that point at the response records.
    const lines = readFileSync(join(dir, 'index.cdxj'), 'utf8').trim().split('\n');
    assert.deepEqual([...lines].sort(), lines);
    assert.equal(lines.length, rest.length / 2);
    assert.match(lines[0]!, /^test,blog\)\/ \d{14} \{"url":"http:\/\/blog.test\/"/);
    const index = await openArchiveIndex(dir);
    const a = await index.get('http://blog.test/a/');
    assert.equal(a?.body.toString('utf8'), '<p>Åre och Östersund</p>');
    const gz = await index.get('http://blog.test/gz/');
    assert.equal(gz?.body.toString('utf8'), '<p>packad</p>');
  } finally {
    await close();
  }
});

test('an index opened for some URLs holds only those; uploads follow one redirect and keep the order asked', async () => {
  const { dir, close } = await crawlOnce();
  try {
    const few = await openArchiveIndex(dir, ['http://blog.test/a/', 'http://BLOG.test/nope/', 'http://blog.test/never/']);
    assert.deepEqual(few.urls(), [{ url: 'http://blog.test/a/', status: 200 }, { url: 'http://blog.test/nope/', status: 404 }]);
    assert.equal(few.locate('http://blog.test/gz/'), null, 'a URL not asked for is not held');
    assert.ok((await openArchiveIndex(dir)).locate('http://blog.test/gz/'), 'without a list, every capture is held');
    const files = await readArchivedFiles(dir, ['http://blog.test/moved/', 'http://blog.test/nope/', 'http://blog.test/never/', 'http://blog.test/gz/']);
    assert.deepEqual([...files.keys()], ['http://blog.test/moved/', 'http://blog.test/gz/']);
    assert.equal(files.get('http://blog.test/moved/')?.toString('utf8'), '<p>Åre och Östersund</p>', 'the redirect is followed to /a/');
    assert.equal(files.get('http://blog.test/gz/')?.toString('utf8'), '<p>packad</p>');
  } finally {
    await close();
  }
});

test('python3 standard library (an independent reader) parses every gzip member and record, and recomputes block and payload digests', async () => {
  const { dir, close } = await crawlOnce();
  const script = `
import base64, hashlib, sys, json, zlib
def digest(b):
    return 'sha256:' + base64.b32encode(hashlib.sha256(b).digest()).decode()
data = open(sys.argv[1], 'rb').read()
records = []
pos = 0
while pos < len(data):
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    rec = d.decompress(data[pos:])
    used = len(data) - pos - len(d.unused_data)
    pos += used
    head, _, rest = rec.partition(b'\\r\\n\\r\\n')
    lines = head.decode('utf-8').split('\\r\\n')
    assert lines[0] == 'WARC/1.1', lines[0]
    h = dict(l.split(': ', 1) for l in lines[1:])
    n = int(h['Content-Length'])
    assert len(rest) == n + 4 and rest[n:] == b'\\r\\n\\r\\n', 'record not terminated by CRLF CRLF'
    block = rest[:n]
    if h['WARC-Type'] in ('request', 'response'):
        assert h['WARC-Block-Digest'] == digest(block), 'block digest'
        assert h['WARC-Payload-Digest'] == digest(block.partition(b'\\r\\n\\r\\n')[2]), 'payload digest'
    records.append([h['WARC-Type'], h.get('WARC-Target-URI')])
print(json.dumps(records))
`;
  try {
    const file = join(dir, 'archive', 'crawl-00000.warc.gz');
    const r = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const records = JSON.parse(r.stdout) as [string, string | null][];
    assert.equal(records[0]![0], 'warcinfo');
    const responses = records.filter(([t]) => t === 'response').map(([, u]) => u).sort();
    assert.deepEqual(responses, ['/', '/a/', '/gz/', '/moved/', '/nope/', '/robots.txt'].map((p) => `http://blog.test${p}`).sort());
  } finally {
    await close();
  }
});

test('readArchive tolerates a torn last record and yields every whole one before it', async () => {
  const { dir, close } = await crawlOnce();
  try {
    const all: string[] = [];
    for await (const r of readArchive(dir)) all.push(r.url);
    const file = join(dir, 'archive', 'crawl-00000.warc.gz');
    const whole = readFileSync(file);
    truncateSync(file, statSync(file).size - 40);
    const torn: string[] = [];
    for await (const r of readArchive(dir)) torn.push(r.url);
    assert.deepEqual(torn, all.slice(0, -1));
    // Garbage appended after whole records is not mistaken for a record either.
    writeFileSync(file, Buffer.concat([whole, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01])]));
    const withJunk: string[] = [];
    for await (const r of readArchive(dir)) withJunk.push(r.url);
    assert.deepEqual(withJunk, all);
  } finally {
    await close();
  }
});
