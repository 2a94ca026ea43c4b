/**
 * Catch-alls in real nginx and Apache: the replica's plan with `catchAll: true`, its probes past the inventory
 * (a post's /feed/, /amp/, /comment-page-2/, attachment pages and upper-case spellings, listings' /page/99/
 * and /feed/atom/, unknown paths and day archives per sub-blog, ?p= without the slash, /wp-login.php) checked
 * by verify-redirects in both servers; the exact rows still win; /robots.txt is never caught; and without
 * catchAll the same probes are not redirected (so the catch-alls are what answers them).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startApache, startNginx, type RunningServer } from '../../servers/servers.ts';
import { expectedTarget, loadRules, planRedirects, probeRows, toRedirectFiles, type RedirectPlan } from '../../../src/exporters/redirects/index.ts';
import { writeOutputFiles } from '../../../src/exporters/write.ts';
import { verifyRedirects } from '../../../src/scrapers/verify-redirects.ts';
import type { PostRecord, RedirectRow, UrlEntry } from '../../../src/types.ts';
import { rawGet, tempDir, writeDataDir } from './helpers.ts';
import { runCli } from '../../helpers/cli.ts';

const FIXTURES = join(import.meta.dirname, '../../../fixtures');
const HOSTS = ['www.naringsbloggen.se', 'naringsbloggen.se'];
const readJson = async <T>(name: string): Promise<T> => JSON.parse(await readFile(join(FIXTURES, name), 'utf8')) as T;

describe('catch-alls past the inventory in nginx and Apache', () => {
  let dir: string;
  let plan: RedirectPlan;
  let probes: RedirectRow[];
  const servers: RunningServer[] = [];
  let nginx: RunningServer;
  let apache: RunningServer;
  let plainNginx: RunningServer;
  let rulesFile: string;
  let dataDir: string;

  before(async () => {
    dir = await tempDir('catch-all-servers');
    rulesFile = join(dir, 'rules.yaml');
    const base = await readFile(join(FIXTURES, 'rules/naringsbloggen.yaml'), 'utf8');
    await writeFile(rulesFile, `${base}\ncatchAll:\n  prefixes:\n    - {prefix: /wp-admin/, to: /sveriges-regering/}\n`);
    const input = { posts: await readJson<PostRecord[]>('EXPECTED.json'), pages: await readJson<PostRecord[]>('EXPECTED-pages.json'), urls: await readJson<UrlEntry[]>('site-urls.json') };
    dataDir = await writeDataDir(join(dir, 'data'), input);
    plan = planRedirects(input, await loadRules(rulesFile));
    assert.deepEqual(plan.problems, []);
    probes = probeRows(plan);
    const out = join(dir, 'out');
    await writeOutputFiles(out, [...toRedirectFiles(plan, 'nginx', { serverRoot: out }).files, ...toRedirectFiles(plan, 'apache', { serverRoot: out }).files]);
    const plain = planRedirects(input, await loadRules(join(FIXTURES, 'rules/naringsbloggen.yaml')));
    await writeOutputFiles(join(dir, 'plain'), toRedirectFiles(plain, 'nginx', { serverRoot: join(dir, 'plain') }).files);
    nginx = await startNginx({ mapFile: join(out, 'redirects.nginx.conf'), serverNames: HOSTS });
    servers.push(nginx);
    apache = await startApache({ snippet: join(out, 'redirects.apache.conf'), serverNames: HOSTS });
    servers.push(apache);
    plainNginx = await startNginx({ mapFile: join(dir, 'plain', 'redirects.nginx.conf'), serverNames: HOSTS });
    servers.push(plainNginx);
  });

  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  test('the probes cover every pattern the issue names, each with the target the plan gives it', () => {
    const want = (path: string): string | undefined => probes.find((p) => p.from === `http://${plan.sourceHosts[0]}${path}`)?.to;
    // A post whose feed the crawl never saw (the probes leave out what the inventory has).
    const post = plan.sources.find((s) => s.kind === 'post' && s.variant === 'url' && !s.query && !plan.sources.some((o) => o.key.startsWith(`${s.path}feed`)))!;
    for (const suffix of ['feed/', 'feed', 'amp/', 'comment-page-2/', 'naring-archive-attachment/']) assert.equal(want(`${post.path}${suffix}`), post.to, `${post.path}${suffix}`);
    assert.equal(expectedTarget(plan, '/wp-admin/options.php'), 'https://www.regeringen.se/sveriges-regering/', 'an explicit prefix');
    const home = plan.sources.find((s) => s.key === '/innovation/')!;
    assert.equal(want('/innovation/naring-archive-probe/unknown/'), home.to, 'unknown under a sub-blog → its home');
    assert.equal(want('/innovation/2012/05/14/'), plan.sources.find((s) => s.key === '/innovation/2012/05/')!.to, 'a day archive not crawled → its month');
    assert.equal(want('/innovation?p=999999'), home.to);
    const category = plan.sources.find((s) => s.kind === 'category' && s.variant === 'url')!;
    assert.equal(want(`${category.path}page/99/`), category.to, 'pagination → the listing');
    assert.equal(want('/wp-login.php'), 'https://www.regeringen.se/sveriges-regering/naringsdepartementet/', 'the rest → fallback');
    assert.ok(probes.some((p) => /\/innovation\?p=\d+$/.test(p.from)), '?p= without the slash');
    assert.ok(probes.length > 1000, `${probes.length} probes`);
  });

  for (const name of ['nginx', 'apache'] as const) {
    test(`${name}: every probe is one 301 to its expected target`, async () => {
      const server = name === 'nginx' ? nginx : apache;
      const result = await verifyRedirects(probes, { base: server.origin, concurrency: 8 });
      assert.deepEqual(result.wrong.slice(0, 5).map((w) => `${w.row.from}: ${w.errors.join('; ')}`), []);
      assert.equal(result.correct, probes.length);
    });

    test(`${name}: exact rows still win, the explicit prefix is used, robots.txt is not caught`, async () => {
      const server = name === 'nginx' ? nginx : apache;
      const sample = plan.rows.filter((r) => r.from.startsWith('http://www.')).filter((_, i) => i % 7 === 0);
      const exact = await verifyRedirects(sample, { base: server.origin, concurrency: 8 });
      assert.equal(exact.correct, sample.length, exact.wrong[0]?.errors.join('; '));
      const admin = await rawGet(server.port, '/wp-admin/options.php', 'www.naringsbloggen.se');
      assert.deepEqual(admin, { status: 301, location: 'https://www.regeringen.se/sveriges-regering/' });
      const robots = await rawGet(server.port, '/robots.txt', 'www.naringsbloggen.se');
      assert.notEqual(robots.status, 301);
    });
  }

  test('without catchAll the probes are not answered: the catch-alls are what covers them', async () => {
    const pastOnly = probes.filter((p) => !plan.sources.some((s) => p.from.endsWith(s.key)));
    const result = await verifyRedirects(pastOnly, { base: plainNginx.origin, concurrency: 8 });
    assert.ok(result.wrong.length > pastOnly.length * 0.9, `${result.wrong.length} of ${pastOnly.length} wrong without catch-alls`);
  });

  test('CLI: export --probes writes them; verify-redirects --urls reports each URL RIGHT or WRONG, exit 1 on any wrong', async () => {
    const probesFile = join(dir, 'cli', 'probes.csv');
    const exp = await runCli(['export', 'redirects', dataDir, '--rules', rulesFile, '--format', 'csv', '--out', join(dir, 'cli', 'redirects.csv'), '--probes', probesFile]);
    assert.equal(exp.code, 0, exp.stderr);
    assert.match(exp.stderr, new RegExp(`wrote ${probes.length} probe URLs past the inventory`));
    assert.match(exp.stderr, /catch-alls past the inventory: suffixes after \d+ known URLs, 1 prefix\(es\), 4 sub-blog\(s\), the rest → https:\/\/www\.regeringen\.se\/sveriges-regering\/naringsdepartementet\//);
    const all = await runCli(['verify-redirects', '--urls', probesFile, '--base', nginx.origin, '--json']);
    assert.equal(all.code, 0, all.stderr);
    const report = JSON.parse(all.stdout) as { urls: { url: string; right: boolean; status: number }[] };
    assert.equal(report.urls.length, probes.length);
    assert.ok(report.urls.every((u) => u.right && u.status === 301));
    const list = join(dir, 'cli', 'urls.txt');
    const home = plan.sources.find((s) => s.key === '/innovation/')!.to;
    await writeFile(list, `# past the inventory\n/innovation/page/99/\n/innovation/naring-archive-probe/x/ ${home}\nhttp://www.naringsbloggen.se/innovation/feed/atom/ https://www.regeringen.se/wrong/\n`);
    const some = await runCli(['verify-redirects', '--urls', list, '--host', 'www.naringsbloggen.se', '--base', apache.origin, '--no-progress']);
    assert.equal(some.code, 1, some.stderr);
    const lines = some.stdout.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /^RIGHT\thttp:\/\/www\.naringsbloggen\.se\/innovation\/page\/99\/\t301 https:\/\/www\.regeringen\.se\/\S+\texpected a 301 off the old host$/);
    assert.match(lines[1]!, /^RIGHT\t/);
    assert.match(lines[2]!, /^WRONG\t.*expected https:\/\/www\.regeringen\.se\/wrong\/\tLocation https:\/\/www\.regeringen\.se\/naringsbloggen\/innovation\/, expected/);
    const bad = await runCli(['verify-redirects', '--urls', list, '--base', apache.origin]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /line 2: \/innovation\/page\/99\/ is a path; give absolute URLs .* or --host NAME/);
  });
});
