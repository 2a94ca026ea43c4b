/**
 * Signals during `snapshot` after its crawl: Ctrl-C or SIGTERM while it extracts must leave --out as it
 * was (here a previous snapshot's marker file) and exit 130 / 143 with a message.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, type Handler } from '../scrapers/crawl-site.ts';
import { startCli, until } from './cli.ts';
import type { Case } from './cases-crawl.ts';
import type { Row } from './table.ts';

const PAGES = 120;

/** Pages large enough (300 KB each) that extracting them takes a while after the crawl is done. */
function bigSite(): Record<string, string | Handler> {
  const r: Record<string, string | Handler> = { '/robots.txt': '' };
  r['/'] = Array.from({ length: PAGES }, (_, i) => `<a href="/p${i}/">${i}</a>`).join('');
  const filler = `<p>${'ord '.repeat(300)}</p>`.repeat(250);
  for (let i = 0; i < PAGES; i++) r[`/p${i}/`] = `<html><body class="single postid-${i + 1}"><div class="hentry"><h1 class="entry-title">Inlägg ${i}</h1><div class="entry-content">${filler}</div></div></body></html>`;
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

export const snapshotCases: Case[] = [
  { name: '#10a Ctrl-C during snapshot\'s extract leaves --out unchanged and exits 130', run: () => interrupt('SIGINT', 130) },
  { name: '#10b SIGTERM during snapshot\'s extract leaves --out unchanged and exits 143', run: () => interrupt('SIGTERM', 143) },
];
