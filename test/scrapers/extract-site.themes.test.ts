/**
 * The extractor on WordPress themes it was not written against: every fixtures/themes/<name>/ site (other
 * themes, languages, charsets, permalink structures) is fetched through the replica server and extracted;
 * titles, categories and comment counts must match that site's truth.json, and the other fields the truth
 * gives (tags, author name, published date, excerpt) too. `published` is compared on its date: the truth
 * gives the displayed date, the extractor the machine-readable date-time with offset where the page has one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizeUrl } from '../../src/url.ts';
import { extractSite } from '../../src/scrapers/extract-site.ts';
import { fetchSite, siteUrls } from './extract/site-folder.ts';

const THEMES = fileURLToPath(new URL('../../fixtures/themes/', import.meta.url));

interface TruthPost {
  url: string;
  title: string;
  categories: string[];
  commentCount: number | null;
  tags?: string[];
  author?: string;
  published?: string;
  excerpt?: string;
}

const names = existsSync(THEMES) ? readdirSync(THEMES).filter((n) => existsSync(`${THEMES}${n}/truth.json`)).sort() : [];

test('there are at least three theme fixture sites to prove the rules on', () => {
  assert.ok(names.length >= 3, `found ${names.join(', ')}`);
});

for (const name of names) {
  test(`${name}: titles, categories and comment counts match truth.json`, async () => {
    const site = `${THEMES}${name}/site`;
    const truth = JSON.parse(readFileSync(`${THEMES}${name}/truth.json`, 'utf8')) as { posts: TruthPost[] };
    const result = await extractSite(await fetchSite(site, siteUrls(site)));
    const byUrl = new Map(result.posts.map((p) => [p.url, p]));
    const diffs: string[] = [];
    for (const t of truth.posts) {
      const url = normalizeUrl(t.url)!;
      const p = byUrl.get(url);
      if (!p) {
        diffs.push(`${url}: missing`);
        continue;
      }
      const got: Record<string, unknown> = {
        title: p.title,
        categories: p.categories.map((c) => c.name),
        commentCount: p.commentCount,
        tags: p.tags.map((c) => c.name),
        author: p.author?.name ?? null,
        published: p.published?.slice(0, 10) ?? null,
        excerpt: p.excerpt,
      };
      for (const [field, want] of Object.entries(t)) {
        if (field === 'url') continue;
        if (JSON.stringify(got[field]) !== JSON.stringify(want)) diffs.push(`${url}: ${field}: got ${JSON.stringify(got[field])} expected ${JSON.stringify(want)}`);
      }
    }
    assert.equal(result.posts.length, truth.posts.length, `posts found: ${result.posts.map((p) => p.url).join(' ')}`);
    assert.deepEqual(diffs, [], diffs.join('\n'));
    assert.deepEqual(result.report.problems.filter((x) => x.severity === 'error'), []);
  });
}
