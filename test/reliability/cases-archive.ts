/**
 * Damaged archives: flipped bytes, a cut tail, an empty file, a file that is no WARC. Each is named (file,
 * offset), the records after the damage are still read, and an archive with nothing readable is exit 2.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawlSite } from '../../src/scrapers/crawl.ts';
import { readArchive, type ArchiveDamage } from '../../src/scrapers/archive-reader.ts';
import { extractArchive } from '../../src/scrapers/extract-site.ts';
import { command as extractCommand } from '../../src/commands/extract.ts';
import { startSite, testOptions, type Handler } from '../scrapers/crawl-site.ts';
import type { Case } from './cases-crawl.ts';
import type { Row } from './table.ts';

const PAGES = 60;
const WARC = join('archive', 'crawl-00000.warc.gz');

/** One crawl of PAGES small pages, copied fresh for each case. */
let master: string | null = null;
async function crawlFolder(): Promise<string> {
  if (!master) {
    const routes: Record<string, string | Handler> = { '/robots.txt': '' };
    routes['/'] = Array.from({ length: PAGES }, (_, i) => `<a href="/p${i}/">${i}</a>`).join('');
    for (let i = 0; i < PAGES; i++) routes[`/p${i}/`] = `<h1>Sida ${i}</h1><p>${'text '.repeat(200 + i)}</p>`;
    const site = await startSite(routes);
    master = mkdtempSync(join(tmpdir(), 'naring-rel-warc-'));
    try {
      await crawlSite(testOptions(site, master, { concurrency: 1 }));
    } finally {
      await site.close();
    }
  }
  const copy = mkdtempSync(join(tmpdir(), 'naring-rel-warc-copy-'));
  cpSync(master, copy, { recursive: true });
  return copy;
}

async function readAll(dir: string): Promise<{ urls: Set<string>; damage: ArchiveDamage[] }> {
  const urls = new Set<string>();
  const damage: ArchiveDamage[] = [];
  for await (const r of readArchive(dir, { onDamage: (d) => damage.push(d) })) urls.add(r.url);
  return { urls, damage };
}

async function damaged(id: string, fault: string, harm: (file: string) => void, check: (r: { urls: Set<string>; damage: ArchiveDamage[]; total: number }) => void): Promise<Row> {
  const dir = await crawlFolder();
  try {
    const total = (await readAll(dir)).urls.size;
    harm(join(dir, WARC));
    const r = await readAll(dir);
    check({ ...r, total });
    const result = await extractArchive(dir);
    const named = result.report.problems.filter((p) => p.stage === 'archive');
    assert.ok(named.length > 0 && named.every((p) => p.url === 'archive/crawl-00000.warc.gz' && /^byte \d+: /.test(p.reason)), JSON.stringify(named));
    assert.ok(result.report.summary.errors >= named.length); // errors > 0: extract exits 1
    return { id, fault, did: `exit 1; extract-report.json names the file and byte offset (${r.damage.length} place(s))`, kept: `${r.urls.size} of ${total} responses`, lost: String(total - r.urls.size), corrupted: 0, escapes: 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function unreadable(id: string, fault: string, harm: (file: string) => void, message: RegExp): Promise<Row> {
  const dir = await crawlFolder();
  try {
    harm(join(dir, WARC));
    const err = await extractArchive(dir).then(() => null, (e: Error & { exitCode?: number }) => e);
    assert.ok(err, 'extract did not fail');
    assert.equal(err.exitCode, 2);
    assert.match(err.message, message);
    assert.match(err.message, /crawl-00000\.warc\.gz/);
    return { id, fault, did: 'exit 2 naming the file and what is wrong with it', kept: '0 (nothing readable)', lost: '-', corrupted: 0, escapes: 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const archiveCases: Case[] = [
  {
    name: '#2a 16 bytes flipped a third of the way in: named with file and offset, later records still read',
    run: () => {
      let member = 0;
      return damaged('2a', '16 bytes flipped inside the response record a third of the way into the WARC', (file) => {
        const buf = readFileSync(file);
        // The capture nearest a third of the file (from index.cdxj), hit in its middle: the same record on
        // every run, although gzip sizes vary with the random record ids.
        const entries = readFileSync(join(file, '..', '..', 'index.cdxj'), 'utf8').trim().split('\n').map((l) => JSON.parse(l.slice(l.indexOf(' {') + 1)) as { offset: string; length: string });
        const third = buf.length / 3;
        const e = entries.reduce((a, b) => (Math.abs(Number(b.offset) - third) < Math.abs(Number(a.offset) - third) ? b : a));
        member = Number(e.offset);
        const at = member + Math.floor(Number(e.length) / 2);
        for (let i = 0; i < 16; i++) buf[at + i] = buf[at + i]! ^ 0xff;
        writeFileSync(file, buf);
      }, ({ urls, damage, total }) => {
        assert.equal(damage.length, 1, JSON.stringify(damage));
        assert.equal(damage[0]!.offset, member);
        assert.equal(urls.size, total - 1); // one member holds one record: only the hit one is lost
      });
    },
  },
  {
    name: '#2b a WARC cut short (torn tail): named, every record before it read',
    run: () => damaged('2b', 'the last 100 bytes of the WARC cut off', (file) => truncateSync(file, statSync(file).size - 100), ({ urls, damage, total }) => {
      assert.equal(damage.length, 1);
      assert.match(damage[0]!.reason, /ends inside/);
      assert.equal(urls.size, total - 1);
    }),
  },
  { name: '#2c an empty WARC file is exit 2, not 0 posts and exit 0', run: () => unreadable('2c', 'an empty (0-byte) WARC file', (file) => truncateSync(file, 0), /empty file/) },
  {
    name: '#15 extract --out FILE says so before reading the archive',
    async run() {
      const dir = await crawlFolder();
      try {
        writeFileSync(join(dir, WARC), 'not read: the flag is checked first');
        const file = join(dir, 'data.json');
        writeFileSync(file, '{}');
        await assert.rejects(extractCommand.run([dir], { out: file }), /^UsageError: --out .*data\.json: is a file, not a folder/);
        return { id: '15', fault: '`extract --out` naming an existing file', did: 'exit 2 naming --out, before the archive is read', kept: '-', lost: '-', corrupted: 0, escapes: 0 };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  { name: '#2d a mislabelled WARC (HTML named .warc.gz) is exit 2', run: () => unreadable('2d', 'an HTML page saved as crawl-00000.warc.gz', (file) => writeFileSync(file, '<!doctype html><p>not a WARC</p>'), /neither gzip nor WARC/) },
];
