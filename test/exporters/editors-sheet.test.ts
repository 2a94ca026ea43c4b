/**
 * The editors' sheet and the URL plan through the CLI: `export csv --rules --delimiter ';'` pre-fills new_url
 * with where the redirect map sends each post, page and category; the sheet, edited, is read back by the
 * redirect export (a bad row named by file and line); `export markdown --rules` and `export wxr` write what
 * the generators and importers need.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { splitFrontMatter } from '../../src/exporters/front-matter.ts';
import { loadRules, parseCsv, planRedirects, type RedirectRules } from '../../src/exporters/redirects/index.ts';
import type { PostRecord, UrlEntry } from '../../src/types.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { command as csvCommand } from '../../src/commands/export-csv.ts';
import { command as markdownCommand } from '../../src/commands/export-markdown.ts';
import { command as wxrCommand } from '../../src/commands/export-wxr.ts';
import { UsageError } from '../../src/errors.ts';
import { tempDir, writeDataDir } from './redirects/helpers.ts';

const RULES = join(ROOT, 'fixtures/rules/naringsbloggen.yaml');
const load = <T>(name: string): T => JSON.parse(readFileSync(join(ROOT, 'fixtures', name), 'utf8')) as T;

/** Runs a command in-process, as cli.ts would, without its summary line on stderr (each CLI spawn costs seconds). */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const write = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return await fn();
  } finally {
    process.stderr.write = write;
  }
}

describe("the editors' sheet and the URL plan from the command line", () => {
  let dir: string;
  let data: string;
  let posts: PostRecord[];
  let pages: PostRecord[];
  let rules: RedirectRules;
  let targetOf: Map<string, string>;

  before(async () => {
    dir = await tempDir('editors-sheet');
    posts = load<PostRecord[]>('EXPECTED.json');
    pages = load<PostRecord[]>('EXPECTED-pages.json');
    data = await writeDataDir(join(dir, 'data'), { posts, pages, urls: load<UrlEntry[]>('site-urls.json') });
    rules = await loadRules(RULES);
    // Where the redirect map sends each old URL, computed by the redirect planner alone.
    targetOf = new Map(planRedirects({ posts, pages, urls: load<UrlEntry[]>('site-urls.json') }, rules).rows.map((r) => [r.from, r.to]));
  });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  test("export csv --rules --delimiter ';': posts, pages and categories, new_url = the redirect map's target", async () => {
    assert.equal(await quietly(() => csvCommand.run([data], { out: join(dir, 'sheet.csv'), rules: RULES, delimiter: ';' })), 0);
    const text = readFileSync(join(dir, 'sheet.csv'), 'utf8');
    const [header, ...rows] = parseCsv(text, ';');
    assert.deepEqual(header!.slice(0, 1), ['url']);
    const col = (name: string): number => header!.indexOf(name);
    const byKind = (k: string): string[][] => rows.filter((c) => c[col('kind')] === k);
    assert.equal(byKind('post').length, posts.length);
    assert.equal(byKind('page').length, pages.length);
    const cats = new Set(posts.flatMap((p) => p.categories.map((c) => c.url)));
    assert.equal(byKind('category').length, cats.size);
    for (const row of rows) {
      assert.equal(row.length, header!.length, `${row[0]}: one cell per column`);
      assert.equal(row[col('new_url')], targetOf.get(row[0]!), `${row[0]}: new_url is where the map sends it`);
    }
    assert.ok(text.split('\r\n')[0]!.includes(';') && !text.split('\r\n')[0]!.includes(','), 'the header is split by semicolons');
  });

  test("the sheet read back by export redirects --map: an edited row moves that post; a bad row is named by line", async () => {
    const text = readFileSync(join(dir, 'sheet.csv'), 'utf8');
    const lines = text.split('\r\n');
    const post = posts[3]!;
    const at = lines.findIndex((l) => l.startsWith(`${post.url};`));
    assert.ok(at > 0);
    const edited = [...lines];
    edited[at] = edited[at]!.replace(/;https:\/\/www\.regeringen\.se\/[^;]*;post$/, ';/naringsbloggen/flyttad/;post');
    assert.notEqual(edited[at], lines[at]);
    await writeFile(join(dir, 'edited.csv'), edited.join('\r\n'));
    const withMap = planRedirects({ posts, pages, urls: load<UrlEntry[]>('site-urls.json') }, await loadRules(RULES, { extraMap: join(dir, 'edited.csv') }));
    assert.deepEqual(withMap.problems, []);
    const moved = withMap.rows.filter((r) => r.to === 'https://www.regeringen.se/naringsbloggen/flyttad/');
    assert.ok(moved.some((r) => r.from === post.url), 'the edited post goes to its new place');
    for (const r of withMap.rows) if (r.to !== 'https://www.regeringen.se/naringsbloggen/flyttad/') assert.equal(r.to, targetOf.get(r.from) ?? r.to, `${r.from}: unchanged`);

    const bad = [...lines];
    bad[at] = bad[at]!.replace(/;https:\/\/www\.regeringen\.se\/[^;]*;post$/, ';https://evil.example/;post');
    await writeFile(join(dir, 'bad.csv'), bad.join('\r\n'));
    const r = await runCli(['export', 'redirects', data, '--rules', RULES, '--map', join(dir, 'bad.csv'), '--format', 'csv', '--out', join(dir, 'redirects.csv')]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`bad\\.csv:${at + 1}: .*evil\\.example.*allowHosts`));
    assert.equal(readdirSync(dir).includes('redirects.csv'), false, 'nothing written');
  });

  test('export markdown --layout hugo --rules writes the config and the planned url:, export wxr one file per blog; wrong flags exit 2', async () => {
    const r = await runCli(['export', 'markdown', data, '--out', join(dir, 'hugo'), '--layout', 'hugo', '--rules', RULES, '--images', 'link', '--site-title', 'Näringsbloggen']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(readFileSync(join(dir, 'hugo', 'hugo.toml'), 'utf8'), /baseURL = "https:\/\/www\.regeringen\.se\/"\ntitle = "Näringsbloggen"/);
    const md = readdirSync(join(dir, 'hugo', 'content'), { recursive: true }).map(String).filter((p) => p.endsWith('index.md'));
    const urls = new Map(md.map((p) => { const fm = splitFrontMatter(readFileSync(join(dir, 'hugo', 'content', p), 'utf8')).data!; return [fm.original_url, fm.url]; }));
    for (const p of posts) assert.equal(urls.get(p.url), decodeURIComponent(new URL(targetOf.get(p.url)!).pathname), `${p.url}: url: is the redirect target`);

    assert.equal(await quietly(() => wxrCommand.run([data], { out: join(dir, 'wxr') })), 0);
    await assert.rejects(quietly(() => markdownCommand.run([data], { out: join(dir, 'flat'), layout: 'flat', images: 'link', rules: RULES })), (e: Error) => e instanceof UsageError && /^--rules: .*--layout hugo/.test(e.message));
    await assert.rejects(quietly(() => csvCommand.run([data], { out: join(dir, 'x.csv'), map: join(dir, 'sheet.csv'), delimiter: ',' })), (e: Error) => e instanceof UsageError && /^--map: .*add --rules FILE/.test(e.message));
    assert.deepEqual(readdirSync(join(dir, 'wxr')).filter((f) => !f.startsWith('.')).sort(), [...new Set(posts.map((p) => p.blog))].sort().map((b) => `${b}.wxr.xml`));

    // A second export into the folder replaces the first whole: no Hugo file is left beside the Jekyll site.
    assert.equal(await quietly(() => markdownCommand.run([data], { out: join(dir, 'hugo'), layout: 'jekyll', images: 'link', siteTitle: 'x' })), 0);
    const left = readdirSync(join(dir, 'hugo'));
    assert.ok(left.includes('_config.yml') && !left.includes('hugo.toml') && !left.includes('content'), `one layout only: ${left.join(' ')}`);
    // A folder holding files no export wrote is refused, and kept as it was.
    await writeFile(join(dir, 'mine', 'notes.txt'), 'x').catch(async () => { await mkdir(join(dir, 'mine')); await writeFile(join(dir, 'mine', 'notes.txt'), 'x'); });
    await assert.rejects(quietly(() => markdownCommand.run([data], { out: join(dir, 'mine'), layout: 'hugo', images: 'link', siteTitle: 'x' })), (e: Error) => e instanceof UsageError && /holds files that no export wrote/.test(e.message));
    assert.deepEqual(readdirSync(join(dir, 'mine')), ['notes.txt']);
  });
});
