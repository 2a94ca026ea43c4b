/**
 * A map of more than 50,000 old paths loads in real nginx (hash sizes set by the exporter) and Apache, and
 * answers rows from all over it. Timing is not asserted here (docs/redirects.md has the benchmark).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startApache, startNginx, type RunningServer } from '../../servers/servers.ts';
import { planRedirects, toApache, toNginx, type RedirectPlan } from '../../../src/exporters/redirects/index.ts';
import { writeOutputFiles } from '../../../src/exporters/write.ts';
import { verifyRedirects } from '../../../src/scrapers/verify-redirects.ts';
import { largeInput } from './large.ts';
import { sampleRules } from './sample.ts';
import { tempDir } from './helpers.ts';

const HOSTS = ['www.naringsbloggen.se'];

describe('a map of 50,000+ old paths', () => {
  let plan: RedirectPlan;
  let dir: string;
  let nginx: RunningServer | undefined;
  let apache: RunningServer | undefined;

  before(async () => {
    plan = planRedirects(largeInput(17_000), sampleRules({ sourceHosts: HOSTS }));
    assert.deepEqual(plan.problems, []);
    assert.ok(plan.sources.length >= 50_000, `${plan.sources.length} sources`);
    dir = await tempDir('redirects-large');
    // A text RewriteMap is scanned line by line for every new key; a large map is served from DBM, as documented.
    await writeOutputFiles(dir, [...toNginx(plan).files, ...toApache(plan, { mapDir: dir, mapType: 'dbm' })]);
    execFileSync('httxt2dbm', ['-i', join(dir, 'redirects.apache.map'), '-o', join(dir, 'redirects.apache.dbm')]);
    execFileSync('chmod', ['-R', 'a+rX', dir]);
    [nginx, apache] = await Promise.all([
      startNginx({ mapFile: join(dir, 'redirects.nginx.conf'), serverNames: HOSTS }),
      startApache({ snippet: join(dir, 'redirects.apache.conf'), serverNames: HOSTS }),
    ]);
  });

  after(async () => {
    await Promise.all([nginx?.stop(), apache?.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  for (const name of ['nginx', 'apache'] as const) {
    test(`${name} passes its config test and answers rows from the whole map`, async () => {
      const server = name === 'nginx' ? nginx! : apache!;
      assert.match(server.configTest, /syntax is ok|Syntax OK/);
      // Every 97th row: spread over the whole map, both escape spellings, shortlinks and posts.
      const rows = plan.rows.filter((_r, i) => i % 97 === 0);
      const result = await verifyRedirects(rows, { base: server.origin, concurrency: 8 });
      assert.deepEqual(result.wrong.map((w) => `${w.row.from}: ${w.errors.join('; ')}`), []);
      assert.ok(result.checked > 1000);
    });
  }
});
