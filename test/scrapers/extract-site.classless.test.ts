/**
 * A theme never seen, simulated: every theme fixture site with every `class` attribute removed (no
 * body_class(), no hentry, no entry-title, no entry-content, no rel-free meta classes). What the rules
 * read must then come from the site itself — links, rels, ids, feeds, template repetition, text
 * density — and still give each post's title, categories, count, date and author as truth.json has them,
 * and a body with the same words as the classed site's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load } from 'cheerio';
import type { ArchivedResponse } from '../../src/types.ts';
import { normalizeUrl } from '../../src/url.ts';
import { extractSite } from '../../src/scrapers/extract-site.ts';
import { bagF1, markdownWords } from '../../scripts/eval/score.ts';
import { fetchSite, siteUrls } from './extract/site-folder.ts';

const THEMES = fileURLToPath(new URL('../../fixtures/themes/', import.meta.url));

function withoutClasses(r: ArchivedResponse): ArchivedResponse {
  if (!/html/i.test(r.headers['content-type'] ?? '')) return r;
  // latin1 in and out keeps every byte, whatever the page's charset (one fixture is ISO-8859-1).
  const $ = load(r.body.toString('latin1'), { xml: { xmlMode: false, decodeEntities: false } });
  $('[class]').removeAttr('class');
  return { ...r, body: Buffer.from($.html(), 'latin1') };
}

for (const name of readdirSync(THEMES).sort()) {
  test(`${name} with every class attribute removed: posts, fields and bodies as on the classed site`, async () => {
    const site = `${THEMES}${name}/site`;
    const truth = JSON.parse(readFileSync(`${THEMES}${name}/truth.json`, 'utf8')) as { posts: { url: string; title: string; categories: string[]; commentCount: number | null; author?: string; published?: string }[] };
    const responses = await fetchSite(site, siteUrls(site));
    const classed = new Map((await extractSite(responses)).posts.map((p) => [p.url, p]));
    const bare = await extractSite(responses.map(withoutClasses));
    const byUrl = new Map(bare.posts.map((p) => [p.url, p]));
    const diffs: string[] = [];
    let goodBodies = 0;
    for (const t of truth.posts) {
      const url = normalizeUrl(t.url)!;
      const p = byUrl.get(url);
      if (!p) {
        diffs.push(`${url}: missing`);
        continue;
      }
      const got = { title: p.title, categories: p.categories.map((c) => c.name), commentCount: p.commentCount, author: p.author?.name, published: p.published?.slice(0, 10) };
      const want = { title: t.title, categories: t.categories, commentCount: t.commentCount, author: t.author ?? got.author, published: t.published ?? got.published };
      for (const k of Object.keys(want) as (keyof typeof want)[]) if (JSON.stringify(got[k]) !== JSON.stringify(want[k])) diffs.push(`${url}: ${k}: got ${JSON.stringify(got[k])} expected ${JSON.stringify(want[k])}`);
      if (bagF1(markdownWords(p.contentMarkdown), markdownWords(classed.get(url)?.contentMarkdown ?? '')) >= 0.9) goodBodies++;
      else diffs.push(`${url}: body: ${JSON.stringify(p.contentMarkdown.slice(0, 200))}`);
    }
    assert.equal(bare.posts.length, truth.posts.length, bare.posts.map((p) => p.url).join(' '));
    assert.deepEqual(diffs, [], diffs.join('\n'));
    assert.equal(goodBodies, truth.posts.length);
  });
}
