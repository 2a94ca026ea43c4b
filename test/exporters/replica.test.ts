/**
 * The replica's ground truth (fixtures/EXPECTED.json: the records extract must produce) through every
 * Markdown layout, JSON and CSV: the "done when" of issue 5 on realistic data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.ts';
import { exportMarkdown } from '../../src/exporters/markdown.ts';
import { toJsonFiles } from '../../src/exporters/json.ts';
import { toCsvText } from '../../src/exporters/csv.ts';
import { checkAgainstSchema } from '../../src/exporters/json-schema.ts';
import { linkKey, neededUploadUrls, type ExportInput } from '../../src/exporters/site-index.ts';
import { listMarkdownLinks } from '../../src/exporters/links.ts';
import type { PostRecord, UrlEntry } from '../../src/types.ts';
import { assertFrontMatterMatches, assertLinksResolve, byPath, fileFor, relativeLinks, text } from './check-output.ts';

function load<T>(name: string): T {
  return JSON.parse(readFileSync(join(ROOT, 'fixtures', name), 'utf8')) as T;
}

function replica(): ExportInput {
  return {
    posts: load<PostRecord[]>('EXPECTED.json'),
    pages: load<PostRecord[]>('EXPECTED-pages.json'),
    categories: [],
    authors: [],
    urls: load<UrlEntry[]>('site-urls.json'),
  };
}

/** The replica serves uploads from fixtures/site/<path>: the same bytes a crawl would archive. */
function uploadBytes(data: ExportInput): Map<string, Buffer> {
  const bytes = new Map<string, Buffer>();
  for (const url of neededUploadUrls(data)) {
    const file = join(ROOT, 'fixtures', 'site', decodeURIComponent(new URL(url).pathname));
    if (existsSync(file)) bytes.set(url, readFileSync(file));
  }
  return bytes;
}

test('the replica: one Markdown file per post and page, front matter = record, links and images resolve', () => {
  const data = replica();
  assert.ok(data.posts.length > 70, 'the replica has its posts');
  const bytes = uploadBytes(data);
  assert.ok(bytes.size > 0, 'the replica has uploads');
  for (const layout of ['flat', 'hugo', 'jekyll'] as const) {
    const r = exportMarkdown(data, { layout, images: 'copy', imageBytes: bytes });
    assert.deepEqual(r.missing, neededUploadUrls(data).filter((u) => !bytes.has(u)), `${layout}: missing uploads are exactly those absent from the archive`);
    for (const rec of [...data.posts, ...data.pages]) assertFrontMatterMatches(fileFor(r.files, rec.url), rec, layout);
    const posts = new Set(data.posts.map((p) => fileFor(r.files, p.url).path));
    assert.equal(posts.size, data.posts.length, `${layout}: one file per post`);
    assertLinksResolve(r.files);
    const files = byPath(r.files);
    const images = relativeLinks(r.files).filter((l) => l.isImage);
    assert.ok(images.length >= bytes.size, `${layout}: images are linked`);
    for (const l of images) assert.ok(Buffer.isBuffer(files.get(l.target)?.contents), `${layout}: ${l.from} image ${l.dest} is not a copied file`);
    // Links between posts of the replica (in whatever spelling the bodies use) all became file links.
    const postKeys = new Set([...data.posts, ...data.pages].flatMap((p) => [p.url, ...p.aliases]).map((u) => linkKey(u)));
    const left = r.files.filter((f) => f.path.endsWith('.md')).flatMap((f) => listMarkdownLinks(text(f)).filter((l) => /^https?:/.test(l.dest) && postKeys.has(linkKey(l.dest))).map((l) => `${f.path}: ${l.dest}`));
    assert.deepEqual(left, [], `${layout}: links to archived posts left absolute`);
  }
});

test('the replica: two exports are identical bytes, and JSON validates against schema/', () => {
  const a = exportMarkdown(replica(), { layout: 'hugo', images: 'copy', imageBytes: uploadBytes(replica()) }).files;
  const b = exportMarkdown(replica(), { layout: 'hugo', images: 'copy', imageBytes: uploadBytes(replica()) }).files;
  assert.deepEqual(a, b);
  for (const jsonl of [false, true]) {
    const files = toJsonFiles(replica(), { jsonl });
    for (const f of files) {
      const text = String(f.contents);
      const values = jsonl ? text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown) : (JSON.parse(text) as unknown[]);
      const name = f.path.replace(/\.jsonl?$/, '') as 'posts' | 'pages' | 'categories' | 'authors';
      assert.equal(checkAgainstSchema(name, values), null, f.path);
    }
  }
  const csv = toCsvText(replica().posts);
  assert.equal(csv.split('\r\n').length - 2, replica().posts.length, 'one CSV row per post (no post has a line break)');
});
