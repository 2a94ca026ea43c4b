/**
 * Hostile text through the exports other than Markdown, each read back by the consumer it is for: WXR by a
 * strict XML 1.0 parser and its HTML bodies as WordPress would print them, CSV by Python's csv module (as a
 * spreadsheet would open it), JSON by JSON.parse. What was text on the old site must come back as text.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { load } from 'cheerio';
import { SaxesParser } from 'saxes';
import { extractSite } from '../../src/scrapers/extract-site.ts';
import { toWxr } from '../../src/exporters/wxr.ts';
import { toCsvText, CSV_COLUMNS } from '../../src/exporters/csv.ts';
import { toJsonFiles } from '../../src/exporters/json.ts';
import { HOSTILE, postPage } from './cases-content.ts';
import type { Case } from './cases-crawl.ts';

/** Titles that are markup, formulas, CDATA ends and controls: as the page said them, escaped in its HTML. */
const TITLES = ['<script>alert(21)</script>', '=HYPERLINK("http://evil.test/","x")', '+1-2', '@SUM(A1)', ']]><x/>', 'A & B "quoted" \'single\''];

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** WXR items' titles and content:encoded, read by saxes; throws on any well-formedness error. */
function readWxr(xml: string): { title: string; content: string }[] {
  const p = new SaxesParser({ xmlns: false });
  const items: { title: string; content: string }[] = [];
  const path: string[] = [];
  let error: Error | null = null;
  const text = (t: string) => {
    const item = items[items.length - 1];
    const here = path[path.length - 1];
    if (!item || path[path.length - 2] !== 'item') return;
    if (here === 'title') item.title += t;
    if (here === 'content:encoded') item.content += t;
  };
  p.on('error', (e) => { error ??= e; });
  p.on('opentag', (t) => { path.push(t.name); if (t.name === 'item') items.push({ title: '', content: '' }); });
  p.on('closetag', () => { path.pop(); });
  p.on('text', text);
  p.on('cdata', text);
  p.write(xml).close();
  if (error) throw error;
  return items;
}

/** Live markup in rendered HTML: elements that run script or load things, event handlers, script URLs. */
function liveMarkup(html: string): string[] {
  const $ = load(html);
  const found: string[] = [];
  $('script, iframe, object, embed, img[onerror], b').each((_, el) => { found.push(`<${(el as { name: string }).name}>`); });
  $('*').each((_, el) => {
    for (const [k, v] of Object.entries((el as { attribs?: Record<string, string> }).attribs ?? {})) {
      if (/^on/i.test(k)) found.push(`${k}=`);
      if (/^(href|src)$/i.test(k) && /^\s*(javascript|vbscript|data):/i.test(v.replace(/[\s\u0000-\u001f]/g, ''))) found.push(`${k}="${v}"`);
      if (/^href$/i.test(k) && /evil\.test\/plain-text-link/.test(v)) found.push('a link made from plain text');
    }
  });
  return found;
}

async function hostileExports() {
  const body = HOSTILE.map((h) => h.html).join('\n');
  // One post holds the hostile bodies: the same body on every page would be read as the site's template.
  const pages = TITLES.map((t, i) => postPage(`/a/post-${i}/`, escapeHtml(t), i === 0 ? body : `<p>Inlägg ${i} om ${escapeHtml(t)}.</p>`, 100 + i));
  const r = await extractSite(pages);
  assert.equal(r.posts.length, TITLES.length);
  const byTitle = new Map(r.posts.map((p) => [p.title, p]));
  assert.deepEqual([...byTitle.keys()].sort(), [...TITLES].sort(), 'extract read each title as text');

  // The record itself: a script link keeps its text, however its scheme is spelled (`vbscript:`, `JaVa&#9;ScRiPt:`).
  const scriptLinks = r.posts.flatMap((p) => p.contentMarkdown.match(/(?<!\\)\]\(\s*(javascript|vbscript|data|livescript):/gi) ?? []);
  assert.deepEqual(scriptLinks, [], 'script links in the extracted Markdown');

  const items = readWxr(toWxr('http://blog.test/a/', r.posts, []));
  // WordPress prints titles as HTML: a reader must see the text, and no markup may come alive.
  assert.deepEqual(items.map((i) => load(i.title).text()).sort(), [...TITLES].sort(), 'WXR titles as WordPress shows them');
  const live = items.flatMap((i) => [...liveMarkup(i.title), ...liveMarkup(i.content)]);
  assert.deepEqual(live, [], 'WXR bodies as WordPress would print them');
  assert.ok(items.some((i) => /<script>alert\(1\)<\/script>/.test(load(i.content).text())), 'the words stay, as text');

  const csv = toCsvText(r.posts);
  const py = spawnSync('python3', ['-c', 'import csv,io,json,sys; json.dump(list(csv.reader(io.StringIO(sys.stdin.read(), newline=""))), sys.stdout)'], { input: csv, encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  const rows = JSON.parse(py.stdout) as string[][];
  const col = CSV_COLUMNS.indexOf('title');
  const csvTitles = rows.slice(1).map((row) => row[col]!);
  const formulas = csvTitles.filter((t) => /^[=+\-@]/.test(t));
  assert.deepEqual(formulas, [], 'no CSV cell starts a formula');
  assert.deepEqual(csvTitles.map((t) => t.replace(/^'(?=[=+\-@])/, '')).sort(), [...TITLES].sort(), 'CSV titles: the text, a quote before a formula');

  const json = toJsonFiles({ posts: r.posts, pages: [], categories: r.categories, authors: r.authors, urls: r.urls }, { jsonl: false });
  const posts = JSON.parse(String(json.find((f) => f.path === 'posts.json')!.contents)) as { title: string; contentMarkdown: string }[];
  assert.deepEqual(posts.map((p) => p.title).sort(), [...TITLES].sort(), 'JSON titles');
  assert.deepEqual(posts.map((p) => p.contentMarkdown), r.posts.map((p) => p.contentMarkdown).sort(() => 0).map((_, i) => byTitle.get(posts[i]!.title)!.contentMarkdown));

  const n = TITLES.length;
  return {
    id: '5c', fault: `${n} hostile titles (markup, formulas, a CDATA end) with the ${HOSTILE.length} hostile bodies, through WXR, CSV and JSON`,
    did: 'script links dropped in the record; WXR well-formed (saxes) with inert HTML bodies; CSV read by Python with formulas quoted; JSON exact',
    kept: `${n} of ${n} posts in each format`, lost: '0', corrupted: 0, escapes: scriptLinks.length + live.length + formulas.length,
  };
}

export const exportCases: Case[] = [
  { name: '#5c hostile titles and bodies through WXR, CSV and JSON stay text for WordPress, a spreadsheet and a JSON reader', run: hostileExports },
];
