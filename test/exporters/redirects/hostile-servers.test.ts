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
import { planRedirects, toApache, toHtaccess, toNginx, toRedirectFiles } from '../../../src/exporters/redirects/index.ts';
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
      // %2F in a path: nginx decodes it, the Apache snippet sets AllowEncodedSlashes NoDecode; both must match.
      // A .htaccess cannot set it: Apache answers 404 before reading one (the export says so in a note).
      const rows = plan.rows.filter((r) => r.from.startsWith('http://') && (name !== 'htaccess' || !/%2F/i.test(r.from)));
      if (name === 'apache') assert.ok(rows.filter((r) => /%2F/i.test(r.from)).length >= 4);
      const result = await verifyRedirects(rows, { base: servers[name]!.origin, concurrency: 4 });
      assert.deepEqual(result.wrong.map((w) => `${w.row.from}: ${w.errors.join('; ')}`), []);
      assert.ok(result.checked >= 20);
    });
  }

  test('apache: the snippet sets AllowEncodedSlashes NoDecode; the export notes that .htaccess cannot serve %2F', () => {
    const r = toRedirectFiles(plan, 'apache', { serverRoot: '/etc/apache2/naring-archive' });
    assert.match(String(r.files[0]!.contents), /^AllowEncodedSlashes NoDecode$/m);
    assert.doesNotMatch(String(r.files[2]!.contents), /AllowEncodedSlashes/);
    assert.match(r.notes.join('\n'), /^apache: [1-9]\d* old URL\(s\) have %2F in the path: .*the \.htaccess variant cannot/m);
    const sample = planRedirects({ posts: samplePosts(), pages: samplePages(), urls: sampleUrls() }, sampleRules({ sourceHosts: HOSTS }));
    assert.deepEqual(toRedirectFiles(sample, 'apache', { serverRoot: '/srv' }).notes, []);
  });

  test('htaccess: the Näringsbloggen rows work without RewriteMap as well', async () => {
    const sample = planRedirects({ posts: samplePosts(), pages: samplePages(), urls: sampleUrls() }, sampleRules({ sourceHosts: HOSTS }));
    const result = await verifyRedirects(sample.rows, { base: servers.htaccess!.origin, concurrency: 4 });
    assert.deepEqual(result.wrong.map((w) => `${w.row.from}: ${w.errors.join('; ')}`), []);
  });
});
