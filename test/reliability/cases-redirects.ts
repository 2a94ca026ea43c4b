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

/** Errors a conforming XML 1.0 parser reports (fast-xml-parser's validator lets `--` in a comment pass). */
function xmlErrors(text: string): string[] {
  const errors: string[] = [];
  const p = new SaxesParser({ xmlns: false });
  p.on('error', (e) => errors.push(e.message));
  p.write(text).close();
  return errors;
}

interface Matcher { match(req: { scheme: string; host: string; path: string; query: string; getHeader(): string; getCookie(): string }): { to: string } | null }

export const redirectCases: Case[] = [
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
