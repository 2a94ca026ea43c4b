/**
 * Machine faults under every command that writes: a full disk (a small tmpfs) and a read-only folder
 * (a read-only tmpfs). Each must be one line naming the fault and the fix, exit 2, and leave nothing that
 * looks finished; after the disk is made larger, `crawl --resume` completes the same crawl.
 * The suite runs as root (CI does): mounting is how a real full disk is made, not a simulated error.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { crawlSite } from '../../src/scrapers/crawl.ts';
import { readRecordAt } from '../../src/scrapers/archive.ts';
import { startSite, testOptions, type Handler, type Site } from '../scrapers/crawl-site.ts';
import { main } from '../../src/cli.ts';
import type { Case } from './cases-crawl.ts';
import type { Row } from './table.ts';

const PAGES = 30;

/** Pages of random (incompressible) text, so 30 of them outgrow a 48 kB disk. */
function routes(): Record<string, string | Handler> {
  const r: Record<string, string | Handler> = { '/robots.txt': '' };
  r['/'] = Array.from({ length: PAGES }, (_, i) => `<a href="/p${i}/">${i}</a>`).join('');
  for (let i = 0; i < PAGES; i++) r[`/p${i}/`] = `<html><body class="single postid-${i + 1}"><div class="hentry"><h1 class="entry-title">Post ${i}</h1><time class="entry-date" datetime="2013-06-0${1 + (i % 9)}T10:00:00+02:00">x</time><div class="entry-content"><p>${randomBytes(1500).toString('base64')}</p></div></div></body></html>`;
  return r;
}

function mount(dir: string, opts: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir]);
}

/** Every file under `dir`, relative. */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n), base) : [join(dir, n).slice(base.length + 1)]));
}

/** Files a run leaves that look finished but are not: JSON that does not parse, a temporary left over. */
function halfWritten(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return walk(dir).filter((f) => /\.tmp-|\.new-|\.old-/.test(f) || (f.endsWith('.json') && !parses(readFileSync(join(dir, f), 'utf8'))));
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The CLI in this process (a spawned one costs seconds of start-up each), its stderr captured. */
async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr += String(chunk); return true; }) as typeof process.stderr.write;
  try {
    return { code: await main(['node', 'naring-archive', ...args]), stderr };
  } finally {
    process.stderr.write = write;
  }
}

interface Fixture { site: Site; root: string; crawl: string; data: string }

async function fixture(): Promise<Fixture> {
  const site = await startSite(routes());
  const root = mkdtempSync(join(tmpdir(), 'naring-rel-disk-'));
  const crawl = join(root, 'crawl');
  await crawlSite(testOptions(site, crawl));
  const data = join(root, 'data');
  const r = await cli(['extract', crawl, '--out', data, '--no-progress']);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return { site, root, crawl, data };
}

/** Runs each writing command onto `disk` and checks the one line, exit 2, and what is left there. */
async function eachCommand(f: Fixture, disk: string, fault: RegExp): Promise<{ commands: number; leftovers: string[] }> {
  const connect = ['--connect-to', `blog.test:80:127.0.0.1:${f.site.port}`, '--rate', '1000', '--no-progress'];
  const runs: [string, string[]][] = [
    ['crawl', ['crawl', 'http://blog.test/', '--out', join(disk, 'crawl'), ...connect]],
    ['extract', ['extract', f.crawl, '--out', join(disk, 'data'), '--no-progress']],
    ['export markdown', ['export', 'markdown', f.data, '--out', join(disk, 'md'), '--images', 'none']],
    ['snapshot', ['snapshot', 'http://blog.test/', '--out', join(disk, 'snap'), ...connect]],
  ];
  const leftovers: string[] = [];
  for (const [name, args] of runs) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${name}: ${r.stderr}`);
    const last = r.stderr.trim().split('\n').at(-1)!;
    assert.match(last, fault, `${name}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /unexpected error|This is a bug/, name);
    leftovers.push(...halfWritten(disk));
  }
  // The crawl on a full disk stops before index.cdxj and crawl-summary.json exist: it does not look finished.
  assert.equal(existsSync(join(disk, 'crawl', 'crawl-summary.json')), false);
  return { commands: runs.length, leftovers };
}

async function run(readOnly: boolean): Promise<Row> {
  const f = await fixture();
  const disk = join(f.root, 'disk');
  try {
    mount(disk, readOnly ? 'ro,size=1m' : 'size=48k');
    try {
      const { commands, leftovers } = await eachCommand(f, disk, readOnly ? /read-only.*\(EROFS\)/ : /disk is full.*\(ENOSPC\)/);
      assert.deepEqual(leftovers, []);
      if (readOnly) return { id: '13d', fault: 'a read-only --out folder (read-only tmpfs) under crawl, extract, export markdown, snapshot', did: `each: exit 2, one line naming EROFS and "choose another --out"; nothing written (${commands} commands)`, kept: '-', lost: '-', corrupted: leftovers.length, escapes: 0 };
      // The disk made larger: the crawl it stopped goes on with --resume and every index line is right.
      execFileSync('mount', ['-o', 'remount,size=4m', disk]);
      const c = join(disk, 'crawl');
      const r = await cli(['crawl', 'http://blog.test/', '--out', c, '--resume', '--connect-to', `blog.test:80:127.0.0.1:${f.site.port}`, '--rate', '1000', '--no-progress']);
      assert.equal(r.code, 0, r.stderr);
      const lines = readFileSync(join(c, 'index.cdxj'), 'utf8').trim().split('\n');
      let bad = 0;
      for (const line of lines) {
        const j = JSON.parse(line.slice(line.indexOf(' {') + 1)) as { url: string; filename: string; offset: string; length: string };
        if ((await readRecordAt(c, j.filename, Number(j.offset), Number(j.length)))?.url !== j.url) bad++;
      }
      assert.equal(bad, 0);
      assert.equal(new Set(lines.map((l) => l.split(' ')[0])).size, PAGES + 2);
      return { id: '13c', fault: 'a full disk (48 kB tmpfs) under crawl, extract, export markdown, snapshot', did: `each: exit 2, one line naming ENOSPC and the fix, no half-written file (${commands} commands); crawl --resume on a larger disk completes`, kept: `${lines.length} of ${PAGES + 2} captures after --resume`, lost: '0', corrupted: bad + leftovers.length, escapes: 0 };
    } finally {
      // Lazy: a crawl stopped by ENOSPC in this process may still hold its WARC open until it is collected.
      execFileSync('umount', ['-l', disk]);
    }
  } finally {
    await f.site.close();
    rmSync(f.root, { recursive: true, force: true });
  }
}

export const diskCases: Case[] = [
  { name: '#13c a full disk: crawl, extract, export and snapshot say so in one line, exit 2, and crawl --resume completes', run: () => run(false) },
  { name: '#13d a read-only folder: crawl, extract, export and snapshot say so in one line, exit 2', run: () => run(true) },
];
