import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalPost, toJsonFiles } from '../../src/exporters/json.ts';
import { checkAgainstSchema, schemaDir } from '../../src/exporters/json-schema.ts';
import type { PostRecord } from '../../src/types.ts';
import { HOST, input, post } from './records.ts';

function data() {
  const d = input([post({ slug: 'b' }), post({ slug: 'a', comments: [{ id: '1', author: 'Bo', published: null, text: 'Hej', parentId: null }] })], [post({ slug: 'om', url: `${HOST}/innovation/om/`, categories: [] })]);
  d.categories = [
    { blog: 'innovation', name: 'EU', slug: 'eu', url: `${HOST}/innovation/category/eu/`, postCount: 1 },
    { blog: 'innovation', name: 'Almedalen', slug: 'almedalen', url: `${HOST}/innovation/category/almedalen/`, postCount: 2 },
  ];
  d.authors = [{ blog: 'innovation', name: 'Anna Andersson', slug: 'anna', url: `${HOST}/innovation/author/anna/`, postCount: 3 }];
  return d;
}

test('export json writes the four files, sorted by URL, each valid against its schema', () => {
  const files = toJsonFiles(data(), { jsonl: false });
  assert.deepEqual(files.map((f) => f.path), ['authors.json', 'categories.json', 'pages.json', 'posts.json']);
  for (const f of files) {
    const value = JSON.parse(String(f.contents)) as { url: string }[];
    assert.equal(checkAgainstSchema(f.path.replace('.json', '') as 'posts', value), null, f.path);
    const urls = value.map((v) => v.url);
    assert.deepEqual(urls, [...urls].sort(), `${f.path} sorted by url`);
    assert.ok(String(f.contents).endsWith('}\n]\n') || String(f.contents) === '[]\n');
  }
  const posts = JSON.parse(String(files[3]!.contents)) as PostRecord[];
  assert.deepEqual(posts.map((p) => p.slug), ['a', 'b']);
  assert.deepEqual(posts[0], data().posts[1], 'records pass through unchanged');
});

test('--jsonl writes one record per line with the same records', () => {
  const json = toJsonFiles(data(), { jsonl: false });
  const jsonl = toJsonFiles(data(), { jsonl: true });
  assert.deepEqual(jsonl.map((f) => f.path), ['authors.jsonl', 'categories.jsonl', 'pages.jsonl', 'posts.jsonl']);
  jsonl.forEach((f, i) => {
    const lines = String(f.contents).split('\n');
    assert.equal(lines.pop(), '', 'ends with a newline');
    assert.deepEqual(lines.map((l) => JSON.parse(l) as unknown), JSON.parse(String(json[i]!.contents)));
    for (const l of lines) assert.equal(checkAgainstSchema(f.path.startsWith('posts') || f.path.startsWith('pages') ? 'post-record' : 'term-summary', JSON.parse(l)), null);
  });
});

test('key order is fixed whatever order the input had, so exports are identical bytes', () => {
  const shuffled = data();
  shuffled.posts = shuffled.posts.reverse().map((p) => Object.fromEntries(Object.entries(p).reverse()) as unknown as PostRecord);
  shuffled.categories.reverse();
  assert.deepEqual(toJsonFiles(shuffled, { jsonl: false }), toJsonFiles(data(), { jsonl: false }));
  assert.deepEqual(Object.keys(canonicalPost(shuffled.posts[0]!)), ['url', 'blog', 'slug', 'title', 'excerpt', 'excerptSource', 'categories', 'tags', 'commentCount', 'published', 'author', 'contentMarkdown', 'images', 'comments', 'aliases', 'provenance', 'capture']);
});

test('the schemas reject what the contract forbids', () => {
  const good = post({ slug: 'a' });
  const bad: [string, unknown][] = [
    ['missing title', { ...good, title: undefined }],
    ['negative count', { ...good, commentCount: -1 }],
    ['count as text', { ...good, commentCount: '3' }],
    ['date not ISO', { ...good, published: '5 juni 2013' }],
    ['relative url', { ...good, url: '/innovation/a/' }],
    ['unknown excerptSource', { ...good, excerptSource: 'guess' }],
    ['category without slug', { ...good, categories: [{ name: 'EU', url: 'x' }] }],
    ['extra key', { ...good, extra: 1 }],
    ['capture without digest', { ...good, capture: { url: 'http://h/x/' } }],
  ];
  assert.equal(checkAgainstSchema('post-record', good), null);
  for (const [why, value] of bad) assert.notEqual(checkAgainstSchema('post-record', value), null, why);
  assert.notEqual(checkAgainstSchema('term-summary', { blog: '', name: 'x', slug: 'x', url: 'x', postCount: 1.5 }), null);
});

test('every schema file is draft 2020-12 with an $id matching its file name', () => {
  const files = readdirSync(schemaDir()).filter((n) => n.endsWith('.schema.json')).sort();
  assert.deepEqual(files, ['authors.schema.json', 'categories.schema.json', 'pages.schema.json', 'post-record.schema.json', 'posts.schema.json', 'term-summary.schema.json']);
  for (const f of files) {
    const s = JSON.parse(readFileSync(join(schemaDir(), f), 'utf8')) as { $schema: string; $id: string };
    assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(s.$id, f);
  }
});
