/**
 * The demo's report.html and browsable copy as a reader sees them, in headless Chromium (Debian's chromium
 * through playwright-core), and its WACZ opened by an independent reader (python3's zipfile). One demo run
 * serves every test of the file. Screenshots go to test-output/screenshots/ for a person to look at.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load } from 'cheerio';
import type { Browser } from 'playwright-core';
import type { PostRecord } from '../../src/types.ts';
import { launchBrowser, SCREENSHOTS, seriousViolations, watchPage } from '../helpers/browser.ts';
import { ROOT, runCli } from '../helpers/cli.ts';

const tmp = await mkdtemp(join(tmpdir(), 'naring-browser-'));
const out = join(tmp, 'demo');
let browser: Browser | null = null;
after(async () => { await browser?.close(); await rm(tmp, { recursive: true, force: true }); });

let demoRun: ReturnType<typeof runCli> | null = null;
const demo = () => (demoRun ??= runCli(['demo', '--out', out, '--no-progress'], { timeoutMs: 300_000 }));
const getBrowser = async () => (browser ??= await launchBrowser());
const expected = JSON.parse(await readFile(join(ROOT, 'fixtures', 'EXPECTED.json'), 'utf8')) as PostRecord[];

/** The URL each post's page was captured at (EXPECTED.json is the truth about the site, not about a crawl). */
async function captureUrls(): Promise<Map<string, string>> {
  const posts = JSON.parse(await readFile(join(out, 'data', 'posts.json'), 'utf8')) as PostRecord[];
  return new Map(posts.map((p) => [p.url, p.capture?.url ?? p.url]));
}

async function walk(dir: string): Promise<string[]> {
  const outFiles: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) outFiles.push(...(await walk(p)));
    else outFiles.push(p);
  }
  return outFiles;
}

test('demo: the summary on the command line and the report\'s cards show the same numbers', async () => {
  const r = await demo();
  assert.equal(r.code, 0, r.stderr);
  const html = await readFile(join(out, 'report.html'), 'utf8');
  const card = (key: string) => Number(new RegExp(`data-number="${key.replace('.', '\\.')}"><b>(\\d+)</b>`).exec(html)?.[1]);
  const m = (re: RegExp) => { const x = re.exec(r.stderr); assert.ok(x, `${re} in\n${r.stderr}`); return x.slice(1).map(Number); };
  const [archived, failed, clientErrors] = m(/crawl: +(\d+) URLs archived, (\d+) failed, (\d+) answered 4xx/);
  const [posts, pages, urls] = m(/data: +(\d+) posts, (\d+) pages, (\d+) old URLs/);
  const [markdown] = m(/markdown: +(\d+) files/);
  const [rows, , byMap, byRule, byFallback] = m(/redirects: +(\d+) rows in 8 formats \((\d+) old URLs: (\d+) by map, (\d+) by rule, (\d+) by fallback/);
  const [files] = m(/manifest: +(\d+) files/);
  assert.deepEqual(
    { archived, failed, clientErrors, posts, pages, urls, markdown, rows, byMap, byRule, byFallback, files },
    { archived: card('archived'), failed: card('failed'), clientErrors: card('clientErrors'), posts: card('posts'), pages: card('pages'), urls: card('urls'),
      markdown: card('markdownFiles'), rows: card('redirectRows'), byMap: card('coverage.map'), byRule: card('coverage.rule'), byFallback: card('coverage.fallback'), files: card('files') });
  // And they are the folder's own counts, not just equal to each other.
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { files: unknown[] };
  assert.equal(files, manifest.files.length + 1);
  assert.equal(posts, expected.length);
  const summary = JSON.parse(await readFile(join(out, 'crawl', 'crawl-summary.json'), 'utf8')) as { clientErrors: unknown[] };
  assert.equal(clientErrors, summary.clientErrors.length);
});

test('report.html in Chromium: no console errors, every post with its new URL, search filters, headings sort, axe finds nothing serious', async () => {
  await demo();
  const b = await getBrowser();
  const url = pathToFileURL(join(out, 'report.html')).href;
  const page = await b.newPage({ viewport: { width: 1280, height: 900 } });
  const seen = watchPage(page);
  await page.goto(url);
  // Every post of the replica, its old URL linking to the row whose target redirects.json gives it.
  const rows = await page.$$eval('#posts-table tbody tr', (trs) => (trs as HTMLTableRowElement[]).map((tr) => ({
    old: (tr.cells[5]?.querySelector('a') as HTMLAnchorElement | null)?.getAttribute('href') ?? '',
    to: (tr.cells[6]?.querySelector('a') as HTMLAnchorElement | null)?.getAttribute('href') ?? '',
    title: tr.cells[0]?.textContent ?? '',
  })));
  const redirects = JSON.parse(await readFile(join(out, 'redirects', 'redirects.json'), 'utf8')) as Array<{ from: string; to: string }>;
  const target = new Map(redirects.map((x) => [x.from, x.to]));
  assert.equal(rows.length, expected.length);
  for (const p of expected) {
    const row = rows.find((x) => x.old === p.url);
    assert.ok(row, `no row for ${p.url}`);
    assert.equal(row.title, p.title);
    assert.equal(row.to, target.get(p.url), p.url);
  }
  // Search: a title narrows the table to the rows holding it.
  const query = expected.find((p) => p.title.includes('–'))!.title;
  await page.fill('#post-search', query.toUpperCase());
  const visible = await page.$$eval('#posts-table tbody tr:not([hidden])', (trs) => (trs as HTMLTableRowElement[]).map((tr) => tr.cells[0]?.textContent ?? ''));
  assert.ok(visible.length >= 1 && visible.length < expected.length, `${visible.length} rows shown`);
  for (const t of visible) assert.ok(t.toLowerCase().includes(query.toLowerCase()), t);
  assert.match(await page.textContent('#post-count') ?? '', new RegExp(`^${visible.length} of ${expected.length} shown$`));
  await page.fill('#post-search', '');
  // Sorting by date: ascending after one click.
  await page.click('#posts-table thead th:nth-child(3) button');
  const dates = await page.$$eval('#posts-table tbody tr', (trs) => (trs as HTMLTableRowElement[]).map((tr) => tr.cells[2]?.textContent ?? ''));
  assert.deepEqual(dates, [...dates].sort());
  assert.equal(await page.getAttribute('#posts-table thead th:nth-child(3)', 'aria-sort'), 'ascending');
  await page.screenshot({ path: join(SCREENSHOTS, 'report-desktop.png') });
  await page.evaluate(() => document.getElementById('charts')?.scrollIntoView());
  await page.screenshot({ path: join(SCREENSHOTS, 'report-charts.png') });
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.requests, []);
  await page.close();

  const phone = await b.newPage({ viewport: { width: 390, height: 844 }, bypassCSP: true });
  await phone.goto(url);
  // On a phone the page does not scroll sideways: tables wrap or scroll inside their own region.
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the page is wider than the phone');
  await phone.evaluate(() => document.getElementById('posts')?.scrollIntoView());
  await phone.screenshot({ path: join(SCREENSHOTS, 'report-phone.png') });
  assert.deepEqual(await seriousViolations(phone), []);
  // Printed: no search box or contents bar, and the tables are not cut off by a scroll region.
  await phone.emulateMedia({ media: 'print' });
  assert.equal(await phone.$eval('.search', (el) => getComputedStyle(el).display), 'none');
  assert.equal(await phone.$eval('#posts-table', (el) => getComputedStyle(el.parentElement!).overflowX), 'visible');
  await phone.pdf({ path: join(SCREENSHOTS, 'report-print.pdf') });
  await phone.close();
});

test('report.html without JavaScript: the whole post table is there, the search box stays hidden', async () => {
  await demo();
  const b = await getBrowser();
  const ctx = await b.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(pathToFileURL(join(out, 'report.html')).href);
  assert.equal(await page.locator('#posts-table tbody tr').count(), expected.length);
  assert.equal(await page.isVisible('#post-search'), false);
  await ctx.close();
});

test('report.html links each post to its Markdown file and its page in the browsable copy, and both exist', async () => {
  await demo();
  const $ = load(await readFile(join(out, 'report.html'), 'utf8'));
  const browse = $('.meta a').filter((_, a) => $(a).text() === 'the archived pages, as a static copy').attr('href') ?? '';
  assert.equal(browse, 'site/_naring-archive/index.html');
  const rows = $('#posts-table tbody tr').toArray();
  assert.equal(rows.length, expected.length);
  for (const tr of rows) {
    const hrefs = $(tr).find('td').last().find('a').toArray().map((a) => [$(a).text(), $(a).attr('href') ?? ''] as const);
    assert.deepEqual(hrefs.map(([t]) => t), ['Markdown', 'archived page'], $(tr).text());
    for (const [, href] of hrefs) assert.ok(existsSync(join(out, ...decodeURIComponent(href).split('/'))), href);
    const md = await readFile(join(out, ...decodeURIComponent(hrefs[0]![1]).split('/')), 'utf8');
    assert.ok(md.includes(`original_url: "${$(tr).find('td').eq(5).find('a').attr('href')}"`), hrefs[0]![1]);
  }
});

const OLD_HOSTS = /^https?:\/\/(www\.)?naringsbloggen\.se(\/|$)/i;

test('export site: a link checker over the copy finds no link out to the old site and no missing page or image', async () => {
  await demo();
  const site = join(out, 'site');
  const files = await walk(site);
  const pages = files.filter((f) => f.endsWith('.html'));
  assert.ok(pages.length > expected.length, `${pages.length} pages`);
  const problems: string[] = [];
  let checked = 0;
  for (const file of pages) {
    const $ = load(await readFile(file, 'utf8'));
    $('a[href], link[href], img[src], script[src], source[src], iframe[src]').each((_, el) => {
      const ref = $(el).attr('href') ?? $(el).attr('src') ?? '';
      const where = `${relative(site, file)}: ${ref}`;
      if (OLD_HOSTS.test(ref)) { problems.push(`links out to the old site: ${where}`); return; }
      if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('#') || ref.startsWith('//')) return;
      const path = decodeURIComponent(ref.split('#')[0]!.split('?')[0]!);
      checked++;
      if (!existsSync(join(dirname(file), path))) problems.push(`missing: ${where}`);
    });
    $('img[srcset]').each((_, el) => { problems.push(`srcset left in ${relative(site, file)}`); void el; });
  }
  assert.deepEqual(problems.slice(0, 20), []);
  assert.ok(checked > 10_000, `${checked} links checked`);
  // Every post's page is in the copy, at the path its URL index names.
  const index = JSON.parse(await readFile(join(site, '_naring-archive', 'urls.json'), 'utf8')) as Array<{ url: string; path: string | null }>;
  const byUrl = new Map(index.map((e) => [e.url, e.path]));
  const captured = await captureUrls();
  for (const p of expected) {
    const path = byUrl.get(captured.get(p.url) ?? '');
    assert.ok(path && existsSync(join(site, path)), p.url);
  }
});

test('export site: an archived page in Chromium shows the banner, loads nothing from outside the copy, and logs no error', async () => {
  await demo();
  const b = await getBrowser();
  const post = expected.find((p) => p.images.length > 0 && p.comments.length > 0) ?? expected[0]!;
  const capturedAt = (await captureUrls()).get(post.url)!;
  const index = JSON.parse(await readFile(join(out, 'site', '_naring-archive', 'urls.json'), 'utf8')) as Array<{ url: string; path: string | null }>;
  const path = index.find((e) => e.url === capturedAt)!.path!;
  const page = await b.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const seen = watchPage(page);
  await page.goto(pathToFileURL(join(out, 'site', path)).href);
  assert.equal(await page.textContent('h1.entry-title, h1'), post.title);
  assert.match(await page.textContent('#naring-archive-banner') ?? '', new RegExp(`archived copy of ${capturedAt.replace(/[.?*+()[\]]/g, '\\$&')}, captured \\d{4}-\\d{2}-\\d{2}`));
  // Every image on the page loaded from the copy (naturalWidth 0 means a broken image).
  const broken = await page.$$eval('img', (imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth === 0).map((i) => i.getAttribute('src')));
  assert.deepEqual(broken, []);
  assert.ok(await page.locator('img').count() > 0, 'the post has images');
  await page.screenshot({ path: join(SCREENSHOTS, 'site-post.png'), fullPage: true });
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.requests, []);
  // The whole page: the banner is ours, the rest is the replica's markup, rewritten.
  assert.deepEqual(await seriousViolations(page), []);
  // Following a link between posts stays in the copy.
  await page.click('a[rel="prev"], .nav-previous a, a:has-text("←")');
  assert.ok(page.url().startsWith(pathToFileURL(join(out, 'site')).href), page.url());
  await page.close();
});

test('export wacz: python3 zipfile opens it, WARCs are stored, every hash and size holds, every index line opens its record', async () => {
  await demo();
  const wacz = join(tmp, 'demo.wacz');
  const r = await runCli(['export', 'wacz', out, '--out', wacz]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /export wacz: 1 WARC file\(s\), \d+ captures, \d+ pages/);
  const check = spawnSync('python3', [join(ROOT, 'test', 'snapshot', 'check-wacz.py'), wacz], { encoding: 'utf8' });
  assert.equal(check.status, 0, `${check.stdout}\n${check.stderr}`);
  const report = JSON.parse(check.stdout) as { names: string[]; pages: Array<{ url: string; title: string }>; records: number };
  assert.deepEqual(report.names.filter((n) => !n.startsWith('archive/')), ['indexes/index.cdxj', 'pages/pages.jsonl', 'datapackage.json', 'datapackage-digest.json']);
  const titles = new Map(report.pages.map((p) => [p.url, p.title]));
  const captured = await captureUrls();
  for (const p of expected) assert.equal(titles.get(captured.get(p.url) ?? ''), p.title, p.url);
  assert.ok(report.records > expected.length, `${report.records} index lines opened`);
  const again = join(tmp, 'again.wacz');
  assert.equal((await runCli(['export', 'wacz', out, '--out', again])).code, 0);
  assert.ok((await readFile(wacz)).equals(await readFile(again)), 'packing the same crawl twice gives the same bytes');
});
