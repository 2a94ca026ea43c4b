/**
 * `verify-redirects --urls`: the list's reader (targets optional, bare paths with --host, comments, errors that
 * name the line) and the check of a URL listed without a target (one 301 off its own old host).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseUrlList } from '../../../src/exporters/redirects/url-list.ts';
import { verifyRedirects } from '../../../src/scrapers/verify-redirects.ts';

test('the list: one URL a line, an optional target, # comments, bare paths take --host', () => {
  const rows = parseUrlList('\uFEFF# probes\nhttp://old.example/feed/atom/ https://new.example/\n/page/99/   # listing\n\n/x/,https://new.example/x/\n', 'old.example');
  assert.deepEqual(rows.map((r) => [r.from, r.to]), [
    ['http://old.example/feed/atom/', 'https://new.example/'],
    ['http://old.example/page/99/', ''],
    ['http://old.example/x/', 'https://new.example/x/'],
  ]);
  assert.throws(() => parseUrlList('/page/99/\n', undefined), /line 1: \/page\/99\/ is a path; give absolute URLs/);
  assert.throws(() => parseUrlList('ok http://a/ b\n', 'h'), /line 1: expected an old URL and optionally its target, got 3 fields/);
  assert.throws(() => parseUrlList('http://old.example/a/ new/\n', undefined), /line 1: the expected target "new\/" is not an absolute/);
  assert.equal(parseUrlList('from,to,status,kind\nhttp://o/a,https://n/a,301,other\n', undefined)[0]!.to, 'https://n/a');
});

test('a URL listed without a target is right when it is one 301 off its own old host', async () => {
  const server = createServer((req, res) => {
    const to = req.url === '/off' ? 'https://new.example/' : req.url === '/same' ? 'http://old.example/other/' : null;
    res.writeHead(to ? 301 : 404, to ? { location: to } : {}).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const rows = parseUrlList('/off\n/same\n/none\n', 'old.example');
    const r = await verifyRedirects(rows, { base });
    assert.deepEqual(r.all.map((c) => c.errors.length === 0), [true, false, false]);
    assert.match(r.all[1]!.errors.join(), /not a URL off the old host/);
    assert.match(r.all[2]!.errors.join(), /status 404, expected 301/);
  } finally {
    server.close();
  }
});
