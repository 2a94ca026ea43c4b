/**
 * `export wxr`: the replica's ground truth as WXR 1.2, parsed back with an XML parser and compared with the
 * records field by field; its structure checked against what WordPress's importer (wordpress-importer's
 * WXR_Parser) reads; and read by an independent consumer, wordpress-export-to-markdown, whose Markdown must
 * carry the same titles, dates, categories and bodies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { load as loadHtml } from 'cheerio';
import { toWxrFiles } from '../../src/exporters/wxr.ts';
import type { PostRecord } from '../../src/types.ts';
import { ROOT } from '../helpers/cli.ts';
import { post, term } from './records.ts';

const load = (name: string): PostRecord[] => JSON.parse(readFileSync(join(ROOT, 'fixtures', name), 'utf8')) as PostRecord[];
const ARRAYS = new Set(['item', 'category', 'wp:comment', 'wp:author', 'wp:category', 'wp:tag']);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: false, isArray: (name) => ARRAYS.has(name) });

type Node = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : v && typeof v === 'object' && '#text' in v ? String((v as Node)['#text']) : v === undefined ? '' : String(v));

/** A field as a reader sees it once WordPress prints it as HTML. */
const shown = (html: string): string => loadHtml(`<div>${html}</div>`)('div').text();

function channelOf(xml: string): Node {
  assert.doesNotMatch(xml, /<!DOCTYPE/i, 'WXR has no DOCTYPE (the importer refuses one)');
  const doc = parser.parse(xml) as { rss: { channel: Node; '@_version': string } };
  assert.equal(doc.rss['@_version'], '2.0');
  return doc.rss.channel;
}

/** Only the words: both sides are Markdown from different converters, so markup spelling may differ. */
function words(md: string): string {
  return md.replace(/\]\([^)]*\)/g, ']').replace(/[^\p{L}\p{N}]+/gu, '');
}

test('WXR per sub-blog: every post, page, term, comment and image comes back from the XML as it went in', () => {
  const posts = load('EXPECTED.json');
  const pages = load('EXPECTED-pages.json');
  const files = toWxrFiles({ posts, pages });
  assert.deepEqual(files.map((f) => f.path), [...new Set([...posts, ...pages].map((r) => r.blog))].sort().map((b) => `${b}.wxr.xml`));
  let items = 0;
  for (const f of files) {
    const ch = channelOf(String(f.contents));
    assert.equal(str(ch['wp:wxr_version']), '1.2');
    const blog = f.path.replace('.wxr.xml', '');
    const all = ch.item as Node[];
    const ids = all.map((i) => str(i['wp:post_id']));
    assert.equal(new Set(ids).size, ids.length, `${f.path}: post IDs are unique`);
    const logins = new Set((ch['wp:author'] as Node[] ?? []).map((a) => str(a['wp:author_login'])));
    const nicenames = new Set((ch['wp:category'] as Node[] ?? []).map((c) => str(c['wp:category_nicename'])));
    for (const [list, type] of [[posts, 'post'], [pages, 'page']] as const) {
      for (const r of list.filter((x) => x.blog === blog)) {
        const it = all.find((i) => str(i.link) === r.url && str(i['wp:post_type']) === type);
        assert.ok(it, `${r.url}: an item of type ${type}`);
        items++;
        assert.equal(str(it.title), r.title, `${r.url}: title`);
        assert.equal(str(it['wp:post_name']), r.slug, `${r.url}: slug`);
        assert.equal(str(it['excerpt:encoded']), r.excerpt, `${r.url}: excerpt`);
        if (r.published) {
          assert.equal(str(it['wp:post_date']).slice(0, 10), r.published.slice(0, 10), `${r.url}: local date`);
          if (/T.*([+-]\d\d:\d\d|Z)$/.test(r.published)) assert.equal(new Date(`${str(it['wp:post_date_gmt']).replace(' ', 'T')}Z`).getTime(), new Date(r.published).getTime(), `${r.url}: GMT date`);
        }
        const shortlink = [r.url, ...r.aliases].map((a) => /[?&]p=(\d+)/.exec(a)?.[1]).find(Boolean);
        if (shortlink) assert.equal(str(it['wp:post_id']), shortlink, `${r.url}: the old post ID`);
        const terms = (it.category as Node[] ?? []).map((c) => ({ domain: str(c['@_domain']), nicename: str(c['@_nicename']), name: str(c) }));
        assert.deepEqual(terms.filter((t) => t.domain === 'category').map((t) => [t.name, t.nicename]), r.categories.map((c) => [c.name, c.slug]), `${r.url}: categories`);
        assert.deepEqual(terms.filter((t) => t.domain === 'post_tag').map((t) => t.name), r.tags.map((t) => t.name), `${r.url}: tags`);
        for (const t of terms.filter((x) => x.domain === 'category')) assert.ok(nicenames.has(t.nicename), `${r.url}: category ${t.nicename} is declared in the channel`);
        if (r.author) assert.ok(logins.has(str(it['dc:creator'])), `${r.url}: its author is declared in the channel`);
        const comments = (it['wp:comment'] as Node[] ?? []);
        assert.equal(comments.length, r.comments.length, `${r.url}: comments`);
        const byId = new Map(comments.map((c) => [str(c['wp:comment_id']), c]));
        for (const c of r.comments) {
          const x = byId.get(c.id);
          assert.ok(x, `${r.url}: comment ${c.id}`);
          assert.equal(str(x['wp:comment_content']), c.text);
          assert.equal(str(x['wp:comment_author']), c.author);
          assert.equal(str(x['wp:comment_parent']), c.parentId ?? '0', `${r.url}: comment ${c.id} threading`);
        }
        for (const img of r.images) {
          const att = all.find((i) => str(i['wp:post_type']) === 'attachment' && str(i['wp:attachment_url']) === new URL(img.url, r.url).href && str(i['wp:post_parent']) === str(it['wp:post_id']));
          assert.ok(att, `${r.url}: image ${img.url} is an attachment of the post`);
        }
      }
    }
  }
  assert.equal(items, posts.length + pages.length);
});

test('WXR text from the old site stays text: CDATA ends, control characters and markup in titles', () => {
  const r = post({ slug: 'a', title: 'A ]]> B <b>"x"</b> & &amp; \u0001ok', excerpt: 'x]]>y <i>', comments: [{ id: '1', author: 'Bo ]]>', published: null, text: '<script>alert(1)</script>', parentId: null }], categories: [term('innovation', 'R&D <1>', 'r-d')] });
  const ch = channelOf(String(toWxrFiles({ posts: [r], pages: [] })[0]!.contents));
  const it = (ch.item as Node[])[0]!;
  // WordPress prints these fields as HTML, unescaped: the WXR holds the HTML that shows the same text.
  assert.equal(str(it.title), 'A ]]&gt; B &lt;b&gt;"x"&lt;/b&gt; & &amp;amp; ok');
  assert.equal(shown(str(it.title)), 'A ]]> B <b>"x"</b> & &amp; ok');
  assert.equal(str(it['excerpt:encoded']), 'x]]&gt;y &lt;i&gt;');
  const c = (it['wp:comment'] as Node[])[0]!;
  assert.equal(shown(str(c['wp:comment_author'])), 'Bo ]]>');
  assert.equal(str(c['wp:comment_content']), '&lt;script&gt;alert(1)&lt;/script&gt;');
  assert.equal(shown(str((it.category as Node[])[0])), 'R&D <1>');
});

test('WXR bodies: script links dropped, bare URLs and shortcode-like text stay text, tables kept', () => {
  const md = '[a](javascript:alert(1)) [b](https://ok.test/) https://bare.test/x [gallery ids="1"]\n\n| h |\n|---|\n| c |\n';
  const ch = channelOf(String(toWxrFiles({ posts: [post({ slug: 'b', contentMarkdown: md })], pages: [] })[0]!.contents));
  const html = str((ch.item as Node[])[0]!['content:encoded']);
  assert.doesNotMatch(html, /javascript:/);
  assert.match(html, /<a href="https:\/\/ok\.test\/">b<\/a>/);
  assert.doesNotMatch(html, /href="https:\/\/bare/);
  assert.match(html, /&#91;gallery ids=&quot;1&quot;\]/);
  assert.match(html, /<table>/);
});

test('wordpress-export-to-markdown reads the WXR: same titles, dates, categories and bodies', async () => {
  const posts = load('EXPECTED.json');
  const dir = await mkdtemp(join(tmpdir(), 'naring-wxr-'));
  try {
    const cli = createRequire(import.meta.url).resolve('wordpress-export-to-markdown/index.js');
    let read = 0;
    for (const f of toWxrFiles({ posts, pages: [] })) {
      const blog = f.path.replace('.wxr.xml', '');
      await writeFile(join(dir, f.path), f.contents);
      const out = join(dir, `md-${blog}`);
      const r = await new Promise<{ code: number | null; log: string }>((resolve) => {
        const child = spawn(process.execPath, [cli, '--wizard', 'false', '--input', join(dir, f.path), '--output', out, '--save-attached-images', 'false', '--save-scraped-images', 'false'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
        let log = '';
        child.stdout.on('data', (d: Buffer) => { log += d.toString(); });
        child.stderr.on('data', (d: Buffer) => { log += d.toString(); });
        child.on('close', (code) => resolve({ code, log }));
      });
      assert.equal(r.code, 0, r.log);
      for (const rec of posts.filter((p) => p.blog === blog)) {
        const file = join(out, rec.slug, 'index.md');
        const text = readFileSync(file, 'utf8');
        const end = text.indexOf('\n---\n', 4);
        const fm = parseYaml(text.slice(4, end)) as { title: string; date: string; categories?: string[] };
        assert.equal(fm.title, rec.title, `${rec.url}: title`);
        if (rec.published) assert.equal(fm.date, new Date(/T/.test(rec.published) ? rec.published : `${rec.published}T00:00:00Z`).toISOString().slice(0, 10), `${rec.url}: date (UTC, as the tool writes it)`);
        assert.deepEqual(fm.categories ?? [], rec.categories.map((c) => c.slug), `${rec.url}: categories`);
        assert.equal(words(text.slice(end + 5)), words(rec.contentMarkdown), `${rec.url}: body`);
        read++;
      }
      assert.equal(readdirSync(out).length, posts.filter((p) => p.blog === blog).length, `${blog}: one Markdown file per post`);
    }
    assert.equal(read, posts.length);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
