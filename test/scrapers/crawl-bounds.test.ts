/**
 * --max-archive-size: the bound on disk use. The crawl stops taking new URLs once its archived responses reach
 * the size, says so in the summary (stoppedBy, the closing lines) and counts earlier runs on --resume.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { crawlSite } from '../../src/scrapers/crawl.ts';
import { addCrawlOptions, resolveCrawlOptions } from '../../src/scrapers/crawl-options.ts';
import { formatSummary } from '../../src/scrapers/crawl-summary.ts';
import { startSite, testOptions } from './crawl-site.ts';

const PAGES = 20;

/** Pages of 20 kB that gzip cannot shrink much (random hex), so the archive grows about 10 kB a page. */
function site(): Record<string, string> {
  const r: Record<string, string> = { '/robots.txt': '' };
  r['/'] = Array.from({ length: PAGES }, (_, i) => `<a href="/p${i}/">${i}</a>`).join('');
  for (let i = 0; i < PAGES; i++) r[`/p${i}/`] = `<html><body><p>${randomBytes(10_000).toString('hex')}</p></body></html>`;
  return r;
}

test('--max-archive-size stops the crawl once the archive holds that much, says so, and counts earlier runs on --resume', async () => {
  const s = await startSite(site());
  const dir = mkdtempSync(join(tmpdir(), 'naring-bounds-'));
  try {
    const out = join(dir, 'crawl');
    const bound = 60_000;
    const first = await crawlSite({ ...testOptions(s, out), concurrency: 1, maxArchiveBytes: bound });
    assert.equal(first.summary.stoppedBy, 'max-archive-size');
    assert.ok(first.summary.archived < PAGES, `${first.summary.archived} archived`);
    assert.ok(first.summary.archived >= 4, 'it stopped at the size, not at once');
    assert.ok(first.summary.queuedNotFetched > 0);
    assert.match(formatSummary(first.summary, out), /Stopped by --max-archive-size with \d+ URLs still queued/);
    // A resume under the same bound fetches nothing new: the earlier run's records count.
    const again = await crawlSite({ ...testOptions(s, out), concurrency: 1, maxArchiveBytes: bound, resume: true });
    assert.equal(again.summary.archived, first.summary.archived);
    const all = await crawlSite({ ...testOptions(s, out), concurrency: 1, maxArchiveBytes: 10 * bound, resume: true });
    assert.equal(all.summary.stoppedBy, null);
    assert.equal(all.summary.archived, PAGES + 2);
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--max-archive-size is in --help with its default (20 GB), takes decimals, and refuses nonsense', () => {
  assert.match(addCrawlOptions(new Command()).helpInformation().replace(/\s+/g, ' '), /--max-archive-size <gb> .*?disk use \(default: "20"\)/);
  assert.equal(resolveCrawlOptions(['http://h/'], {}, '/tmp/x').maxArchiveBytes, 20e9);
  assert.equal(resolveCrawlOptions(['http://h/'], { maxArchiveSize: '0.5' }, '/tmp/x').maxArchiveBytes, 5e8);
  assert.throws(() => resolveCrawlOptions(['http://h/'], { maxArchiveSize: '0' }, '/tmp/x'), /--max-archive-size "0": expected a size in GB, e.g. --max-archive-size 50/);
});
