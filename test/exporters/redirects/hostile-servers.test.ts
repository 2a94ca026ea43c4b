/**
 * Hostile old URLs in real nginx and Apache: the generated config must pass the config test and every hostile
 * URL must be answered with exactly its own target (a URL that injected a directive would change either).
 * The .htaccess variant is loaded too, with the same rows.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startApache, startNginx, type RunningServer } from '../../servers/servers.ts';
import { planRedirects, toApache, toHtaccess, toNginx } from '../../../src/exporters/redirects/index.ts';
import { writeOutputFiles } from '../../../src/exporters/write.ts';
import { verifyRedirects } from '../../../src/scrapers/verify-redirects.ts';
import { hostilePlan } from './hostile.ts';
import { samplePages, samplePosts, sampleRules, sampleUrls } from './sample.ts';
import { tempDir } from './helpers.ts';

const HOSTS = ['www.naringsbloggen.se'];

describe('hostile URLs cannot inject configuration', () => {
  const plan = hostilePlan();
  const servers: Record<string, RunningServer> = {};
  let dir: string;

  before(async () => {
    assert.deepEqual(plan.problems, []);
    dir = await tempDir('redirects-hostile');
    await writeOutputFiles(dir, [...toNginx(plan).files, ...toApache(plan, { mapDir: dir })]);
    const sample = planRedirects({ posts: samplePosts(), pages: samplePages(), urls: sampleUrls() }, sampleRules({ sourceHosts: HOSTS }));
    const [n, a, h] = await Promise.all([
      startNginx({ mapFile: join(dir, 'redirects.nginx.conf'), serverNames: HOSTS }),
      startApache({ snippet: join(dir, 'redirects.apache.conf'), serverNames: HOSTS }),
      startApache({ htaccess: `${toHtaccess(plan)}${toHtaccess(sample)}`, serverNames: HOSTS }),
    ]);
    Object.assign(servers, { nginx: n, apache: a, htaccess: h });
  });

  after(async () => {
    await Promise.all(['nginx', 'apache', 'htaccess'].map((k) => servers[k]?.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  for (const name of ['nginx', 'apache', 'htaccess']) {
    test(`${name}: every hostile URL gets exactly its own target`, async () => {
      // Apache answers 404 to any %2F in a path before mod_rewrite runs (AllowEncodedSlashes Off, its default):
      // no map row can serve those there; nginx decodes them and must match.
      const rows = plan.rows.filter((r) => r.from.startsWith('http://') && (name === 'nginx' || !/%2F/i.test(r.from)));
      const result = await verifyRedirects(rows, { base: servers[name]!.origin, concurrency: 4 });
      assert.deepEqual(result.wrong.map((w) => `${w.row.from}: ${w.errors.join('; ')}`), []);
      assert.ok(result.checked >= 20);
    });
  }

  test('htaccess: the Näringsbloggen rows work without RewriteMap as well', async () => {
    const sample = planRedirects({ posts: samplePosts(), pages: samplePages(), urls: sampleUrls() }, sampleRules({ sourceHosts: HOSTS }));
    const result = await verifyRedirects(sample.rows, { base: servers.htaccess!.origin, concurrency: 4 });
    assert.deepEqual(result.wrong.map((w) => `${w.row.from}: ${w.errors.join('; ')}`), []);
  });
});
