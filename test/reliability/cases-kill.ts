/**
 * SIGKILL twice in a row (the crawl, then its --resume, each killed mid-way), then a third run resumes:
 * every page archived exactly once and every index line pointing at its own record.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite } from '../scrapers/crawl-site.ts';
import { badIndexLines, crawlArgs, slowSite, type Case } from './cases-crawl.ts';
import { startCli, until } from './cli.ts';
import type { Row } from './table.ts';

const N = 24;

async function twice(): Promise<Row> {
  const site = await startSite(slowSite(N, 40));
  const dir = join(mkdtempSync(join(tmpdir(), 'naring-rel-kill-')), 'crawl');
  try {
    for (const [run, at] of [[0, 6], [1, 6]] as const) {
      const seen = site.requests.length;
      const c = startCli(crawlArgs(site, dir, ...(run > 0 ? ['--resume'] : [])));
      await until(() => site.requests.length >= seen + at || c.child.exitCode !== null, 60_000, `run ${run} to make ${at} requests`);
      c.child.kill('SIGKILL');
      const r = await c.done;
      assert.equal(r.signal, 'SIGKILL', `run ${run} finished before the kill: ${r.stderr}`);
    }
    const last = await startCli(crawlArgs(site, dir, '--resume')).done;
    assert.equal(last.code, 0, last.stderr);
    const urls = readFileSync(join(dir, 'index.cdxj'), 'utf8').trim().split('\n').map((l) => l.split(' ')[0]);
    const { lines, bad } = await badIndexLines(dir);
    assert.equal(new Set(urls).size, urls.length, 'a page archived twice');
    assert.equal(lines, N + 2);
    assert.equal(bad, 0);
    return { id: 'k2', fault: 'SIGKILL twice in a row (the crawl, then its --resume), then --resume', did: 'the third run completes: each page once, every index line right', kept: `${lines} of ${N + 2} captures`, lost: '0', corrupted: bad, escapes: 0 };
  } finally {
    await site.close();
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
}

export const killCases: Case[] = [{ name: 'SIGKILL twice in a row, then --resume: each page once, the index right', run: twice }];
