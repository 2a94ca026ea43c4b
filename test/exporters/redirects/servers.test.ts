/**
 * The maps in real servers: export nginx and Apache maps for the replica of Näringsbloggen (its ground truth
 * fixtures/EXPECTED.json, EXPECTED-pages.json and site-urls.json as the data folder), load them into nginx and
 * Apache on 127.0.0.1 (their config tests must pass), and let verify-redirects check every old URL (Swedish
 * slugs, both escape spellings of the en dash, ?p= shortlinks per sub-blog, both hosts, http and https rows,
 * with and without the trailing slash). The CLI runs for nginx; Apache gets the same library calls in-process,
 * because each spawn of the CLI costs seconds.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.ts';
import { startApache, startNginx, type RunningServer } from '../../servers/servers.ts';
import { loadRules, parseRedirectRows, planRedirects, toRedirectFiles } from '../../../src/exporters/redirects/index.ts';
import { writeOutputFiles } from '../../../src/exporters/write.ts';
import { verifyRedirects } from '../../../src/scrapers/verify-redirects.ts';
import type { PostRecord, UrlEntry } from '../../../src/types.ts';
import { rawGet, tempDir, writeDataDir } from './helpers.ts';

const FIXTURES = join(import.meta.dirname, '../../../fixtures');
const RULES = join(FIXTURES, 'rules/naringsbloggen.yaml');
const HOSTS = ['www.naringsbloggen.se', 'naringsbloggen.se'];
const readJson = async <T>(name: string): Promise<T> => JSON.parse(await readFile(join(FIXTURES, name), 'utf8')) as T;

describe('nginx and Apache load the maps and answer every old URL', () => {
  let dir: string;
  let csv: string;
  let expectedDash: string;
  let DASH_PATH: string;
  let urls: UrlEntry[];
  const servers: RunningServer[] = [];
  let nginx: RunningServer;
  let apache: RunningServer;

  before(async () => {
    dir = await tempDir('redirects-servers');
    urls = await readJson<UrlEntry[]>('site-urls.json');
    const data = await writeDataDir(join(dir, 'data'), { posts: await readJson<PostRecord[]>('EXPECTED.json'), pages: await readJson<PostRecord[]>('EXPECTED-pages.json'), urls });
    // A post whose slug holds the en dash (%E2%80%93), as the brief's example.
    DASH_PATH = new URL(urls.find((u) => u.kind === 'post' && u.status === 200 && u.url.includes('%E2%80%93'))!.url).pathname;
    csv = join(dir, 'out', 'redirects.csv');
    const cli = await runCli(['export', 'redirects', data, '--rules', RULES, '--format', 'nginx', '--out', join(dir, 'out', 'redirects.nginx.conf')]);
    assert.equal(cli.code, 0, cli.stderr);
    const plan = planRedirects({ posts: await readJson<PostRecord[]>('EXPECTED.json'), pages: await readJson<PostRecord[]>('EXPECTED-pages.json'), urls }, await loadRules(RULES));
    const out = join(dir, 'out');
    await writeOutputFiles(out, [...toRedirectFiles(plan, 'apache', { serverRoot: out }).files, ...toRedirectFiles(plan, 'csv', { serverRoot: out }).files]);
    const rows = parseRedirectRows(await readFile(csv, 'utf8'), 'csv');
    expectedDash = rows.find((r) => r.from === `http://www.naringsbloggen.se${DASH_PATH}`)!.to;
    nginx = await startNginx({ mapFile: join(dir, 'out', 'redirects.nginx.conf'), serverNames: HOSTS });
    servers.push(nginx);
    apache = await startApache({ snippet: join(dir, 'out', 'redirects.apache.conf'), serverNames: HOSTS });
    servers.push(apache);
  });

  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  test('the config tests pass', () => {
    assert.match(nginx.configTest, /syntax is ok/);
    assert.match(apache.configTest, /Syntax OK/);
  });

  for (const name of ['nginx', 'apache'] as const) {
    test(`${name}: verify-redirects finds every row right`, async () => {
      const server = name === 'nginx' ? nginx : apache;
      const rows = parseRedirectRows(await readFile(csv, 'utf8'), 'csv');
      if (name === 'nginx') {
        const r = await runCli(['verify-redirects', csv, '--base', server.origin, '--concurrency', '16']);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, new RegExp(`${rows.length} rows checked .*: ${rows.length} correct, 0 wrong`));
      } else {
        const r = await verifyRedirects(rows, { base: server.origin, concurrency: 16 });
        assert.deepEqual(r.wrong.map((w) => `${w.row.from}: ${w.errors.join('; ')}`), []);
        assert.equal(r.correct, rows.length);
      }
      // The rows cover what the brief asks for, so "all correct" means those were requested: every old URL of
      // the replica on both hosts and schemes, the en dash in both spellings, shortlinks, slash-less forms.
      const froms = new Set(rows.map((x) => x.from));
      for (const u of urls) {
        const path = u.url.replace('http://www.naringsbloggen.se', '');
        for (const origin of ['http://www.naringsbloggen.se', 'https://naringsbloggen.se']) assert.ok(froms.has(origin + path), origin + path);
      }
      assert.ok(froms.has(`https://naringsbloggen.se${DASH_PATH.replace('%E2%80%93', '%e2%80%93')}`));
      assert.ok(froms.has(`http://www.naringsbloggen.se${DASH_PATH.slice(0, -1)}`));
      assert.ok(rows.filter((x) => x.kind === 'shortlink').length >= 4 * 165);
    });

    test(`${name}: raw UTF-8 and lower-case escapes reach the same target; ?p=2 differs per sub-blog`, async () => {
      const server = name === 'nginx' ? nginx : apache;
      const raw = Buffer.from(decodeURIComponent(DASH_PATH), 'utf8');
      assert.deepEqual(await rawGet(server.port, raw, 'naringsbloggen.se'), { status: 301, location: expectedDash });
      assert.deepEqual(await rawGet(server.port, DASH_PATH.replace('%E2%80%93', '%e2%80%93'), 'www.naringsbloggen.se'), { status: 301, location: expectedDash });
      // WordPress post IDs are per sub-blog: ?p=2 exists in all four.
      const a = await rawGet(server.port, '/innovation/?p=2', 'www.naringsbloggen.se');
      const b = await rawGet(server.port, '/livsmedel/?p=2', 'www.naringsbloggen.se');
      assert.equal(a.status, 301);
      assert.equal(b.status, 301);
      assert.notEqual(a.location, b.location);
      // Extra query parameters (tracking, WordPress' replytocom) do not stop a shortlink or a post.
      assert.equal((await rawGet(server.port, '/innovation/?utm_source=x&p=2', 'www.naringsbloggen.se')).location, a.location);
      assert.equal((await rawGet(server.port, `${DASH_PATH}?replytocom=5`, 'www.naringsbloggen.se')).location, expectedDash);
      // An unknown path is left alone.
      assert.equal((await rawGet(server.port, '/no/such/page/', 'www.naringsbloggen.se')).status, 404);
    });

    test(`${name}: a deliberately wrong row is found and named (the CLI, run on nginx, exits 1)`, async () => {
      const server = name === 'nginx' ? nginx : apache;
      const text = await readFile(csv, 'utf8');
      const wrongFrom = 'https://naringsbloggen.se/livsmedel/?p=2';
      // The header, 40 right rows and the one made wrong: the full file was checked above.
      const all = text.split('\n');
      const lines = [...all.slice(0, 41), ...all.filter((l) => l.startsWith(`${wrongFrom},`)).map((l) => l.replace(/,https:[^,]*,/, ',https://www.regeringen.se/fel/,'))];
      const wrongCsv = join(dir, `wrong-${name}.csv`);
      await writeFile(wrongCsv, lines.join('\n'));
      let out: { wrong: { from: string; errors: string[] }[]; correct: number; checked: number };
      if (name === 'nginx') {
        const r = await runCli(['verify-redirects', wrongCsv, '--base', server.origin, '--json']);
        assert.equal(r.code, 1, r.stderr);
        out = JSON.parse(r.stdout) as typeof out;
      } else {
        const r = await verifyRedirects(parseRedirectRows(lines.join('\n'), 'csv'), { base: server.origin });
        out = { checked: r.checked, correct: r.correct, wrong: r.wrong.map((w) => ({ from: w.row.from, errors: w.errors })) };
      }
      assert.deepEqual(out.wrong.map((w) => w.from), [wrongFrom]);
      assert.match(out.wrong[0]!.errors.join(' '), /expected https:\/\/www\.regeringen\.se\/fel\//);
      assert.equal(out.correct, out.checked - 1);
    });
  }
});
