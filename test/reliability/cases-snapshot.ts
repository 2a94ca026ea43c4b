/**
 * Signals during `snapshot`: Ctrl-C or SIGTERM while it crawls, extracts or exports must leave --out as it
 * was (here a previous snapshot's marker file), exit 130 / 143 with a message, and keep the crawl for
 * --resume.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, type Handler } from '../scrapers/crawl-site.ts';
import { startCli, until } from './cli.ts';
import { partialDirOf } from '../../src/snapshot/out-dir.ts';
import { snapshotPaths } from '../../src/snapshot/layout.ts';
import type { Case } from './cases-crawl.ts';
import type { Row } from './table.ts';

const PAGES = 60;

/** Pages large enough (300 KB each) that extracting them takes a while after the crawl is done. */
function bigSite(pages = PAGES): Record<string, string | Handler> {
  const r: Record<string, string | Handler> = { '/robots.txt': '' };
  r['/'] = Array.from({ length: pages }, (_, i) => `<a href="/p${i}/">${i}</a>`).join('');
  const filler = `<p>${'ord '.repeat(300)}</p>`.repeat(250);
  for (let i = 0; i < pages; i++) r[`/p${i}/`] = `<html><body class="single postid-${i + 1}"><div class="hentry"><h1 class="entry-title">Inlägg ${i}</h1><div class="entry-content">${filler}</div></div></body></html>`;
  return r;
}

async function interrupt(signal: 'SIGINT' | 'SIGTERM', code: number): Promise<Row> {
  const site = await startSite(bigSite());
  const root = mkdtempSync(join(tmpdir(), 'naring-rel-snap-'));
  const out = join(root, 'snap');
  mkdirSync(out);
  writeFileSync(join(out, 'manifest.json'), '{"previous": true}\n');
  try {
    const c = startCli(['snapshot', 'http://blog.test/', '--out', out, '--connect-to', `blog.test:80:127.0.0.1:${site.port}`, '--rate', '1000', '--concurrency', '4', '--no-progress']);
    await until(() => /snapshot: extracting posts/.test(c.stderr()) || c.child.exitCode !== null, 120_000, 'the extract phase');
    c.child.kill(signal);
    const r = await c.done;
    assert.equal(r.code, code, r.stderr);
    assert.match(r.stderr, /interrupted during extract; .* was not changed/);
    assert.deepEqual(readdirSync(out), ['manifest.json']);
    assert.equal(readFileSync(join(out, 'manifest.json'), 'utf8'), '{"previous": true}\n');
    return { id: signal === 'SIGINT' ? '10a' : '10b', fault: `${signal} while \`snapshot\` extracts (after its crawl)`, did: `exit ${code} with a message; --out unchanged, the crawl kept for --resume`, kept: '1 of 1 previous snapshot', lost: '0', corrupted: 0, escapes: 0 };
  } finally {
    await site.close();
    rmSync(root, { recursive: true, force: true });
  }
}

const PREVIOUS = '{"previous": true}\n';

/** A folder holding a previous snapshot's marker, and a check that it still holds only that. */
function previousSnapshot(root: string): { out: string; unchanged(): void } {
  const out = join(root, 'snap');
  mkdirSync(out);
  writeFileSync(join(out, 'manifest.json'), PREVIOUS);
  return { out, unchanged: () => { assert.deepEqual(readdirSync(out), ['manifest.json']); assert.equal(readFileSync(join(out, 'manifest.json'), 'utf8'), PREVIOUS); } };
}

/** Pages archived so far by the crawl that snapshot builds beside --out. */
function archivedSoFar(out: string): number {
  try {
    return readFileSync(join(snapshotPaths(partialDirOf(out)).crawl, 'crawl-state.jsonl'), 'utf8').split('"t":"done"').length - 1;
  } catch {
    return 0;
  }
}

const SLOW_PAGES = 40;

/** Small dated posts, each answered after 40 ms: the crawl takes a while, the rest is quick. */
function slowSite(): Record<string, string | Handler> {
  const r: Record<string, string | Handler> = { '/robots.txt': '' };
  r['/'] = Array.from({ length: SLOW_PAGES }, (_, i) => `<a href="/p${i}/">${i}</a>`).join('');
  for (let i = 0; i < SLOW_PAGES; i++) {
    const html = `<html><body class="single postid-${i + 1}"><div class="hentry"><h1 class="entry-title">Inlägg ${i}</h1><time class="entry-date" datetime="2013-06-05T10:00:00+00:00">5 juni 2013</time><div class="entry-content"><p>Text ${i}.</p></div></div></body></html>`;
    r[`/p${i}/`] = (_req, res) => setTimeout(() => { res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' }); res.end(html); }, 40);
  }
  return r;
}

/** Ctrl-C while snapshot crawls (extraction runs beside it on a worker): then --resume finishes the snapshot. */
async function interruptCrawl(): Promise<Row> {
  const site = await startSite(slowSite());
  const root = mkdtempSync(join(tmpdir(), 'naring-rel-snap-'));
  const { out, unchanged } = previousSnapshot(root);
  try {
    const args = ['snapshot', 'http://blog.test/', '--out', out, '--connect-to', `blog.test:80:127.0.0.1:${site.port}`, '--rate', '1000', '--concurrency', '2', '--no-progress'];
    const c = startCli(args);
    await until(() => archivedSoFar(out) >= 10 || c.child.exitCode !== null, 120_000, 'ten pages archived');
    c.child.kill('SIGINT');
    const r = await c.done;
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /Interrupted during the crawl; .* was not changed\. Run the same command again with --resume/);
    unchanged();
    assert.ok(archivedSoFar(out) < SLOW_PAGES + 2, 'the signal came before the crawl ended');
    const again = startCli([...args, '--resume']);
    const a = await again.done;
    assert.equal(a.code, 0, a.stderr);
    const posts = JSON.parse(readFileSync(join(out, 'data', 'posts.json'), 'utf8')) as unknown[];
    assert.equal(posts.length, SLOW_PAGES);
    const summary = JSON.parse(readFileSync(join(out, 'crawl', 'crawl-summary.json'), 'utf8')) as { archived: number };
    assert.equal(summary.archived, SLOW_PAGES + 2);
    return { id: '10c', fault: 'SIGINT while `snapshot` crawls', did: 'exit 130 with a message; --out unchanged; --resume finished the snapshot', kept: `${SLOW_PAGES + 2} of ${SLOW_PAGES + 2} pages after --resume`, lost: '0', corrupted: 0, escapes: 0 };
  } finally {
    await site.close();
    rmSync(root, { recursive: true, force: true });
  }
}

const EXPORT_PAGES = 60;

/** Ctrl-C while snapshot writes its exports (Markdown of large posts): --out unchanged, the finished crawl kept. */
async function interruptExports(): Promise<Row> {
  const site = await startSite(bigSite(EXPORT_PAGES));
  const root = mkdtempSync(join(tmpdir(), 'naring-rel-snap-'));
  const { out, unchanged } = previousSnapshot(root);
  try {
    const c = startCli(['snapshot', 'http://blog.test/', '--out', out, '--connect-to', `blog.test:80:127.0.0.1:${site.port}`, '--rate', '1000', '--concurrency', '4', '--no-progress']);
    await until(() => /snapshot: writing Markdown/.test(c.stderr()) || c.child.exitCode !== null, 240_000, 'the exports');
    c.child.kill('SIGINT');
    const r = await c.done;
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /interrupted during the exports; .* was not changed\. The finished crawl is kept in .*: run the same command again with --resume to reuse it/);
    unchanged();
    const crawl = snapshotPaths(partialDirOf(out)).crawl;
    const summary = JSON.parse(readFileSync(join(crawl, 'crawl-summary.json'), 'utf8')) as { archived: number; interrupted: boolean };
    assert.deepEqual([summary.archived, summary.interrupted], [EXPORT_PAGES + 2, false]);
    assert.equal(existsSync(join(partialDirOf(out), 'manifest.json')), false);
    return { id: '10d', fault: 'SIGINT while `snapshot` exports', did: 'exit 130 with a message; --out unchanged, the finished crawl kept for --resume', kept: `1 of 1 previous snapshot; ${EXPORT_PAGES + 2} of ${EXPORT_PAGES + 2} pages crawled`, lost: '0', corrupted: 0, escapes: 0 };
  } finally {
    await site.close();
    rmSync(root, { recursive: true, force: true });
  }
}

export const snapshotCases: Case[] = [
  { name: '#10a Ctrl-C during snapshot\'s extract leaves --out unchanged and exits 130', run: () => interrupt('SIGINT', 130) },
  { name: '#10b SIGTERM during snapshot\'s extract leaves --out unchanged and exits 143', run: () => interrupt('SIGTERM', 143) },
  { name: '#10c Ctrl-C while snapshot crawls leaves --out unchanged, exits 130, and --resume finishes it', run: interruptCrawl },
  { name: '#10d Ctrl-C while snapshot exports leaves --out unchanged, exits 130, and keeps the crawl', run: interruptExports },
];
