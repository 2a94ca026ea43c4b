/**
 * The report of a large blog is written as it is made: the page comes in pieces (the posts table a row at a
 * time), the pieces land in the file atomically, and the Markdown files are found from their front matter
 * without parsing, or reading, more of each file than it takes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportHtmlChunks, toReportHtml, type PostRow, type ReportData } from '../../src/exporters/report/index.ts';
import { writeChunksAtomic } from '../../src/exporters/write.ts';
import { markdownFilesByUrl, originalUrlOf } from '../../src/snapshot/report-posts.ts';
import { postsPerMonth, siteTree } from '../../src/snapshot/report-tree.ts';

function rows(n: number): PostRow[] {
  return Array.from({ length: n }, (_, i) => ({
    title: `Inlägg ${i}`, blog: 'innovation', date: `2013-06-${String((i % 28) + 1).padStart(2, '0')}`, categories: [`Kategori ${i % 3}`],
    comments: i % 4, commentsArchived: i % 4, oldUrl: `http://www.naringsbloggen.se/innovation/p${i}/`, newUrl: null, newSource: null,
    markdownHref: `markdown/p${i}.md`, archivedHref: null,
  }));
}

function data(posts: PostRow[]): ReportData {
  return {
    hosts: ['www.naringsbloggen.se'],
    provenance: { startUrls: ['http://www.naringsbloggen.se/'], source: 'live crawl', sourceDetail: null, startedAt: null, finishedAt: null, tool: 'naring-archive 9.9.9', siteHref: null },
    numbers: { archived: 1, failed: 0, clientErrors: 0, posts: posts.length, pages: 0, urls: 1, markdownFiles: 0, redirectRows: null, coverage: null, files: null },
    posts, blogs: [], kinds: [], tree: siteTree(posts), months: postsPerMonth(posts), categories: [],
    redirects: null, verify: null, failures: [], extract: null,
  };
}

test('report page: the posts table and the tree come a piece at a time, and the pieces make the same page', () => {
  const d = data(rows(300));
  const chunks = [...reportHtmlChunks(d)];
  // One piece per post row at least (the table) and one per category (the tree): never the whole table at once.
  assert.ok(chunks.length > 300 + 3, `${chunks.length} pieces`);
  const biggest = Math.max(...chunks.map((c) => c.length));
  const html = chunks.join('');
  assert.ok(biggest < html.length / 4, `largest piece ${biggest} of ${html.length} characters`);
  assert.equal(html, toReportHtml(d));
  assert.equal((html.match(/<tr><td data-label="title">/g) ?? []).length, 300);
  assert.ok(html.endsWith('</html>\n'));
});

test('writeChunksAtomic: the pieces land in the file; a failure part-way keeps the old file and leaves no temp file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'naring-chunks-'));
  const path = join(dir, 'report.html');
  // More than one batch of about 1 MB, so the writer really writes in parts.
  const piece = 'å'.repeat(1000);
  await writeChunksAtomic(path, Array.from({ length: 3000 }, () => piece));
  assert.equal(readFileSync(path, 'utf8'), piece.repeat(3000));

  function* failing(): Generator<string> {
    for (let i = 0; i < 2000; i++) yield piece;
    throw new Error('the report could not be made');
  }
  await assert.rejects(writeChunksAtomic(path, failing()), /could not be made/);
  assert.equal(readFileSync(path, 'utf8'), piece.repeat(3000), 'the finished file is untouched');
  assert.deepEqual(readdirSync(dir), ['report.html']);
});

test('originalUrlOf: the one line where it suffices, the whole front matter where the value goes on or the key is quoted', () => {
  assert.equal(originalUrlOf('title: "A"\noriginal_url: "http://x.se/a/"\ntags: []'), 'http://x.se/a/');
  assert.equal(originalUrlOf("original_url: 'http://x.se/it''s/'"), "http://x.se/it's/");
  assert.equal(originalUrlOf('original_url: http://x.se/plain/'), 'http://x.se/plain/');
  // A plain scalar continued on the next line is one value in YAML: only the whole front matter says so.
  assert.equal(originalUrlOf('original_url: http://x.se/long\n  /rest/\ntitle: T'), 'http://x.se/long /rest/');
  assert.equal(originalUrlOf('"original_url": "http://x.se/quoted/"'), 'http://x.se/quoted/');
  // A key nested under another is not the document's original_url.
  assert.equal(originalUrlOf('page:\n  original_url: "http://x.se/nested/"'), null);
  assert.equal(originalUrlOf('title: "no url"'), null);
  assert.equal(originalUrlOf('original_url: [not, a, string]'), null);
  assert.equal(originalUrlOf('original_url: "unclosed'), null);
});

test('markdownFilesByUrl: front matter longer than the head read first is read whole; files without it are skipped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'naring-md-'));
  mkdirSync(join(dir, 'a'));
  writeFileSync(join(dir, 'a', 'short.md'), '---\ntitle: "S"\noriginal_url: "http://x.se/short/"\n---\nBody\n');
  // original_url after 40 KB of excerpt: past the first read of each file.
  writeFileSync(join(dir, 'long.md'), `---\nexcerpt: "${'ö'.repeat(20_000)}"\noriginal_url: "http://x.se/long/"\n---\n${'text '.repeat(10_000)}`);
  writeFileSync(join(dir, 'none.md'), '# no front matter\noriginal_url: "http://x.se/none/"\n');
  writeFileSync(join(dir, 'note.txt'), '---\noriginal_url: "http://x.se/txt/"\n---\n');
  const found = await markdownFilesByUrl(dir);
  assert.deepEqual([...found.entries()].sort(), [
    ['http://x.se/long/', join(dir, 'long.md')],
    ['http://x.se/short/', join(dir, 'a', 'short.md')],
  ]);
});
