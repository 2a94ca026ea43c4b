import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countArrayElements, JsonArrayScanner } from '../src/json-array.ts';
import { loadDataDir } from '../src/data-dir.ts';
import { UsageError } from '../src/errors.ts';
import { toJsonText } from '../src/exporters/write.ts';
import type { PostRecord } from '../src/types.ts';

/** The elements a scanner finds in `text` fed `step` bytes at a time, as parsed values with their offsets. */
function scan(text: string, step: number): { offset: number; value: unknown }[] {
  const bytes = Buffer.from(text);
  const s = new JsonArrayScanner();
  const out: { offset: number; value: unknown }[] = [];
  for (let i = 0; i < bytes.length; i += step) {
    for (const el of s.feed(bytes.subarray(i, i + step))) out.push({ offset: el.offset, value: JSON.parse(el.bytes.toString()) });
  }
  s.end();
  return out;
}

test('the array scanner finds every element and its byte offset, however the file is cut into chunks', () => {
  const values = [{ a: 'x, ] } { "', b: [1, [2, {}]] }, 'a "quoted\\" ] string', 12.5e3, null, true, [], { 'å': 'ö — ✓', esc: '\\\\' }];
  const text = `\uFEFF  [ ${values.map((v) => JSON.stringify(v)).join(' ,\n')} ]\n`;
  const bytes = Buffer.from(text);
  for (const step of [1, 2, 3, 7, 64, bytes.length]) {
    const got = scan(text, step);
    assert.deepEqual(got.map((g) => g.value), values, `chunks of ${step} bytes`);
    for (const g of got) assert.deepEqual(JSON.parse(bytes.subarray(g.offset).toString().slice(0, JSON.stringify(g.value).length)), g.value);
  }
  assert.deepEqual(scan('[]', 1), []);
  assert.deepEqual(scan(toJsonText([{ x: 1 }, { y: [2] }]), 5).map((g) => g.value), [{ x: 1 }, { y: [2] }]);
});

test('the array scanner names what is wrong with the shape and where', () => {
  const bad: [string, RegExp][] = [
    ['{"a": 1}', /expected a JSON array .* at byte 0/],
    ['[1, 2', /ends before the array's closing/],
    ['[{"a": "b"}', /ends before the array's closing/],
    ['[1,]', /trailing comma .* at byte 3/],
    ['[,1]', /empty element .* at byte 1/],
    ['[{} {}]', /expected `,` or `]` .* at byte 4/],
    ['[1] x', /text after the array's closing `]` at byte 4/],
    ['', /ends before/],
  ];
  for (const [text, message] of bad) assert.throws(() => scan(text, 2), message, text);
});

function post(n: number, extra: Partial<PostRecord> = {}): PostRecord {
  return {
    url: `http://h/blog/p${n}/`, blog: 'blog', slug: `p${n}`, title: `Post ${n}`, excerpt: `Excerpt ${n}`, excerptSource: 'listing',
    categories: [{ name: 'Cat', slug: 'cat', url: 'http://h/blog/category/cat/' }], tags: [], commentCount: 1, published: '2013-06-05',
    author: { name: 'A', slug: 'a', url: 'http://h/blog/author/a/' }, contentMarkdown: `Body **${n}** with "quotes" and å.`, images: [],
    comments: [{ id: `c${n}`, author: 'R', published: '2013-06-06', text: 'Hej', parentId: null }], aliases: [], provenance: { title: 'post:h1' },
    capture: { url: `http://h/blog/p${n}/`, payloadDigest: 'sha1:X' }, ...extra,
  };
}

function dataDir(posts: unknown, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'naring-data-'));
  writeFileSync(join(dir, 'posts.json'), typeof posts === 'string' ? posts : toJsonText(posts));
  writeFileSync(join(dir, 'urls.json'), '[]\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test('loadDataDir gives records equal to the file, reading body and comments back from it, even once it is replaced', async () => {
  const posts = [post(1), post(2), post(3)];
  const dir = dataDir(posts);
  try {
    const data = await loadDataDir(dir);
    // Another export renames a new posts.json over the old one: the open file still reads the records' bytes.
    writeFileSync(join(dir, 'other.json'), toJsonText([post(9), post(8), post(7)]));
    renameSync(join(dir, 'other.json'), join(dir, 'posts.json'));
    assert.deepEqual(data.posts, posts);
    assert.equal(JSON.stringify(data.posts), JSON.stringify(posts));
    assert.deepEqual(Object.keys(data.posts[1]!), Object.keys(posts[1]!));
    assert.equal(data.posts[2]!.contentMarkdown, posts[2]!.contentMarkdown);
    assert.equal(data.posts[0]!.comments[0]!.id, 'c1');
    // A field set by a caller stays set.
    data.posts[0]!.excerpt = 'changed';
    assert.equal(data.posts[0]!.excerpt, 'changed');
    assert.equal(data.posts[1]!.excerpt, 'Excerpt 2');
    data.close();
    assert.throws(() => data.posts[1]!.contentMarkdown, /read after the data folder was closed/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('loadDataDir drops keys the schema does not know, in the records and in what it reads back', async () => {
  const dir = dataDir([{ ...post(1), future: 'x', comments: [{ ...post(1).comments[0]!, mood: 'glad' }] }]);
  try {
    const data = await loadDataDir(dir);
    assert.deepEqual(data.posts, [post(1)]);
    data.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('loadDataDir: a broken posts.json, pages.json or categories.json is one line naming the file, the record and the field', async () => {
  const cases: [unknown, Record<string, string>, RegExp][] = [
    ['{"url": 1}', {}, /posts\.json: not a JSON array of records: expected a JSON array .*rerun `naring-archive extract`/],
    [`[${JSON.stringify(post(1))}, {"url": "x",}]`, {}, /posts\.json: record 1 \(at byte \d+\) is not valid JSON/],
    [toJsonText([post(1), post(2), { ...post(3), title: 7 }]), {}, /posts\.json: record 2 \(http:\/\/h\/blog\/p3\/\): title: must be string \(see schema\/posts\.schema\.json\)/],
    [toJsonText([post(1), 'text']), {}, /posts\.json: record 1: must be object/],
    [toJsonText([post(1)]).slice(0, 200), {}, /posts\.json: not a JSON array of records: the file ends before/],
    [[post(1)], { 'pages.json': toJsonText([{ ...post(2), categories: {} }]) }, /pages\.json: record 0 \(http:\/\/h\/blog\/p2\/\): categories: must be array \(see schema\/pages\.schema\.json\)/],
    [[post(1)], { 'categories.json': toJsonText([{ blog: '', name: 'C', slug: 'c', url: 'http://h/c/' }]) }, /categories\.json: record 0 \(http:\/\/h\/c\/\): must have required property 'postCount'/],
  ];
  for (const [posts, files, message] of cases) {
    const dir = dataDir(posts, files);
    try {
      await assert.rejects(loadDataDir(dir), (err: unknown) => err instanceof UsageError && message.test(err.message), String(message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('countArrayElements counts the records of a posts.json without parsing them, and names a broken one', async () => {
  const dir = dataDir([post(1), post(2), post(3)]);
  try {
    assert.equal(await countArrayElements(join(dir, 'posts.json')), 3);
    assert.equal(await countArrayElements(join(dir, 'urls.json')), 0);
    writeFileSync(join(dir, 'posts.json'), toJsonText([post(1), post(2)]).slice(0, -3));
    await assert.rejects(countArrayElements(join(dir, 'posts.json')), /ends before the array's closing/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
