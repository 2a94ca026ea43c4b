/**
 * Hostile and pathological content through extract and export markdown, then into real Hugo and Jekyll:
 * deep nesting, a backslash before backticks, text that looks like HTML, script links, link syntax and
 * template syntax, a slug that climbs out of its folder, device-name sub-blogs.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ArchivedResponse } from '../../src/types.ts';
import { extractSite } from '../../src/scrapers/extract-site.ts';
import { MAX_DEPTH } from '../../src/scrapers/extract/depth-guard.ts';
import { exportMarkdown } from '../../src/exporters/markdown.ts';
import { writeOutputFiles } from '../../src/exporters/write.ts';
import { input, post } from '../exporters/records.ts';
import { nested } from './fault-server.ts';
import type { Case } from './cases-crawl.ts';

const H = 'http://blog.test';

export function postPage(path: string, title: string, body: string, id = 5): ArchivedResponse {
  const html = `<!DOCTYPE html><html><head><meta charset="UTF-8"><title>${title}</title></head>
<body class="single single-post postid-${id}"><div class="post hentry"><h1 class="entry-title">${title}</h1>
<time class="entry-date published" datetime="2013-06-05T10:00:00+02:00">5 juni 2013</time>
<div class="entry-content">${body}</div></div></body></html>`;
  return { url: `${H}${path}`, status: 200, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: Buffer.from(html), date: '2020-01-01T00:00:00Z', recordId: path, payloadDigest: '' };
}

async function deep(id: string, fault: string, body: string) {
  const r = await extractSite([postPage('/a/deep/', 'Djup', body, 5), postPage('/a/plain/', 'Vanlig', '<p>vanlig text</p>', 6)]);
  assert.equal(r.posts.length, 2);
  const d = r.posts.find((p) => p.url.endsWith('/deep/'))!;
  assert.match(d.contentMarkdown, /deep text/);
  const warned = r.report.problems.filter((p) => p.url.endsWith('/deep/') && /nested \d+ elements deep/.test(p.reason));
  assert.equal(warned.length, 1);
  return { id, fault, did: `extract completes; the page is flattened below depth ${MAX_DEPTH} and reported as a warning`, kept: '2 of 2 posts (text kept)', lost: '0', corrupted: 0, escapes: 0 };
}

/** Every hostile thing a post body may say, one per paragraph; `live` finds it alive in rendered HTML. */
export const HOSTILE: { html: string; live: RegExp }[] = [
  { html: '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>', live: /<script/i },
  { html: '<p>&lt;img src=x onerror=alert(2)&gt;</p>', live: /<img[^>]*onerror/i },
  { html: '<p>&lt;iframe src="http://evil.test/"&gt;&lt;/iframe&gt;</p>', live: /<iframe/i },
  { html: '<p><a href="javascript:alert(3)">j</a></p>', live: /href="\s*javascript:alert\(3/i },
  { html: '<p><a href="vbscript:msgbox(4)">v</a></p>', live: /href="\s*vbscript:/i },
  { html: '<p><a href="data:text/html;base64,PHNjcmlwdD4=">d</a></p>', live: /href="\s*data:/i },
  { html: '<p><a href="JaVa&#x09;ScRiPt:alert(5)">t</a></p>', live: /href="[^"]*script:alert\(5/i },
  { html: '<p>[x](javascript:alert(6))</p>', live: /href="\s*javascript:alert\(6/i },
  { html: '<p>[y](http://evil.test/plain-text-link)</p>', live: /href="http:\/\/evil\.test\/plain-text-link/ },
  { html: '<p>&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt;</p>', live: /<b>bold/ },
  // Template syntax: each names its own secret, set in the site's config, which must never be printed.
  { html: '<p>{{&lt; param s11 &gt;}}</p>', live: /SECRET-11\b/ },
  { html: '<p>{{% param s12 %}}</p>', live: /SECRET-12\b/ },
  { html: '<p><code>{{&lt; param s13 &gt;}}</code></p>', live: /SECRET-13\b/ },
  { html: '<pre><code>{{&lt; param s14 &gt;}}\n{{ site.s14 }}</code></pre>', live: /SECRET-14\b/ },
  { html: '<p>{{ site.s15 }}</p>', live: /SECRET-15\b/ },
  { html: '<p>{% assign s = site.s16 %}{{ s }}</p>', live: /SECRET-16\b/ },
  { html: '<p><code>{% raw %}{% endraw %}{{ site.s17 }}</code></p>', live: /SECRET-17\b/ },
];
const SECRETS = [11, 12, 13, 14, 15, 16, 17];

/** Every file under `dir`, relative. */
export function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n), base) : [join(dir, n).slice(base.length + 1)]));
}

async function hostileSite(layout: 'hugo' | 'jekyll', root: string): Promise<string> {
  const body = HOSTILE.map((h) => h.html).join('\n');
  // The slug climbs (`..%2F`) and the sub-blog is a Windows device name.
  const r = await extractSite([postPage('/con/kat/..%2F..%2F..%2Fescaped/', 'Fientlig', body)]);
  assert.equal(r.posts.length, 1);
  const md = exportMarkdown({ posts: r.posts, pages: r.pages, categories: r.categories, authors: r.authors, urls: r.urls }, { layout, images: 'none' });
  const src = join(root, 'site');
  await writeOutputFiles(src, md.files);
  return src;
}

export function hugoBuild(root: string, src: string): string {
  writeFileSync(join(src, 'config.toml'), `baseURL = "http://example.test/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n[params]\n${SECRETS.map((n) => `s${n} = "SECRET-${n}"`).join('\n')}\n[markup.goldmark.renderer]\nunsafe = true\n`);
  mkdirSync(join(src, 'layouts', '_default'), { recursive: true });
  writeFileSync(join(src, 'layouts', '_default', 'single.html'), '<main>{{ .Content }}</main>');
  writeFileSync(join(src, 'layouts', '_default', 'list.html'), '<main>{{ .Content }}</main>');
  execFileSync('hugo', ['--quiet', '-s', src, '-d', join(root, 'public')], { stdio: 'pipe' });
  return join(root, 'public');
}

function jekyllBuild(root: string, src: string): string {
  writeFileSync(join(src, '_config.yml'), `${SECRETS.map((n) => `s${n}: SECRET-${n}`).join('\n')}\nmarkdown: kramdown\nsafe: true\n`);
  mkdirSync(join(src, '_layouts'), { recursive: true });
  writeFileSync(join(src, '_layouts', 'post.html'), '<main>{{ content }}</main>');
  writeFileSync(join(src, '_layouts', 'page.html'), '<main>{{ content }}</main>');
  execFileSync('jekyll', ['build', '--quiet', '-s', src, '-d', join(root, '_site')], { stdio: 'pipe', env: { ...process.env, JEKYLL_ENV: 'production' } });
  return join(root, '_site');
}

async function rendered(layout: 'hugo' | 'jekyll') {
  const root = mkdtempSync(join(tmpdir(), `naring-rel-${layout}-`));
  try {
    const src = await hostileSite(layout, root);
    const out = layout === 'hugo' ? hugoBuild(root, src) : jekyllBuild(root, src);
    const files = walk(out);
    const html = files.filter((f) => f.endsWith('.html')).map((f) => readFileSync(join(out, f), 'utf8')).join('\n');
    const post = files.find((f) => f.endsWith('.html') && readFileSync(join(out, f), 'utf8').includes('alert(1)'));
    assert.ok(post, `the post was not rendered: ${files.join(', ')}`);
    const alive = HOSTILE.filter((h) => h.live.test(html)).map((h) => h.html);
    // Nothing written outside the output folder (the slug climbed three levels), no device-name folder.
    const outside = walk(root).filter((f) => !f.startsWith('site/') && !f.startsWith(`${out.slice(root.length + 1)}/`));
    const devices = walk(src).filter((f) => f.split('/').some((seg) => /^con(\.|$)/i.test(seg)));
    assert.deepEqual(alive, []);
    assert.deepEqual(outside, []);
    assert.deepEqual(devices, []);
    // The words themselves are still there, as text.
    assert.match(html, /&lt;script&gt;alert\(1\)/);
    const escapes = alive.length + outside.length + devices.length;
    return { id: layout === 'hugo' ? '5a' : '5b', fault: `${HOSTILE.length} hostile bodies, a climbing slug and a \`con\` sub-blog, built by real ${layout === 'hugo' ? 'Hugo (unsafe HTML on)' : 'Jekyll (kramdown)'}`, did: 'all stay text: tags escaped, script links dropped, link and template syntax inert, paths safe', kept: `${HOSTILE.length} of ${HOSTILE.length} bodies readable as text`, lost: '0', corrupted: 0, escapes };
  } finally {
    rmSync(root, { recursive: true, force: true });
    void dirname;
  }
}

export const contentCases: Case[] = [
  { name: '#3a a post of 1,525 nested divs: extract completes, the page is flattened and reported', run: () => deep('3a', '1,525 nested <div>s in one post', nested(1525)) },
  { name: '#3c a post of 10,000 nested divs: extract completes, the page is flattened and reported', run: () => deep('3c', '10,000 nested <div>s in one post', nested(10_000)) },
  { name: '#3b a post of 812 unclosed <div><span>: extract completes, the page is flattened and reported', run: () => deep('3b', '812 unclosed <div><span> in one post', nested(812, '<div><span>', '')) },
  {
    name: '#4 a backslash before two backticks does not crash export markdown',
    async run() {
      const bodies = ['a \\`` b', '\\``', '`` \\`` ``', 'x \\``` y `z`'];
      const md = exportMarkdown(input(bodies.map((b, i) => post({ slug: `p${i}`, contentMarkdown: b }))), { layout: 'flat', images: 'none' });
      const files = md.files.filter((f) => /p\d\.md$/.test(f.path));
      assert.equal(files.length, bodies.length);
      for (const [i, b] of bodies.entries()) assert.ok(String(files[i]!.contents).includes(b), b);
      return { id: '4', fault: 'a backslash before two backticks in a body', did: 'exported as written', kept: `${bodies.length} of ${bodies.length} posts`, lost: '0', corrupted: 0, escapes: 0 };
    },
  },
  { name: '#5a hostile text stays text in real Hugo: no live HTML, script link, shortcode or climbing path', run: () => rendered('hugo') },
  { name: '#5b hostile text stays text in real Jekyll: no live HTML, script link, Liquid or climbing path', run: () => rendered('jekyll') },
];
