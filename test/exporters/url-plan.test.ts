/** The URL plan on small cases: read off the redirect plan, old paths kept without rules, conflicts named. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRules, type RedirectRules } from '../../src/exporters/redirects/index.ts';
import { planUrls } from '../../src/exporters/url-plan.ts';
import { HOST, input, post, term } from './records.ts';

function rules(rulesList: unknown[], map: RedirectRules['map'] = []): RedirectRules {
  const { mapFile: _m, ...r } = parseRules({ sourceHosts: ['www.naringsbloggen.se'], target: 'https://new.example', rules: rulesList, fallback: '/arkiv/' }, 'rules.yaml');
  return { ...r, map };
}

test('without rules the plan keeps the old paths; every spelling of a post leads to it', () => {
  const a = post({ slug: 'a', aliases: [`${HOST}/innovation/?p=7`, `${HOST}/innovation/eu/a/`] });
  const plan = planUrls(input([a]), null);
  assert.equal(plan.origin, null);
  assert.equal(plan.records.get(a.url), '/innovation/om-innovation/a/');
  assert.equal(plan.byOld.get('naringsbloggen.se/innovation/eu/a'), '/innovation/om-innovation/a/');
  assert.equal(plan.blogs.get('innovation'), '/innovation/');
  assert.deepEqual(plan.landings, []);
});

test('with rules each post, category and blog home is where the redirect plan sends it; an editors row wins', () => {
  const a = post({ slug: 'a' });
  const b = post({ slug: 'b', categories: [term('innovation', 'EU', 'eu')] });
  const r = rules([{ kind: 'post', to: '/{blog}/{slug}/' }, { kind: 'category', to: '/{blog}/k/{slug}/' }, { kind: 'home', to: '/{blog}/' }],
    [{ key: '/innovation/om-innovation/a/', host: null, to: '/flyttad/', where: 'map.csv:2' }]);
  const plan = planUrls(input([a, b]), r);
  assert.deepEqual(plan.problems, []);
  assert.equal(plan.records.get(a.url), 'https://new.example/flyttad/');
  assert.equal(plan.records.get(b.url), 'https://new.example/innovation/b/');
  assert.equal(plan.categories.get('innovation\u0000eu'), 'https://new.example/innovation/k/eu/');
  assert.equal(plan.blogs.get('innovation'), 'https://new.example/innovation/');
  // The same targets as the redirect rows for those URLs.
  const rows = new Map(plan.redirects!.rows.map((x) => [x.from, x.to]));
  assert.equal(rows.get(a.url), plan.records.get(a.url));
  assert.equal(rows.get(`${HOST}/innovation/eu/`) ?? rows.get(b.categories[0]!.url), plan.categories.get('innovation\u0000eu'));
});

test('two posts planned at one URL are a conflict naming both; fallback targets become a landing page', () => {
  const a = post({ slug: 'same' });
  const b = post({ slug: 'same', blog: 'livsmedel', categories: [term('livsmedel', 'Mat', 'mat')] });
  const clash = planUrls(input([a, b]), rules([{ kind: 'post', to: '/posts/{slug}/' }]));
  assert.equal(clash.problems.length, 1);
  assert.match(clash.problems[0]!, new RegExp(`^conflict: .*${b.url}.*${a.url}.*https://new\\.example/posts/same/`));
  const tag = `${HOST}/innovation/tag/t/`;
  const ok = planUrls(input([a], [], [{ url: tag, kind: 'tag', status: 200, target: null }]), rules([{ kind: 'post', to: '/{blog}/{slug}/' }]));
  assert.deepEqual(ok.problems, []);
  // The tag and the category (no rule: fallback) land on the fallback page, which the site must still have.
  assert.deepEqual(ok.landings.map((l) => l.url), ['https://new.example/arkiv/']);
  assert.ok(ok.landings[0]!.kinds.includes('tag'));
  assert.equal(ok.categories.size, 0, 'a category the rules send to the fallback gets no planned URL of its own');
});
