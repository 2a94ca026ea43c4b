/**
 * Catch-alls in the formats without a server here: Netlify's own matcher answers the replica's probes past the
 * inventory (all but what its notes say it cannot express: day → month and other letter case); IIS stays
 * well-formed with its catch-all rules; Caddy's braces balance; Cloudflare gets subpath matching on known URLs.
 * Also the rules file's catchAll field: its errors, and that without it nothing changes.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
// @ts-expect-error netlify-redirector ships no types: parsePlain(text, options) → { match(request) }
import redirector from 'netlify-redirector';
import { parseCsv, parseRules, planRedirects, probeRows, toRedirectFiles, type RedirectPlan, type RedirectRules } from '../../../src/exporters/redirects/index.ts';
import { requestTarget } from '../../../src/scrapers/verify-redirects.ts';
import type { PostRecord, RedirectRow, UrlEntry } from '../../../src/types.ts';

const FIXTURES = join(import.meta.dirname, '../../../fixtures');
const readJson = async <T>(name: string): Promise<T> => JSON.parse(await readFile(join(FIXTURES, name), 'utf8')) as T;

let plan: RedirectPlan;
let plain: RedirectPlan;
let probes: RedirectRow[];

const rulesWith = async (extra: Record<string, unknown>): Promise<RedirectRules> => {
  const doc = { ...(parseYaml(await readFile(join(FIXTURES, 'rules/naringsbloggen.yaml'), 'utf8')) as object), ...extra };
  const { mapFile: _m, ...rules } = parseRules(doc, 'rules.yaml');
  return { ...rules, map: [] };
};

before(async () => {
  const input = { posts: await readJson<PostRecord[]>('EXPECTED.json'), pages: await readJson<PostRecord[]>('EXPECTED-pages.json'), urls: await readJson<UrlEntry[]>('site-urls.json') };
  plan = planRedirects(input, await rulesWith({ catchAll: true }));
  plain = planRedirects(input, await rulesWith({}));
  probes = probeRows(plan);
});

const body = (p: RedirectPlan, format: 'netlify' | 'iis' | 'caddy' | 'cloudflare'): { text: string; notes: string[] } => {
  const r = toRedirectFiles(p, format, { serverRoot: '/srv' });
  return { text: String(r.files[0]!.contents), notes: r.notes };
};

interface NetlifyMatcher { match(req: { scheme: string; host: string; path: string; query: string; getHeader(): string; getCookie(): string }): { to: string } | null }

test('netlify: its own matcher sends every probe to its target, except what the notes say _redirects cannot say', async () => {
  const { text, notes } = body(plan, 'netlify');
  assert.match(notes.join('\n'), /no regular expressions, so a day archive goes to its sub-blog/);
  const matcher = (await redirector.parsePlain(text, {})) as NetlifyMatcher;
  let right = 0;
  const wrong: string[] = [];
  // Netlify's matcher tries its rules one by one: every fifth probe (each pattern, in both cases) keeps this quick.
  for (const row of probes.filter((_, i) => i % 5 === 0)) {
    const [path, query = ''] = requestTarget(row.from).split(/\?(.*)/s) as [string, string?];
    const m = matcher.match({ scheme: 'http', host: plan.sourceHosts[0]!, path, query, getHeader: () => '', getCookie: () => '' });
    if (m?.to === row.to) right++;
    else wrong.push(path);
  }
  // What Netlify cannot do: fold letter case, or send a day archive to its month.
  assert.deepEqual(wrong.filter((p) => p !== p.toUpperCase() && !/\/\d{4}\/\d{2}\/\d{2}\/$/.test(p)), []);
  assert.ok(right > (probes.length / 5) * 0.8, `${right} of ${Math.ceil(probes.length / 5)}`);
});

test('iis, caddy, cloudflare: the catch-alls are written, well-formed, after the exact rows', () => {
  const iis = body(plan, 'iis');
  assert.equal(XMLValidator.validate(iis.text), true);
  assert.ok((iis.text.match(/naring-archive: catch-all \d+/g) ?? []).length >= 4);
  assert.ok(iis.text.indexOf('catch-all 1') > iis.text.indexOf('naring-archive: old path'), 'after the exact rules');
  const caddy = body(plan, 'caddy').text;
  assert.equal((caddy.match(/^[^#\n]*\{[ \t]*$/gm) ?? []).length, (caddy.match(/^\s*\}\s*$/gm) ?? []).length);
  assert.ok(caddy.indexOf('@naring_archive_ca1') > caddy.indexOf('redir @naring_archive_redirect'));
  assert.match(caddy, /@naring_archive_rest not path \/robots\.txt/);
  const rows = parseCsv(body(plan, 'cloudflare').text);
  const post = plan.sources.find((s) => s.kind === 'post' && s.variant === 'url' && !s.query)!;
  assert.equal(rows.find((r) => r[0] === `${plan.sourceHosts[0]}${post.path}`)?.[5], 'TRUE', 'a post row covers its subpaths');
  assert.ok(parseCsv(body(plain, 'cloudflare').text).every((r) => r[5] === 'FALSE'), 'without catchAll no subpath matching');
});

test('without catchAll every format is what it was; with it the exact rows are unchanged', () => {
  for (const f of ['nginx', 'apache', 'netlify', 'caddy', 'iis'] as const) {
    const a = String(toRedirectFiles(plain, f, { serverRoot: '/srv' }).files[0]!.contents);
    assert.doesNotMatch(a, /catch-all|Catch-all/, f);
  }
  const keys = new Set(plan.sources.map((s) => s.key));
  for (const s of plain.sources) assert.ok(keys.has(s.key), s.key);
  assert.ok(plan.sources.some((s) => /^\/innovation\?p=\d+$/.test(s.key)), '?p= without the slash is an exact row');
});

test('the rules file: catchAll errors name the field and the fix', async () => {
  await assert.rejects(rulesWith({ catchAll: 'yes' }), /catchAll: expected true, or a mapping/);
  await assert.rejects(rulesWith({ catchAll: { everything: true } }), /catchAll: unknown field "everything"/);
  await assert.rejects(rulesWith({ catchAll: { prefixes: [{ prefix: 'wp-admin', to: '/' }] } }), /prefixes\[1\]: expected \{prefix: \/old\/path\/, to: \/new\/\}/);
  await assert.rejects(rulesWith({ fallback: null, catchAll: { rest: true } }), /catchAll\.rest: needs a fallback/);
  const p = planRedirects({ posts: [], urls: [{ url: 'http://www.naringsbloggen.se/', kind: 'home', status: 200, target: null }] }, await rulesWith({ catchAll: { prefixes: [{ prefix: '/x/', to: 'https://evil.example/' }] } }));
  assert.match(p.problems.map((x) => x.message).join('\n'), /catchAll: \/x\/: target "https:\/\/evil\.example\/" is not a URL on a host in allowHosts/);
});
