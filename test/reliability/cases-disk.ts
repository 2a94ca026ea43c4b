/**
 * Machine faults under every command that writes: a full disk and a folder that cannot be written. Each must
 * be one line naming the fault and the fix, exit 2, and leave nothing that looks finished; after the disk is
 * made larger, `crawl --resume` completes the same crawl. Two real ways to each fault, so the cases run on
 * any machine: as root a small tmpfs (ENOSPC) and a read-only tmpfs (EROFS; root ignores permissions); as
 * anyone a file-size limit on a child process (prlimit --fsize: Node ignores SIGXFSZ, the write fails with
 * EFBIG) and a folder chmod'ed read-only, written by a user that is not root (as root: nobody, via setpriv).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

/** Unmounts; lazily when a file is still open there (a failing run must not leave the mount behind). */
function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'ignore' });
  } catch {
    execFileSync('umount', ['-l', dir]);
  }
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

/** The writing commands onto `disk`, by name. */
function commands(f: Fixture, disk: string): [string, string[]][] {
  const connect = ['--connect-to', `blog.test:80:127.0.0.1:${f.site.port}`, '--rate', '1000', '--no-progress'];
  return [
    ['crawl', ['crawl', 'http://blog.test/', '--out', join(disk, 'crawl'), ...connect]],
    ['extract', ['extract', f.crawl, '--out', join(disk, 'data'), '--no-progress']],
    ['export markdown', ['export', 'markdown', f.data, '--out', join(disk, 'md'), '--images', 'none']],
    ['snapshot', ['snapshot', 'http://blog.test/', '--out', join(disk, 'snap'), ...connect]],
  ];
}

/** Each command's exit 2, its one last line naming the fault, nothing that looks finished left on `disk`. */
function check(disk: string, names: string[], results: { code: number; stderr: string }[], fault: RegExp): { commands: number; leftovers: string[] } {
  assert.equal(results.length, names.length);
  results.forEach((r, i) => {
    assert.equal(r.code, 2, `${names[i]}: ${r.stderr}`);
    assert.match(r.stderr.trim().split('\n').at(-1)!, fault, `${names[i]}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /unexpected error|This is a bug/, names[i]);
  });
  // The crawl on a full disk stops before index.cdxj and crawl-summary.json exist: it does not look finished.
  assert.equal(existsSync(join(disk, 'crawl', 'crawl-summary.json')), false);
  return { commands: names.length, leftovers: halfWritten(disk) };
}

/** Runs each writing command onto `disk` in this process. */
async function eachCommand(f: Fixture, disk: string, fault: RegExp): Promise<{ commands: number; leftovers: string[] }> {
  const runs = commands(f, disk);
  const results = [];
  for (const [, args] of runs) results.push(await cli(args));
  return check(disk, runs.map(([n]) => n), results, fault);
}

const CHILD = fileURLToPath(new URL('./disk-child.ts', import.meta.url));

/**
 * Runs each writing command onto `disk` in one child process started by `wrap` (prlimit, setpriv). Spawned
 * asynchronously: the test site answering the child's crawl runs in this process.
 */
async function eachCommandInChild(f: Fixture, disk: string, wrap: string[], fault: RegExp): Promise<{ commands: number; leftovers: string[] }> {
  const runs = commands(f, disk);
  const argv = [...wrap, process.execPath, '--import', 'tsx', CHILD, JSON.stringify(runs.map(([, a]) => a))];
  // No tsx cache: under the size limit its cache files could not be written either.
  const child = spawn(argv[0]!, argv.slice(1), { env: { ...process.env, TSX_DISABLE_CACHE: '1', NO_COLOR: '1' }, cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  assert.equal(code, 0, `${wrap.join(' ')}: ${stderr}`);
  assert.match(stdout, /^\[/, `no results from the child: ${stderr}`);
  return check(disk, runs.map(([n]) => n), JSON.parse(stdout) as { code: number; stderr: string }[], fault);
}

/** Files under `dir` this process still holds open (a crawl stopped by a fault must close everything). */
function openUnder(dir: string): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(`${dir}/`) ? [target] : [];
    } catch {
      return []; // the fd readdir itself used, gone already
    }
  });
}

/** `crawl --resume` of the crawl a fault stopped, with room to finish: every page once, every index line right. */
async function resume(f: Fixture, c: string): Promise<{ lines: number; bad: number }> {
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
  return { lines: lines.length, bad };
}

const isRoot = process.getuid?.() === 0;

/** A full disk: a 48 kB tmpfs in this process (root), and a 1 kB file-size limit on a child (anyone). */
async function fullDisk(): Promise<Row> {
  const f = await fixture();
  try {
    let tmpfs = { commands: 0, leftovers: [] as string[], lines: 0, bad: 0, open: [] as string[] };
    if (isRoot) {
      const disk = join(f.root, 'disk');
      mount(disk, 'size=48k');
      try {
        const r = await eachCommand(f, disk, /disk is full.*\(ENOSPC\)/);
        // Every file of the stopped crawl is closed (WARC, journal, log), in this process.
        const open = openUnder(disk);
        assert.deepEqual(open, []);
        execFileSync('mount', ['-o', 'remount,size=4m', disk]);
        tmpfs = { ...r, ...(await resume(f, join(disk, 'crawl'))), open };
      } finally {
        unmount(disk);
      }
    }
    const limited = join(f.root, 'limited');
    mkdirSync(limited);
    const lim = await eachCommandInChild(f, limited, ['prlimit', '--fsize=1024', '--'], /disk is full for this file.*\(EFBIG\)/);
    const after = await resume(f, join(limited, 'crawl'));
    const leftovers = [...tmpfs.leftovers, ...lim.leftovers];
    assert.deepEqual(leftovers, []);
    const how = isRoot ? `48 kB tmpfs (ENOSPC) and a 1 kB file-size limit (prlimit --fsize: EFBIG)` : `1 kB file-size limit (prlimit --fsize: EFBIG; the tmpfs half needs root)`;
    return { id: '13c', fault: `a full disk (${how}) under crawl, extract, export markdown, snapshot`, did: `each: exit 2, one line naming the fault and the fix, no half-written file (${tmpfs.commands + lim.commands} runs); the stopped crawl closed every file (${tmpfs.open.length} left open); crawl --resume with room completes`, kept: `${tmpfs.lines + after.lines} of ${(isRoot ? 2 : 1) * (PAGES + 2)} captures after the --resume${isRoot ? 's' : ''}`, lost: '0', corrupted: tmpfs.bad + after.bad + leftovers.length, escapes: 0 };
  } finally {
    await f.site.close();
    rmSync(f.root, { recursive: true, force: true });
  }
}

/** A folder that cannot be written: a read-only tmpfs (root ignores permissions), and a chmod'ed folder written by a user that is not root. */
async function readOnly(): Promise<Row> {
  const f = await fixture();
  try {
    let ro = { commands: 0, leftovers: [] as string[] };
    if (isRoot) {
      const disk = join(f.root, 'disk');
      mount(disk, 'ro,size=1m');
      try {
        ro = await eachCommand(f, disk, /read-only.*\(EROFS\)/);
      } finally {
        unmount(disk);
      }
    }
    // The fixture readable by another user; the folder itself writable by nobody.
    for (const p of [f.root, ...walkAll(f.root)]) chmodSync(p, statSync(p).isDirectory() ? 0o755 : 0o644);
    const locked = join(f.root, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(locked, 0o555);
    const perm = await eachCommandInChild(f, locked, isRoot ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', '--'] : [], /permission denied.*\(EACCES\)/);
    assert.deepEqual(readdirSync(locked), []);
    const leftovers = [...ro.leftovers, ...perm.leftovers];
    assert.deepEqual(leftovers, []);
    const how = isRoot ? 'a read-only tmpfs (EROFS) and a chmod 555 folder written as nobody (EACCES)' : 'a chmod 555 folder (EACCES; the read-only tmpfs half needs root)';
    return { id: '13d', fault: `a --out folder that cannot be written (${how}) under crawl, extract, export markdown, snapshot`, did: `each: exit 2, one line naming the fault and "choose another --out" or the permissions; nothing written (${ro.commands + perm.commands} runs)`, kept: '-', lost: '-', corrupted: leftovers.length, escapes: 0 };
  } finally {
    await f.site.close();
    rmSync(f.root, { recursive: true, force: true });
  }
}

/** Every file and folder under `dir`, absolute. */
function walkAll(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? [p, ...walkAll(p)] : [p];
  });
}

export const diskCases: Case[] = [
  { name: '#13c a full disk (tmpfs as root, a file-size limit as anyone): crawl, extract, export and snapshot say so in one line, exit 2, the stopped crawl closes its files, and crawl --resume completes', run: fullDisk },
  { name: '#13d a folder that cannot be written (read-only tmpfs as root, chmod as anyone): crawl, extract, export and snapshot say so in one line, exit 2', run: readOnly },
];
