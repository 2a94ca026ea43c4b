/**
 * verifyRedirects against small node:http servers: what it sends (path as spelled, Host header) and what it
 * calls wrong (status, Location, a chain, and with checkTargets a target that redirects again).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { verifyRedirects } from '../../../src/scrapers/verify-redirects.ts';
import type { RedirectRow } from '../../../src/types.ts';

let oldSite: Server;
let newSite: Server;
let oldOrigin: string;
let newOrigin: string;
const seen: { url: string; host: string }[] = [];

function listen(s: Server): Promise<string> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as { port: number }).port}`)));
}

before(async () => {
  // The "new site": /final/ answers 200, /moved/ redirects once more.
  newSite = createServer((req, res) => {
    if (req.url === '/final/') res.writeHead(200).end('ok');
    else res.writeHead(301, { location: `${newOrigin}/final/` }).end();
  });
  newOrigin = await listen(newSite);
  // The "old site" under test answers only for its own host, and by the path exactly as sent.
  oldSite = createServer((req, res) => {
    seen.push({ url: req.url ?? '', host: req.headers.host ?? '' });
    if (req.headers.host !== 'old.example.se') { res.writeHead(404).end(); return; }
    const table: Record<string, [number, string]> = {
      '/a/': [301, `${newOrigin}/final/`],
      '/en-%e2%80%93-b/': [301, `${newOrigin}/final/`],
      '/temporary/': [302, `${newOrigin}/final/`],
      '/elsewhere/': [301, `${newOrigin}/other/`],
      '/chain/': [301, 'http://old.example.se/a/'],
      '/two-hops/': [301, `${newOrigin}/moved/`],
    };
    const hit = table[req.url ?? ''];
    if (hit) res.writeHead(hit[0], { location: hit[1] }).end();
    else res.writeHead(404).end();
  });
  oldOrigin = await listen(oldSite);
});

after(async () => {
  await new Promise((r) => oldSite.close(r));
  await new Promise((r) => newSite.close(r));
});

const row = (path: string, to = `${newOrigin}/final/`): RedirectRow => ({ from: `http://old.example.se${path}`, to, status: 301, kind: 'post' });

test('right rows pass; the path goes out exactly as spelled, with the row\'s host', async () => {
  seen.length = 0;
  const r = await verifyRedirects([row('/a/'), row('/en-%e2%80%93-b/')], { base: oldOrigin, concurrency: 2 });
  assert.deepEqual(r.wrong, []);
  assert.equal(r.correct, 2);
  assert.deepEqual(seen.map((s) => s.url).sort(), ['/a/', '/en-%e2%80%93-b/']);
  assert.ok(seen.every((s) => s.host === 'old.example.se'));
});

test('wrong status, wrong Location, missing redirect and a chain are each named', async () => {
  const r = await verifyRedirects([row('/temporary/'), row('/elsewhere/'), row('/missing/'), row('/a/'), row('/chain/', 'http://old.example.se/a/')], { base: oldOrigin });
  const byPath = Object.fromEntries(r.wrong.map((w) => [new URL(w.row.from).pathname, w.errors.join('; ')]));
  assert.deepEqual(Object.keys(byPath).sort(), ['/chain/', '/elsewhere/', '/missing/', '/temporary/']);
  assert.equal(byPath['/temporary/'], 'status 302, expected 301');
  assert.equal(byPath['/elsewhere/'], `Location ${newOrigin}/other/, expected ${newOrigin}/final/`);
  assert.equal(byPath['/missing/'], 'status 404, expected 301; no Location header');
  assert.equal(byPath['/chain/'], 'Location is itself an old URL (a chain)');
  assert.equal(r.correct, 1);
});

test('--host overrides the Host header of every row', async () => {
  const r = await verifyRedirects([row('/a/')], { base: oldOrigin, host: 'other.example.se' });
  assert.equal(r.wrong.length, 1);
  assert.match(r.wrong[0]!.errors[0]!, /status 404/);
});

test('checkTargets: a target that redirects again is a second hop', async () => {
  const r = await verifyRedirects([row('/a/'), row('/two-hops/', `${newOrigin}/moved/`)], { base: oldOrigin, checkTargets: true });
  assert.deepEqual(r.wrong.map((w) => [new URL(w.row.from).pathname, w.errors.join('; ')]), [
    ['/two-hops/', `target answered 301 → ${newOrigin}/final/ (a second hop), expected 200`],
  ]);
});
