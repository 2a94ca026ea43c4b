/**
 * The formats without a server here: each is parsed the way its platform parses it (Netlify with Netlify's own
 * parser and matcher), every old URL must find its target, and hostile URLs must stay inside their token.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseAllRedirects } from '@netlify/redirect-parser';
// @ts-expect-error netlify-redirector ships no types: parsePlain(text, options) → { match(request) }
import redirector from 'netlify-redirector';
import { planRedirects, parseCsv, parseRedirectRows, toRedirectFiles, REDIRECT_FORMATS, type RedirectPlan } from '../../../src/exporters/redirects/index.ts';
import { requestTarget } from '../../../src/scrapers/verify-redirects.ts';
import { hostilePlan } from './hostile.ts';
import { samplePages, samplePosts, sampleRules, sampleUrls } from './sample.ts';
import { tempDir } from './helpers.ts';

const samplePlan = (): RedirectPlan => planRedirects({ posts: samplePosts(), pages: samplePages(), urls: sampleUrls() }, sampleRules());
const text = (plan: RedirectPlan, format: (typeof REDIRECT_FORMATS)[number]): { body: string; notes: string[] } => {
  const r = toRedirectFiles(plan, format, { serverRoot: '/srv/naring' });
  return { body: String(r.files[0]!.contents), notes: r.notes };
};

interface NetlifyMatcher { match(req: { scheme: string; host: string; path: string; query: string; getHeader(): string; getCookie(): string }): { to: string; status: number; force: boolean } | null }

for (const [name, plan] of [['sample', samplePlan()], ['hostile', hostilePlan()]] as const) {
  test(`netlify (${name}): Netlify's parser accepts every line and its matcher sends every old URL to its target`, async () => {
    const { body, notes } = text(plan, 'netlify');
    const dir = await tempDir('netlify');
    try {
      await writeFile(join(dir, '_redirects'), body);
      const parsed = await parseAllRedirects({ redirectsFiles: [join(dir, '_redirects')], configRedirects: [], minimal: true });
      assert.deepEqual(parsed.errors, []);
      assert.equal(parsed.redirects.length, body.split('\n').filter((l) => l && !l.startsWith('#')).length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const matcher = (await redirector.parsePlain(body, {})) as NetlifyMatcher;
    let checked = 0;
    for (const row of plan.rows.filter((r) => r.from.startsWith('http://www.'))) {
      const target = requestTarget(row.from);
      const [path, query = ''] = target.split(/\?(.*)/s) as [string, string?];
      // ":" and "*" are placeholders in _redirects: such rows are written encoded and reported (checked below).
      if (/[:*]/.test(path)) continue;
      const m = matcher.match({ scheme: 'http', host: 'www.naringsbloggen.se', path, query, getHeader: () => '', getCookie: () => '' });
      assert.equal(m?.to, row.to, `${row.from}`);
      assert.equal(m?.status, 301);
      checked++;
    }
    assert.ok(checked > 10);
    if (name === 'hostile') assert.match(notes.join('\n'), /colon:star\*\/ holds ":" or "\*"/);
  });
}

test('iis: well-formed web.config whose map holds every source once (ignoring case) with its target, XML-escaped', () => {
  for (const plan of [samplePlan(), hostilePlan()]) {
    const { body, notes } = text(plan, 'iis');
    assert.equal(XMLValidator.validate(body), true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(body);
    const map = doc.configuration['system.webServer'].rewrite.rewriteMaps.rewriteMap;
    assert.equal(map.ignoreCase, 'true');
    const adds = (Array.isArray(map.add) ? map.add : [map.add]) as { key: string; value: string }[];
    const expected = new Map<string, string>();
    for (const s of plan.sources) if (!expected.has(s.key.toLowerCase())) expected.set(s.key.toLowerCase(), s.to);
    assert.deepEqual(new Map(adds.map((a) => [a.key.toLowerCase(), a.value])), expected);
    assert.deepEqual(notes, []);
    assert.doesNotMatch(body, /<add key="[^"]*[<>]/);
  }
});

test('iis: a map over 250 KB is reported', () => {
  const urls = Array.from({ length: 3000 }, (_, i) => ({ url: `http://www.naringsbloggen.se/innovation/inlagg-${i}/`, kind: 'post' as const, status: 200, target: null }));
  const plan = planRedirects({ posts: [], urls }, sampleRules({ rules: [] }));
  const { notes } = text(plan, 'iis');
  assert.match(notes.join('\n'), /over IIS's default 250 KB web\.config limit/);
});

/** Caddyfile tokens as Caddy's lexer reads them: whitespace-separated, "quoted" with \" as the only escape. */
function caddyTokens(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (/\s/.test(line[i]!)) { i++; continue; }
    if (line[i] === '"') {
      let tok = '';
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && line[i + 1] === '"') { tok += '"'; i += 2; continue; }
        tok += line[i++];
      }
      assert.ok(i < line.length, `unclosed quote in ${line}`);
      out.push(tok);
      i++;
      continue;
    }
    let tok = '';
    while (i < line.length && !/\s/.test(line[i]!)) tok += line[i++];
    out.push(tok);
  }
  return out;
}

test('caddy: one key and one target per map line; hostile keys become escaped regular expressions', () => {
  for (const plan of [samplePlan(), hostilePlan()]) {
    const { body } = text(plan, 'caddy');
    const lines = body.split('\n');
    const start = lines.findIndex((l) => l.includes('map {path} {naring_archive_redirect} {'));
    const end = lines.indexOf('\t}', start);
    const entries = lines.slice(start + 1, end).map(caddyTokens);
    assert.deepEqual(entries.pop(), ['default', '']);
    const plain = plan.sources.filter((s) => !s.query);
    assert.equal(entries.length, plain.length);
    entries.forEach(([key, to, ...rest], i) => {
      const s = plain[i]!;
      assert.deepEqual(rest, []);
      assert.equal(to, s.to);
      const decoded = decodeURIComponent(s.path);
      if (key!.startsWith('~')) {
        const re = new RegExp(key!.slice(1).replace(/\\x\{([0-9a-f]+)\}/g, (_m, h: string) => `\\u{${h}}`), 'u');
        assert.ok(re.test(decoded), `${key} should match ${JSON.stringify(decoded)}`);
        assert.doesNotMatch(key!, /[\s"]|\{\$/);
      } else assert.equal(key, decoded);
    });
    // Caddy expands {$ENV} anywhere in the file: only our own placeholder may hold a brace.
    assert.doesNotMatch(body.replace(/\{(path|naring_archive_redirect)\}/g, ''), /\{\$/);
    // Braces balance, so no URL closed a block early.
    assert.equal((body.match(/^[^#\n]*\{[ \t]*$/gm) ?? []).length, (body.match(/^\s*\}\s*$/gm) ?? []).length);
  }
});

test('cloudflare: scheme-less sources on every host, seven cells a line, query rows reported not written', () => {
  const plan = samplePlan();
  const { body, notes } = text(plan, 'cloudflare');
  const rows = parseCsv(body);
  assert.equal(rows.length, plan.sources.filter((s) => !s.query).length * plan.sourceHosts.length);
  for (const r of rows) {
    assert.equal(r.length, 7);
    assert.match(r[0]!, /^(www\.)?naringsbloggen\.se\/[^?]*$/);
    assert.deepEqual(r.slice(2), ['301', 'FALSE', 'FALSE', 'FALSE', 'FALSE']);
  }
  assert.match(notes.join('\n'), /^cloudflare: 3 old URL\(s\) with a query string cannot be expressed/);
  const hostile = text(hostilePlan(), 'cloudflare');
  for (const r of parseCsv(hostile.body)) assert.equal(r.length, 7);
});

test('csv and json: read back to the plan rows, header from,to,status,kind, sorted', () => {
  const plan = hostilePlan();
  const csv = text(plan, 'csv').body;
  assert.ok(csv.startsWith('from,to,status,kind\n'));
  const strip = (rows: { from: string; to: string; status: number; kind: string }[]) => rows.map(({ from, to, status, kind }) => ({ from, to, status, kind }));
  assert.deepEqual(parseRedirectRows(csv, 'csv'), strip(plan.rows));
  assert.deepEqual(parseRedirectRows(text(plan, 'json').body, 'json'), strip(plan.rows));
  // Saved again by an editor that writes a UTF-8 BOM: both still read.
  assert.deepEqual(parseRedirectRows(`\uFEFF${csv}`, 'csv'), strip(plan.rows));
  assert.deepEqual(parseRedirectRows(`\uFEFF${text(plan, 'json').body}`, 'json'), strip(plan.rows));
  assert.deepEqual(JSON.parse(text(plan, 'json').body)[0].source, 'rule');
});

test('every format is deterministic: the same plan gives the same bytes', () => {
  for (const f of REDIRECT_FORMATS) {
    const a = toRedirectFiles(samplePlan(), f, { serverRoot: '/srv/naring' }).files;
    const b = toRedirectFiles(samplePlan(), f, { serverRoot: '/srv/naring' }).files;
    assert.deepEqual(a, b, f);
  }
});

test('apache: the map is referred to by the absolute --server-root path and the snippet sets the right flags', () => {
  const r = toRedirectFiles(samplePlan(), 'apache', { serverRoot: '/etc/apache2/naring archive', path: 'old.conf' });
  assert.deepEqual(r.files.map((f) => f.path), ['old.conf', 'old.map', 'old.htaccess']);
  const conf = String(r.files[0]!.contents);
  assert.match(conf, /^RewriteMap naring_archive_redirect "txt:\/etc\/apache2\/naring archive\/old\.map"$/m);
  assert.equal((conf.match(/\[R=301,L,NE,QSD\]/g) ?? []).length, (conf.match(/^RewriteRule /gm) ?? []).length);
  assert.doesNotMatch(String(r.files[2]!.contents), /^RewriteMap/m);
});

test('caddy: query matchers hold decoded values, as Go parses the request query (an encoded value never matched)', () => {
  const { body } = text(hostilePlan(), 'caddy');
  // `?s=a%2Fb%C3%A5` is asked as s = "a/bå" by Caddy's query matcher; `?a=1&b=%22x%22` as b = "\"x\"".
  assert.match(body, /\tquery "s=a\/bå"\n/);
  assert.match(body, /\tquery "a=1" "b=\\"x\\""\n/);
  assert.doesNotMatch(body, /\tquery [^\n]*%(2F|C3|22)/i);
});
