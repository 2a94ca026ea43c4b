import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planRedirects, type RedirectPlan } from '../../../src/exporters/redirects/index.ts';
import type { UrlEntry } from '../../../src/types.ts';
import { samplePages, samplePosts, sampleRules, sampleUrls } from './sample.ts';

const NEW = 'https://www.regeringen.se';
const DASH_TARGET = `${NEW}/naringsbloggen/innovation/2012/03/en-nationell-innovationsstrategi-%E2%80%93-ja-tack/`;
const input = () => ({ posts: samplePosts(), pages: samplePages(), urls: sampleUrls() });
const toOf = (plan: RedirectPlan, key: string) => plan.sources.find((s) => s.key === key)?.to;

test('each kind goes where its rule says, with placeholders from the post or from the URL', () => {
  const plan = planRedirects(input(), sampleRules());
  assert.deepEqual(plan.problems, []);
  assert.equal(toOf(plan, '/innovation/om-innovation/en-nationell-innovationsstrategi-%E2%80%93-ja-tack/'), DASH_TARGET);
  assert.equal(toOf(plan, '/livsmedel/export/mat-fran-sverige/'), `${NEW}/naringsbloggen/livsmedel/2016/11/mat-fran-sverige/`);
  assert.equal(toOf(plan, '/innovation/om/'), `${NEW}/naringsbloggen/innovation/om/`);
  assert.equal(toOf(plan, '/innovation/category/vision/'), `${NEW}/naringsbloggen/innovation/kategori/vision/`);
  assert.equal(toOf(plan, '/innovation/2012/03/'), `${NEW}/naringsbloggen/innovation/2012/03/`);
  assert.equal(toOf(plan, '/innovation/author/charlotteb/'), `${NEW}/naringsbloggen/innovation/`);
  assert.equal(toOf(plan, '/innovation/category/vision/page/2/'), `${NEW}/naringsbloggen/innovation/`);
  assert.equal(toOf(plan, '/'), `${NEW}/sveriges-regering/naringsdepartementet/`);
  // Uploads and a dead link shaped like a post fall back (a 404 on the old site was no post).
  assert.equal(toOf(plan, '/innovation/files/2012/03/bild.jpg'), `${NEW}/sveriges-regering/naringsdepartementet/`);
  assert.equal(plan.sources.find((s) => s.key === '/innovation/om-innovation/borttagen/')?.source, 'fallback');
});

test('every spelling of a post reaches its final target in one hop; ?p=7 is per sub-blog', () => {
  const plan = planRedirects(input(), sampleRules());
  assert.equal(toOf(plan, '/innovation/vision/en-nationell-innovationsstrategi-%E2%80%93-ja-tack/'), DASH_TARGET);
  assert.equal(toOf(plan, '/innovation/?p=7'), DASH_TARGET);
  assert.equal(toOf(plan, '/livsmedel/?p=7'), `${NEW}/naringsbloggen/livsmedel/2016/11/mat-fran-sverige/`);
  // The old site's own slash redirect (/innovation/om → /innovation/om/) goes straight to the page's new home.
  assert.equal(toOf(plan, '/innovation/om'), `${NEW}/naringsbloggen/innovation/om/`);
});

test('rows cover both hosts, http and https, the URL without its trailing slash, and lower-case escapes', () => {
  const plan = planRedirects(input(), sampleRules());
  const froms = new Set(plan.rows.map((r) => r.from));
  const path = '/innovation/om-innovation/en-nationell-innovationsstrategi-%E2%80%93-ja-tack/';
  for (const host of ['www.naringsbloggen.se', 'naringsbloggen.se']) {
    for (const scheme of ['http', 'https']) {
      for (const p of [path, path.slice(0, -1), path.replace('%E2%80%93', '%e2%80%93'), path.slice(0, -1).replace('%E2%80%93', '%e2%80%93')]) {
        assert.ok(froms.has(`${scheme}://${host}${p}`), `${scheme}://${host}${p}`);
      }
    }
  }
  // No slash-less twin for the root, a file, or a query URL.
  assert.ok(!plan.sources.some((s) => s.key === '' || s.key === '/innovation/files/2012/03/bild.jp' || s.key === '/innovation?p=7'));
  assert.ok(!plan.sources.some((s) => s.key === '/innovation/?p=7' && s.variant === 'slash'));
  // Sorted by from, and every target absolute ASCII on the allowed host.
  assert.deepEqual(plan.rows.map((r) => r.from), [...plan.rows.map((r) => r.from)].sort());
  for (const r of plan.rows) assert.match(r.to, /^https:\/\/www\.regeringen\.se\/[\x21-\x7e]*$/);
  assert.equal(plan.coverage.rows, plan.rows.length);
  assert.equal(plan.coverage.urls, sampleUrls().length);
  assert.equal(plan.coverage.map + plan.coverage.rule + plan.coverage.fallback, plan.coverage.urls);
  assert.equal(plan.coverage.fallback, 2);
});

test("the editors' map wins over rules, for the canonical URL and so for its aliases", () => {
  const map = [
    { key: '/innovation/om-innovation/en-nationell-innovationsstrategi-%E2%80%93-ja-tack/', host: null, to: '/innovationsstrategin/', where: 'm.csv:2' },
    { key: '/innovation/category/vision/', host: 'www.naringsbloggen.se', to: 'https://www.regeringen.se/vision/', where: 'm.csv:3' },
    { key: '/extra/old/', host: null, to: '/extra/', where: 'm.csv:4' },
  ];
  const plan = planRedirects(input(), sampleRules({ map }));
  assert.deepEqual(plan.problems, []);
  assert.equal(toOf(plan, '/innovation/?p=7'), `${NEW}/innovationsstrategin/`);
  assert.equal(toOf(plan, '/innovation/vision/en-nationell-innovationsstrategi-%E2%80%93-ja-tack/'), `${NEW}/innovationsstrategin/`);
  assert.equal(toOf(plan, '/innovation/category/vision/'), `${NEW}/vision/`);
  // A row for an old URL the crawl never saw is a source too.
  assert.equal(toOf(plan, '/extra/old/'), `${NEW}/extra/`);
  assert.equal(plan.sources.find((s) => s.key === '/innovation/?p=7')?.source, 'map');
});

test('targets are written in one safe spelling: absolute, escaped ASCII, no $', () => {
  const map = [{ key: '/innovation/om/', host: null, to: '/ny sida/å$x?a=b c', where: 'm.csv:2' }];
  const plan = planRedirects(input(), sampleRules({ map }));
  assert.equal(toOf(plan, '/innovation/om/'), `${NEW}/ny%20sida/%C3%A5%24x?a=b%20c`);
});

test('problems: chain, loop, duplicate, disallowed host, unresolved placeholder, uncovered', () => {
  const old = 'www.naringsbloggen.se';
  const chain = planRedirects(input(), sampleRules({
    allowHosts: ['www.regeringen.se', old],
    map: [
      { key: '/innovation/feed/', host: null, to: `http://${old}/innovation/om/`, where: 'm.csv:2' },
      { key: '/innovation/2012/03/', host: null, to: `http://${old}/livsmedel/`, where: 'm.csv:3' },
      { key: '/livsmedel/', host: null, to: `http://${old}/innovation/2012/03/`, where: 'm.csv:4' },
    ],
  }));
  const types = (p: RedirectPlan) => p.problems.map((x) => `${x.type} ${x.from}`).sort();
  assert.deepEqual(types(chain), ['chain /innovation/feed', 'chain /innovation/feed/', 'loop /innovation/2012/03', 'loop /innovation/2012/03/', 'loop /livsmedel', 'loop /livsmedel/']);
  assert.match(chain.problems.find((p) => p.type === 'chain')!.message, /a chain\); point it at the final target/);

  const dup = planRedirects(input(), sampleRules({ map: [
    { key: '/innovation/om/', host: null, to: '/a/', where: 'm.csv:2' },
    { key: '/innovation/om/', host: null, to: '/b/', where: 'm.csv:3' },
  ] }));
  assert.deepEqual(types(dup), ['duplicate /innovation/om/']);
  assert.match(dup.problems[0]!.message, /m\.csv:3: .* mapped twice \(also at m\.csv:2\)/);

  const caseDup = planRedirects({ ...input(), urls: [...sampleUrls(), { url: 'http://www.naringsbloggen.se/Innovation/OM/', kind: 'other', status: 200, target: null }] }, sampleRules());
  // Its slash-less twin collides with the old site's own /innovation/om too.
  assert.deepEqual(types(caseDup), ['duplicate /innovation/om', 'duplicate /innovation/om/']);

  const host = planRedirects(input(), sampleRules({ map: [{ key: '/innovation/om/', host: null, to: 'https://evil.example/', where: 'm.csv:2' }] }));
  // /innovation/om (the old slash redirect) stands for the page, so it takes the same bad target.
  assert.deepEqual(types(host), ['host /innovation/om', 'host /innovation/om/']);
  assert.match(host.problems[0]!.message, /evil\.example, which is not in allowHosts/);

  const undated = samplePosts().map((p) => ({ ...p, published: null }));
  const ph = planRedirects({ ...input(), posts: undated }, sampleRules());
  assert.ok(ph.problems.length > 0 && ph.problems.every((p) => p.type === 'placeholder'));
  assert.match(ph.problems[0]!.message, /rule 2 .* has no value for \{year\} \{month\}/);

  const uncovered = planRedirects(input(), sampleRules({ fallback: null, rules: [] }));
  assert.equal(uncovered.problems.length, sampleUrls().length);
  assert.ok(uncovered.problems.every((p) => p.type === 'uncovered'));
});

test('URLs on other hosts and robots.txt are skipped and said so; a map row for another host is a problem', () => {
  const urls: UrlEntry[] = [...sampleUrls(), { url: 'http://cdn.example.net/x.jpg', kind: 'upload', status: 200, target: null }, { url: 'http://www.naringsbloggen.se/robots.txt', kind: 'upload', status: 200, target: null }];
  const plan = planRedirects({ ...input(), urls }, sampleRules({ map: [{ key: '/y/', host: 'cdn.example.net', to: '/z/', where: 'm.csv:2' }] }));
  assert.deepEqual(plan.skipped, [
    'http://cdn.example.net/x.jpg: host cdn.example.net is not in sourceHosts (add it there to cover it)',
    "http://www.naringsbloggen.se/robots.txt: robots.txt stays the old host's own file (not redirected)",
  ]);
  assert.deepEqual(plan.problems.map((p) => p.type), ['host']);
});

test('the same input gives the same plan (deterministic, whatever the input order)', () => {
  const a = planRedirects(input(), sampleRules());
  const b = planRedirects({ ...input(), urls: sampleUrls().reverse(), posts: samplePosts().reverse() }, sampleRules());
  assert.deepEqual(a, b);
});

test('rules whose sourceHosts match none of the data are a problem, not an empty map', () => {
  const rules = { ...sampleRules(), sourceHosts: ['blog.other.example'] };
  const plan = planRedirects(input(), rules);
  assert.equal(plan.rows.length, 0);
  const p = plan.problems.find((x) => x.type === 'host');
  assert.ok(p, 'expected a host problem');
  assert.match(p.message, /none of the \d+ URLs in urls\.json is on a host in sourceHosts \(blog\.other\.example\).*www\.naringsbloggen\.se/);
});
