/**
 * What the corpora tests check of the exports on a real site: extract's posts through WXR and back with the same
 * titles and categories, and the Hugo export built with 0 broken internal links (linkinator over the built
 * folder). Shared by test/exporters/corpora-exports.test.ts and test/corpora/corpora.test.ts (which crawls
 * tanzundklang once for both its own scores and these checks).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { load as loadHtml } from 'cheerio';
import { check, LinkState } from 'linkinator';
import { exportMarkdown } from '../../src/exporters/markdown.ts';
import { toWxrFiles } from '../../src/exporters/wxr.ts';
import { writeOutputFiles } from '../../src/exporters/write.ts';
import type { ExtractResult } from '../../src/scrapers/extract-site.ts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: false, isArray: (n) => n === 'item' || n === 'category' });
const text = (v: unknown): string => (typeof v === 'string' ? v : v && typeof v === 'object' && '#text' in v ? String((v as Record<string, unknown>)['#text']) : '');

/** An HTML field as a reader sees it once WordPress prints it. */
const shown = (html: string): string => loadHtml(`<div>${html}</div>`)('div').text();

function hugo(cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('hugo', ['--quiet'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('error', (err) => resolve({ code: -1, out: `hugo: ${err.message} (apt-get install hugo; .ci/run does)` }));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** Asserts the WXR round trip and the Hugo build of one extracted site; `work` is a scratch folder. */
export async function checkCorpusExports(name: string, result: ExtractResult, work: string): Promise<void> {
  const input = { posts: result.posts, pages: result.pages, categories: result.categories, authors: result.authors, urls: result.urls };
  assert.ok(input.posts.length > 40, `${name}: extract found the posts`);

  // WXR: every post back with its title and categories, each blog in its file, as WordPress shows them
  // (these fields are HTML there: a title `>Von den Wirren<` is written `&gt;Von den Wirren&lt;`).
  const items = toWxrFiles(input).flatMap((f) => (parser.parse(String(f.contents)) as { rss: { channel: { item?: Record<string, unknown>[] } } }).rss.channel.item ?? []);
  for (const p of input.posts) {
    const it = items.find((i) => text(i.link) === p.url && text(i['wp:post_type']) === 'post');
    assert.ok(it, `${p.url}: in the WXR`);
    assert.equal(shown(text(it.title)), p.title, `${p.url}: title`);
    const cats = ((it.category as Record<string, unknown>[] | undefined) ?? []).filter((c) => c['@_domain'] === 'category').map((c) => shown(text(c)));
    assert.deepEqual(cats, p.categories.map((c) => c.name), `${p.url}: categories`);
  }

  // Hugo: the export builds, every post at its URL, and no internal link or image is broken.
  const site = join(work, 'hugo');
  await writeOutputFiles(site, exportMarkdown(input, { layout: 'hugo', images: 'link', siteTitle: name }).files);
  const b = await hugo(site);
  assert.equal(b.code, 0, b.out);
  for (const p of input.posts) assert.ok(existsSync(join(site, 'public', decodeURIComponent(new URL(p.url).pathname), 'index.html')), `${p.url}: built at its old path`);
  const r = await check({ path: join(site, 'public'), recurse: true, concurrency: 10, retryErrors: true, retryErrorsCount: 2, retryErrorsJitter: 200, linksToSkip: (u: string) => Promise.resolve(/^[a-z]+:\/\//i.test(u) && !/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(u)) });
  // Only internal links count: an external href the old site itself wrote broken (tanzundklang has
  // `http://<object width=`, which linkinator cannot parse and so reports before linksToSkip) is not the export's.
  const internal = (u: string): boolean => !/^[a-z]+:\/\//i.test(u) || /^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(u);
  const broken = r.links.filter((l) => l.state === LinkState.BROKEN && internal(l.url)).map((l) => `${l.url} (from ${l.parent})`);
  const externalBroken = r.links.filter((l) => l.state === LinkState.BROKEN && !internal(l.url));
  assert.ok(externalBroken.length <= 2, `${name}: external links reported broken (not skipped): ${externalBroken.map((l) => l.url).join(' ')}`);
  assert.deepEqual(broken, [], `${name}: broken internal links`);
  assert.ok(r.links.filter((l) => l.state === LinkState.OK).length > input.posts.length, `${name}: linkinator reached the posts`);
}
