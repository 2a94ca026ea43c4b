/**
 * Catch-alls cannot be used to inject configuration: the hostile URLs (quotes, `;`, braces, `$`, `|`,
 * backslash, newlines, `%`) as known URLs a suffix may follow, and a hostile explicit prefix, load in real
 * nginx and Apache (config tests pass), every exact row still answers its own target, and each hostile URL's
 * `feed/atom/` and attachment-like child reach that URL's target.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startApache, startNginx, type RunningServer } from '../../servers/servers.ts';
import { expectedTarget, planRedirects, toApache, toNginx } from '../../../src/exporters/redirects/index.ts';
import { writeOutputFiles } from '../../../src/exporters/write.ts';
import { verifyRedirects } from '../../../src/scrapers/verify-redirects.ts';
import type { RedirectRow } from '../../../src/types.ts';
import { HOSTILE_PATHS, hostileUrls } from './hostile.ts';
import { tempDir } from './helpers.ts';

const HOSTS = ['www.naringsbloggen.se'];

describe('hostile URLs through the catch-alls', () => {
  const plan = planRedirects({ posts: [], urls: [...hostileUrls(), { url: 'http://www.naringsbloggen.se/', kind: 'home', status: 200, target: null }] }, {
    sourceHosts: HOSTS,
    target: 'https://www.regeringen.se/',
    allowHosts: ['www.regeringen.se'],
    map: [],
    rules: [{ kinds: null, blog: null, match: null, to: '/arkiv/{path}', index: 1 }],
    fallback: '/rest/',
    catchAll: { suffixes: true, blogs: true, rest: true, prefixes: [{ prefix: '/a"b;c{d}$e|f\\g/', to: '/prefix/' }] },
  });
  const servers: RunningServer[] = [];
  let dir: string;
  const probes: RedirectRow[] = [];

  before(async () => {
    assert.deepEqual(plan.problems, []);
    dir = await tempDir('catch-all-hostile');
    await writeOutputFiles(dir, [...toNginx(plan).files, ...toApache(plan, { mapDir: dir })]);
    servers.push(await startNginx({ mapFile: join(dir, 'redirects.nginx.conf'), serverNames: HOSTS }));
    servers.push(await startApache({ snippet: join(dir, 'redirects.apache.conf'), serverNames: HOSTS }));
    for (const p of HOSTILE_PATHS) {
      for (const extra of ['feed/atom/', 'comment-page-3/']) {
        probes.push({ from: `http://www.naringsbloggen.se${p}${extra}`, to: expectedTarget(plan, `${p}${extra}`)!, status: 301, kind: 'other' });
      }
    }
    probes.push({ from: 'http://www.naringsbloggen.se/a%22b;c%7Bd%7D$e%7Cf%5Cg/x', to: 'https://www.regeringen.se/prefix/', status: 301, kind: 'other' });
    probes.push({ from: 'http://www.naringsbloggen.se/wp-login.php', to: 'https://www.regeringen.se/rest/', status: 301, kind: 'other' });
  });

  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  test('the suffixes of each hostile URL go to its own target; the exact rows are untouched', async () => {
    for (const p of probes.slice(0, HOSTILE_PATHS.length * 2)) assert.match(p.to, /^https:\/\/www\.regeringen\.se\/arkiv\/hostile\//, p.from);
    for (const [i, server] of servers.entries()) {
      // Apache answers 404 to any %2F in a path before mod_rewrite runs (AllowEncodedSlashes Off, its default).
      const rows = [...probes, ...plan.rows].filter((r) => i === 0 || !/%2F/i.test(r.from));
      const r = await verifyRedirects(rows, { base: server.origin, concurrency: 4 });
      assert.deepEqual(r.wrong.map((w) => `${server.origin} ${w.row.from}: ${w.errors.join('; ')}`), []);
    }
  });
});
