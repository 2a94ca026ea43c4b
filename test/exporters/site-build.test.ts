/**
 * The Markdown export built by the real generators (Debian's hugo and jekyll): the replica's ground truth
 * (fixtures/EXPECTED*.json, site-urls.json) exported once per layout with the bundled redirect rules, built
 * once, then checked without trusting the exporter: linkinator walks the built folder (0 broken internal links
 * and images), every post stands where the *redirect map* sends its old URL, every old `#comment-N` lands on
 * an element with that id, and nginx serving the old hosts (the map) and the new host (the built Hugo site)
 * passes verify-redirects --check-targets on every row.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { load as loadHtml } from 'cheerio';
import { check, LinkState } from 'linkinator';
import { exportMarkdown } from '../../src/exporters/markdown.ts';
import { loadRules, planRedirects, toRedirectFiles, type RedirectRules } from '../../src/exporters/redirects/index.ts';
import { neededUploadUrls, type ExportInput } from '../../src/exporters/site-index.ts';
import { planUrls, type UrlPlan } from '../../src/exporters/url-plan.ts';
import { writeOutputFiles } from '../../src/exporters/write.ts';
import { verifyRedirects } from '../../src/scrapers/verify-redirects.ts';
import type { PostRecord, RedirectRow, UrlEntry } from '../../src/types.ts';
import { ROOT } from '../helpers/cli.ts';
import { startNginx } from '../servers/servers.ts';
import { tempDir } from './redirects/helpers.ts';

const load = <T>(name: string): T => JSON.parse(readFileSync(join(ROOT, 'fixtures', name), 'utf8')) as T;

function replica(): ExportInput {
  return { posts: load<PostRecord[]>('EXPECTED.json'), pages: load<PostRecord[]>('EXPECTED-pages.json'), categories: [], authors: [], urls: load<UrlEntry[]>('site-urls.json') };
}

/** Runs a generator; a missing binary or a failed build fails the test with the tool's own words. */
function run(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('error', (err) => resolve({ code: -1, out: `${cmd}: ${err.message} (install it: apt-get install ${cmd}; .ci/run does)` }));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** The built file for a URL path: `<dir>/<decoded path>/index.html`. */
function builtFile(site: string, url: string): string {
  return join(site, decodeURIComponent(new URL(url).pathname), 'index.html');
}

async function brokenLinks(site: string): Promise<{ checked: number; images: number; broken: string[] }> {
  // Only the built site itself: links to the old site or other hosts would need the internet.
  const r = await check({ path: site, recurse: true, concurrency: 10, retryErrors: true, retryErrorsCount: 2, retryErrorsJitter: 200, linksToSkip: (u: string) => Promise.resolve(/^[a-z]+:\/\//i.test(u) && !/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(u)) });
  const ok = r.links.filter((l) => l.state === LinkState.OK);
  return { checked: ok.length, images: ok.filter((l) => /\.(jpe?g|png|gif)$/i.test(l.url)).length, broken: r.links.filter((l) => l.state === LinkState.BROKEN).map((l) => `${l.url} (from ${l.parent})`) };
}

describe('the Markdown export builds in Hugo and Jekyll at the URLs the redirect map sends readers to', () => {
  let dir: string;
  let data: ExportInput;
  let rules: RedirectRules;
  let plan: UrlPlan;
  let rows: RedirectRow[];
  const builds: Record<'hugo' | 'jekyll', { site: string; code: number | null; out: string }> = {} as never;

  before(async () => {
    dir = await tempDir('site-build');
    // nginx started as root serves as `nobody`, which must be able to read the built site.
    await chmod(dir, 0o755);
    data = replica();
    rules = await loadRules(join(ROOT, 'fixtures/rules/naringsbloggen.yaml'));
    plan = planUrls(data, rules);
    assert.deepEqual(plan.problems, []);
    rows = planRedirects(data, rules).rows;
    const bytes = new Map<string, Buffer>();
    for (const url of neededUploadUrls(data)) {
      const file = join(ROOT, 'fixtures', 'site', decodeURIComponent(new URL(url).pathname));
      if (existsSync(file)) bytes.set(url, readFileSync(file));
    }
    for (const layout of ['hugo', 'jekyll'] as const) {
      await writeOutputFiles(join(dir, layout), exportMarkdown(data, { layout, images: 'copy', imageBytes: bytes, plan, siteTitle: 'Näringsbloggen' }).files);
    }
    // One build each, side by side (Jekyll takes seconds).
    const [h, j] = await Promise.all([run('hugo', ['--quiet'], join(dir, 'hugo')), run('jekyll', ['build', '--quiet'], join(dir, 'jekyll'))]);
    builds.hugo = { site: join(dir, 'hugo', 'public'), ...h };
    builds.jekyll = { site: join(dir, 'jekyll', '_site'), ...j };
  });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  for (const layout of ['hugo', 'jekyll'] as const) {
    test(`${layout}: builds without a warning, every post and page at its planned URL, 0 broken internal links and images`, async () => {
      const b = builds[layout];
      assert.equal(b.code, 0, `${layout} failed:\n${b.out}`);
      assert.doesNotMatch(b.out, /WARN|ERROR|error/i, `${layout} warned:\n${b.out}`);
      for (const r of [...data.posts, ...data.pages]) {
        const file = builtFile(b.site, plan.records.get(r.url)!);
        assert.ok(existsSync(file), `${r.url}: nothing built at ${plan.records.get(r.url)}`);
        assert.equal(h1Of(file), r.title, `${file}: the title of ${r.url}`);
      }
      const links = await brokenLinks(b.site);
      assert.deepEqual(links.broken, [], `${layout}: broken links`);
      assert.ok(links.checked > data.posts.length, `${layout}: linkinator reached the posts (${links.checked} links)`);
      assert.ok(links.images > 10, `${layout}: images were checked (${links.images})`);
    });

    test(`${layout}: each old URL of a post, followed through the redirect map, reaches it, and #comment-N lands on that comment`, () => {
      const b = builds[layout];
      assert.equal(b.code, 0, b.out);
      const targetOf = new Map(rows.map((r) => [r.from, r.to]));
      let comments = 0;
      let dated = 0;
      for (const r of data.posts) {
        for (const old of [r.url, ...r.aliases]) {
          const to = targetOf.get(old);
          if (!to) continue;
          const $ = loadHtml(readFileSync(builtFile(b.site, to), 'utf8'));
          assert.equal($('h1').first().text(), r.title, `${old} → ${to}: not the post's page`);
          for (const c of r.comments) {
            const el = $(`[id="comment-${c.id}"]`);
            assert.equal(el.length, 1, `${old}#comment-${c.id} → ${to}: no element with that id`);
            assert.ok(el.text().includes(c.author.trim() || 'Anonymous'), `${old}#comment-${c.id}: the element is that comment`);
            if (c.published) {
              // The date for readers, the ISO one kept for machines.
              const time = el.find('time').first();
              assert.equal(time.attr('datetime'), c.published, `${old}#comment-${c.id}: <time datetime>`);
              assert.match(time.text(), /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/, `${old}#comment-${c.id}: a readable date, not ${time.text()}`);
              dated++;
            }
          }
        }
        comments += r.comments.length;
      }
      assert.ok(comments > 100, 'the replica has comments to land on');
      assert.ok(dated > 100, `comments with a date were checked (${dated})`);
    });
  }

  test('nginx: the map on the old hosts, the Hugo site on the new host: every row is one 301 to a 200', async () => {
    assert.equal(builds.hugo.code, 0, builds.hugo.out);
    // The plan's redirect rows are exactly what `export redirects` writes from the same rules.
    assert.deepEqual(plan.redirects!.rows, rows);
    await writeOutputFiles(join(dir, 'maps'), toRedirectFiles(plan.redirects!, 'nginx', { serverRoot: join(dir, 'maps') }).files);
    const nginx = await startNginx({ mapFile: join(dir, 'maps', 'redirects.nginx.conf'), serverNames: rules.sourceHosts, site: { root: builds.hugo.site, serverName: new URL(rules.target).host } });
    try {
      const result = await verifyRedirects(rows, { base: nginx.origin, checkTargets: true, targetBase: nginx.origin, concurrency: 16 });
      assert.deepEqual(result.wrong.slice(0, 10).map((w) => `${w.row.from}: ${w.errors.join('; ')}`), []);
      assert.equal(result.correct, rows.length);
      assert.ok(rows.length > 4000, `every spelling of every old URL (${rows.length} rows)`);
    } finally {
      await nginx.stop();
    }
  });
});

function h1Of(file: string): string {
  return loadHtml(readFileSync(file, 'utf8'))('h1').first().text();
}
