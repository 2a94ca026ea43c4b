/**
 * Redirect maps that must load and match on their platform whatever the old URLs hold: web.config through
 * a strict XML 1.0 parser, Netlify's `_redirects` through Netlify's own matcher.
 */
import assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';
// @ts-expect-error netlify-redirector ships no types: parsePlain(text, options) → { match(request) }
import redirector from 'netlify-redirector';
import { planRedirects, toIis, toNetlify } from '../../src/exporters/redirects/index.ts';
import { samplePages, samplePosts, sampleRules, sampleUrls } from '../exporters/redirects/sample.ts';
import { hostilePlan } from '../exporters/redirects/hostile.ts';
import type { Case } from './cases-crawl.ts';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { toApache, toNginx } from '../../src/exporters/redirects/index.ts';
import { writeOutputFiles } from '../../src/exporters/write.ts';
import { verifyRedirects } from '../../src/scrapers/verify-redirects.ts';
import { exportMarkdown } from '../../src/exporters/markdown.ts';
import { startApache, startNginx } from '../servers/servers.ts';
import { input, post } from '../exporters/records.ts';

/** Errors a conforming XML 1.0 parser reports (fast-xml-parser's validator lets `--` in a comment pass). */
function xmlErrors(text: string): string[] {
  const errors: string[] = [];
  const p = new SaxesParser({ xmlns: false });
  p.on('error', (e) => errors.push(e.message));
  p.write(text).close();
  return errors;
}

interface Matcher { match(req: { scheme: string; host: string; path: string; query: string; getHeader(): string; getCookie(): string }): { to: string } | null }

/** Rows of item 14 in real nginx and Apache: encoded slashes, a key longer than a txt map line, an encoded query value. */
async function serverRows() {
  const plan = hostilePlan();
  const dir = mkdtempSync(join(tmpdir(), 'naring-rel-redir-'));
  const hosts = ['www.naringsbloggen.se'];
  const servers: { stop(): Promise<void> }[] = [];
  try {
    await writeOutputFiles(dir, [...toNginx(plan).files, ...toApache(plan, { mapDir: dir })]);
    const [nginx, apache] = await Promise.all([startNginx({ mapFile: join(dir, 'redirects.nginx.conf'), serverNames: hosts }), startApache({ snippet: join(dir, 'redirects.apache.conf'), serverNames: hosts })]);
    servers.push(nginx, apache);
    const item14 = plan.rows.filter((r) => r.from.startsWith('http://') && /slash|long-|\?s=/.test(r.from));
    // %2F: nginx decodes it; the Apache snippet sets AllowEncodedSlashes NoDecode (default Off answers 404).
    const n = await verifyRedirects(item14, { base: nginx.origin, concurrency: 4 });
    const a = await verifyRedirects(item14, { base: apache.origin, concurrency: 4 });
    assert.ok(item14.filter((r) => /%2F/i.test(r.from)).length >= 4);
    assert.deepEqual([...n.wrong, ...a.wrong].map((w) => `${w.row.from}: ${w.errors.join('; ')}`), []);
    return { id: '14a', fault: 'old URLs with %2F and %2F%2F, a 1.3 kB path, an encoded query value, in real nginx and Apache', did: 'each answered with its own target (nginx decodes %2F before merging slashes; Apache: the snippet sets AllowEncodedSlashes NoDecode, keys keep %2F; a RewriteCond for keys over a txt map line)', kept: `${n.checked + a.checked} of ${n.checked + a.checked} requests`, lost: '0', corrupted: 0, escapes: 0 };
  } finally {
    await Promise.all(servers.map((x) => x.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

export const redirectCases: Case[] = [
  { name: '#14a redirect keys with encoded slashes, over-long keys and encoded query values match in real nginx and Apache', run: serverRows },
  {
    name: '#14b lone surrogates and U+202E (bidi override) are not kept in file names',
    async run() {
      const slugs = ['rapport\u202Egpj.exe', 'halv\uD800sur', 'annan\uDC00', 'vänster\u2066höger\u2069'];
      const md = exportMarkdown(input(slugs.map((slug, i) => post({ slug, url: `http://www.naringsbloggen.se/innovation/p${i}/` }))), { layout: 'flat', images: 'none' });
      const bad = md.files.filter((f) => /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/u.test(f.path));
      assert.deepEqual(bad.map((f) => f.path), []);
      assert.equal(md.files.filter((f) => /^innovation\//.test(f.path) || f.path.endsWith('.md')).length >= slugs.length, true);
      return { id: '14b', fault: 'slugs with U+202E, U+2066/9 and lone surrogates', did: 'each control and lone surrogate replaced by "-" in file names', kept: `${slugs.length} of ${slugs.length} posts written`, lost: '0', corrupted: 0, escapes: bad.length };
    },
  },
  {
    name: '#7 web.config is well-formed XML 1.0 (no -- inside a comment), for the sample and hostile URLs',
    async run() {
      const plans = [planRedirects({ posts: samplePosts(), pages: samplePages(), urls: sampleUrls() }, sampleRules()), hostilePlan()];
      const errors = plans.flatMap((p) => xmlErrors(String(toIis(p).files[0]!.contents)));
      assert.deepEqual(errors, []);
      return { id: '7', fault: 'web.config read by a strict XML 1.0 parser (saxes)', did: 'well-formed, for sample and hostile URLs', kept: `${plans.length} of ${plans.length} files`, lost: '0', corrupted: errors.length, escapes: 0 };
    },
  },
  {
    name: '#8 Netlify: an old URL ?p=%3Aid does not become a placeholder that takes over every ?p= redirect',
    async run() {
      const H = 'http://www.naringsbloggen.se';
      const urls = [...sampleUrls(), { url: `${H}/innovation/?p=%3Aid`, kind: 'shortlink' as const, status: 404, target: null }].sort((a, b) => (a.url < b.url ? -1 : 1));
      const plan = planRedirects({ posts: samplePosts(), pages: samplePages(), urls }, sampleRules());
      const { files, notes } = toNetlify(plan);
      const body = String(files[0]!.contents);
      const matcher = (await redirector.parsePlain(body, {})) as Matcher;
      const ask = (query: string) => matcher.match({ scheme: 'http', host: 'www.naringsbloggen.se', path: '/innovation/', query, getHeader: () => '', getCookie: () => '' })?.to;
      const seven = plan.rows.find((r) => r.from === `${H}/innovation/?p=7`)!;
      const twelve = plan.rows.find((r) => r.from === `${H}/innovation/?p=12`)!;
      assert.equal(ask('p=7'), seven.to);
      assert.equal(ask('p=12'), twelve.to);
      assert.match(notes.join('\n'), /query value starting with ":"/);
      return { id: '8', fault: 'an old URL `?p=%3Aid` in Netlify `_redirects`', did: 'written encoded and reported; every other ?p= row still matches its own target', kept: '2 of 2 ?p= redirects', lost: '0', corrupted: 0, escapes: 0 };
    },
  },
];
