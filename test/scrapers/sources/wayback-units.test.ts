import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cdxQueryUrl, mapOriginal, parseCdxJson, type CdxRow } from '../../../src/scrapers/sources/wayback/cdx.ts';
import { chooseCapture } from '../../../src/scrapers/sources/wayback/choose.ts';
import { parseMementoUrl, readReplay } from '../../../src/scrapers/sources/wayback/replay.ts';
import type { FetchedResponse } from '../../../src/scrapers/fetch.ts';
import { startWaybackServer } from '../../../src/replica/wayback-server.ts';

const PREFIX = ['http://www.naringsbloggen.se/'];

test('CDX JSON: fields by the names of the first row, and the resume key after the empty row', () => {
  // The shape the wayback-cdx-server README documents for output=json&showResumeKey=true&limit=2.
  const text = JSON.stringify([
    ['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest', 'length'],
    ['se,naringsbloggen)/', '20160101000000', 'http://www.naringsbloggen.se:80/', 'text/html', '200', 'AAA', '100'],
    ['se,naringsbloggen)/', '20170101000000', 'http://naringsbloggen.se/', 'warc/revisit', '-', 'AAA', '90'],
    [],
    ['se%2Cnaringsbloggen%29%2F+20170101000000'],
  ]);
  const page = parseCdxJson(text);
  assert.equal(page.rows.length, 2);
  assert.equal(page.rows[1]!.statuscode, '-');
  assert.equal(page.resumeKey, 'se%2Cnaringsbloggen%29%2F+20170101000000');
  // Another field order: read by name, not position.
  const other = parseCdxJson(JSON.stringify([['original', 'statuscode', 'timestamp'], ['http://x.se/', '301', '2015']]));
  assert.deepEqual([other.rows[0]!.original, other.rows[0]!.statuscode, other.rows[0]!.timestamp], ['http://x.se/', '301', '2015']);
  assert.deepEqual(parseCdxJson('[]'), { rows: [], resumeKey: null });
  assert.deepEqual(parseCdxJson(''), { rows: [], resumeKey: null });
  assert.throws(() => parseCdxJson('{"a":1}'), /array/);
});

test('CDX query: prefix match, JSON, the fields, the range, paging', () => {
  const u = new URL(cdxQueryUrl('https://web.archive.org', { url: 'http://www.naringsbloggen.se/', matchType: 'prefix', from: '2013', to: '20180115', limit: 500, resumeKey: 'k1' }));
  assert.equal(u.pathname, '/cdx/search/cdx');
  assert.equal(u.searchParams.get('matchType'), 'prefix');
  assert.equal(u.searchParams.get('output'), 'json');
  assert.equal(u.searchParams.get('fl'), 'urlkey,timestamp,original,mimetype,statuscode,digest,length');
  assert.equal(u.searchParams.get('to'), '20180115');
  assert.equal(u.searchParams.get('showResumeKey'), 'true');
  assert.equal(u.searchParams.get('resumeKey'), 'k1');
});

test('originals in every spelling an archive keeps map to the prefix\'s one URL', () => {
  const want = 'http://www.naringsbloggen.se/innovation/eu/';
  for (const o of ['http://www.naringsbloggen.se:80/innovation/eu/', 'https://www.naringsbloggen.se/innovation/eu/', 'http://naringsbloggen.se/innovation/eu/', 'www.naringsbloggen.se/innovation/eu/', 'https://NARINGSBLOGGEN.se:443/innovation/eu/#x']) {
    assert.equal(mapOriginal(o, PREFIX), want, o);
  }
  assert.equal(mapOriginal('http://www.naringsbloggen.se/a/?replytocom=5', PREFIX), 'http://www.naringsbloggen.se/a/');
  assert.equal(mapOriginal('https://www.regeringen.se/', PREFIX), null);
  assert.equal(mapOriginal('http://www.naringsbloggen.se:8080/', PREFIX), null);
});

const row = (timestamp: string, statuscode: string, digest = `D${timestamp}`, mimetype = 'text/html'): CdxRow => ({ urlkey: 'k', timestamp, original: 'http://www.naringsbloggen.se/a/', mimetype, statuscode, digest, length: '1' });

test('choice: the latest 200; a revisit counts as the capture it repeats; 5xx never', () => {
  const rows = [row('20130101000000', '200'), row('20160101000000', '200', 'X'), row('20170101000000', '-', 'X', 'warc/revisit'), row('20171201000000', '503')];
  const c = chooseCapture(rows, new Map());
  assert.equal(c.kind, 'capture');
  if (c.kind !== 'capture') return;
  assert.equal(c.timestamp, '20160101000000');
  assert.match(c.reason, /revisit 20170101000000 of 20160101000000/);
  assert.match(c.reason, /passed over 20171201000000 503/);
});

test('choice: an unfetched 3xx is taken (to learn its Location); once known to leave the site, the one before it', () => {
  const rows = [row('20160101000000', '200'), row('20180120000000', '301')];
  const first = chooseCapture(rows, new Map());
  assert.equal(first.kind === 'capture' && first.timestamp, '20180120000000');
  const second = chooseCapture(rows, new Map([['20180120000000', 'https://www.regeringen.se/']]));
  assert.equal(second.kind === 'capture' && second.timestamp, '20160101000000');
  assert.match(second.kind === 'capture' ? second.reason : '', /off the site/);
});

test('choice: a mid-history 404 is passed over; only-404 URLs keep their 404; nothing usable is said', () => {
  const mid = chooseCapture([row('20140101000000', '200'), row('20150101000000', '404'), row('20160101000000', '200')], new Map());
  assert.equal(mid.kind === 'capture' && mid.timestamp, '20160101000000');
  const before = chooseCapture([row('20140101000000', '200'), row('20160101000000', '404')], new Map());
  assert.equal(before.kind === 'capture' && before.timestamp, '20140101000000');
  const gone = chooseCapture([row('20150101000000', '404'), row('20160101000000', '404')], new Map());
  assert.equal(gone.kind === 'capture' && gone.status, 404);
  assert.equal(gone.kind === 'capture' && gone.timestamp, '20160101000000');
  const none = chooseCapture([row('20180120000000', '301')], new Map([['20180120000000', 'https://www.regeringen.se/']]));
  assert.equal(none.kind, 'none');
  assert.equal(chooseCapture([], new Map()).kind, 'none');
  assert.equal(chooseCapture([row('20170101000000', '-', 'Q', 'warc/revisit')], new Map()).kind, 'none', 'a revisit of nothing in range');
});

const res = (status: number, headers: [string, string][], body = ''): FetchedResponse => ({ url: 'u', status, statusText: '', requestPath: '/', requestHeaders: [], headers, rawBody: Buffer.from(body), body: Buffer.from(body), ms: 1 });

test('replay: original headers from X-Archive-Orig-*, a captured 3xx\'s Location unwrapped, the archive\'s own 302 told apart', () => {
  const base = 'http://127.0.0.1:9';
  const asked = { timestamp: '20160101000000', url: 'http://www.naringsbloggen.se/?p=7' };
  const captured = readReplay(res(301, [['memento-datetime', 'Fri, 01 Jan 2016 00:00:00 GMT'], ['location', `${base}/web/20160101000000id_/http://www.naringsbloggen.se/a/`], ['x-archive-orig-location', 'http://www.naringsbloggen.se/a/'], ['x-archive-orig-server', 'Apache'], ['x-archive-orig-transfer-encoding', 'chunked']]), base, asked);
  assert.equal(captured.kind, 'capture');
  if (captured.kind !== 'capture') return;
  assert.equal(captured.status, 301);
  assert.equal(captured.date, '2016-01-01T00:00:00Z');
  assert.deepEqual(captured.headers.find(([k]) => k === 'location'), ['location', 'http://www.naringsbloggen.se/a/']);
  assert.deepEqual(captured.headers.find(([k]) => k === 'server'), ['server', 'Apache']);
  assert.equal(captured.headers.some(([k]) => k === 'transfer-encoding'), false, 'the body is not chunked any more');
  const nearest = readReplay(res(302, [['location', `${base}/web/20160101000005id_/http://www.naringsbloggen.se/?p=7`]]), base, asked);
  assert.deepEqual(nearest, { kind: 'nearest', timestamp: '20160101000005', url: 'http://www.naringsbloggen.se/?p=7' });
  assert.equal(readReplay(res(404, [], 'not archived'), base, asked).kind, 'archive-error');
  assert.deepEqual(parseMementoUrl('/web/2016id_/http://a.se/x?y=1', base), { timestamp: '2016', url: 'http://a.se/x?y=1' });
});

test('the local Wayback\'s CDX length is the size of the gzipped WARC record, as the real one gives it, not the body\'s', async () => {
  const body = Buffer.from(`<html><body>${'Näringsbloggen '.repeat(400)}</body></html>`);
  const reply = { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length }, body };
  const base = { urlkey: 'se,naringsbloggen)/', original: 'http://www.naringsbloggen.se/', digest: 'AAAA', reply, unlisted: false };
  const server = await startWaybackServer({ captures: [
    { ...base, timestamp: '20160101000000', replayTimestamp: '20160101000000', mimetype: 'text/html', statuscode: '200' },
    { ...base, timestamp: '20170101000000', replayTimestamp: '20170101000000', mimetype: 'warc/revisit', statuscode: '-' },
  ] });
  try {
    const res = await fetch(`${server.origin}/cdx/search/cdx?url=www.naringsbloggen.se/&output=json`);
    const [names, full, revisit] = (await res.json()) as string[][];
    const length = names!.indexOf('length');
    const n = Number(full![length]);
    // The repetitive page compresses: its record is far smaller than its body, and the revisit (no payload) smaller still.
    assert.ok(n > 100 && n < body.length / 4, `length ${n} for a body of ${body.length} bytes`);
    assert.ok(Number(revisit![length]) < n);
  } finally {
    await server.close();
  }
});
