/**
 * The peers of the benchmark: how each one is run (each at its best on the same pages) and how many pages
 * it fetched or read. Every run gets a fresh folder; `timed` measures it with GNU time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseGnuTime, type Sample } from './lib.ts';

export interface PeerContext {
  origin: string;
  /** Fresh folder of this run (created empty). */
  dir: string;
  /** The crawl folder of this round's `crawl` run (for extract). */
  crawlDir: string;
  naringBin: string;
  benchDir: string;
  concurrency: number;
}

export interface Peer {
  key: string;
  name: string;
  /** argv; env extras. */
  command(c: PeerContext): { argv: string[]; env?: Record<string, string>; okExit?: number[] };
  pages(c: PeerContext, stdout: string): number;
}

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? countFiles(join(dir, e.name)) : 1;
  return n;
}

const archived = (crawlDir: string): number =>
  (JSON.parse(readFileSync(join(crawlDir, 'crawl-summary.json'), 'utf8')) as { archived: number }).archived;
const lastJson = (stdout: string): { pages?: number } => JSON.parse(stdout.trim().split('\n').pop() || '{}') as { pages?: number };

/** naring-archive's crawl flags, the same for crawl, crawl --extract and snapshot: no politeness delay, no page bound. */
const crawlFlags = (c: PeerContext) => ['--concurrency', String(c.concurrency), '--rate', '100000', '--max-pages', '10000000', '--no-progress', '--json'];

export const PEERS: Peer[] = [
  {
    key: 'wget', name: 'wget --mirror',
    // One connection (wget has no other); ?replytocom= copies rejected, as the other peers skip them.
    // Exit 8: the site's deliberate 404s; 3: a file/folder name clash on disk (/om and /om/), which wget
    // reports and goes on.
    command: (c) => ({ argv: ['wget', '--mirror', '--quiet', '--reject-regex', '[?&]replytocom=', '-P', join(c.dir, 'mirror'), `${c.origin}/`], okExit: [0, 3, 8] }),
    pages: (c) => countFiles(join(c.dir, 'mirror')),
  },
  {
    key: 'bare', name: 'bare undici+cheerio',
    command: (c) => ({ argv: ['node', join(c.benchDir, 'peers/bare.mjs'), `${c.origin}/`, String(c.concurrency)] }),
    pages: (_c, out) => lastJson(out).pages ?? 0,
  },
  {
    key: 'crawlee', name: 'Crawlee CheerioCrawler',
    command: (c) => ({ argv: ['node', join(c.benchDir, 'peers/crawlee.mjs'), `${c.origin}/`, String(c.concurrency)], env: { CRAWLEE_STORAGE_DIR: join(c.dir, 'storage') } }),
    pages: (_c, out) => lastJson(out).pages ?? 0,
  },
  {
    key: 'crawl', name: 'naring-archive crawl',
    command: (c) => ({ argv: ['node', c.naringBin, 'crawl', `${c.origin}/`, '--out', c.crawlDir, ...crawlFlags(c)] }),
    pages: (c) => archived(c.crawlDir),
  },
  {
    key: 'extract', name: 'naring-archive extract',
    // Pages = the archive's records it reads (the crawl's archived count), as the issue counts them.
    command: (c) => ({ argv: ['node', c.naringBin, 'extract', c.crawlDir, '--out', join(c.dir, 'data'), '--no-progress'] }),
    pages: (c) => archived(c.crawlDir),
  },
  {
    key: 'crawl-extract', name: 'naring-archive crawl --extract',
    command: (c) => ({ argv: ['node', c.naringBin, 'crawl', `${c.origin}/`, '--out', join(c.dir, 'crawl'), '--extract', join(c.dir, 'data'), ...crawlFlags(c)] }),
    pages: (c) => archived(join(c.dir, 'crawl')),
  },
  {
    key: 'snapshot', name: 'naring-archive snapshot',
    command: (c) => ({ argv: ['node', c.naringBin, 'snapshot', `${c.origin}/`, '--out', join(c.dir, 'snap'), ...crawlFlags(c)] }),
    pages: (c) => archived(join(c.dir, 'snap', 'crawl')),
  },
];

/** Runs argv under `/usr/bin/time -v`; throws with the tail of stderr unless it exits with an accepted status. */
export function timed(argv: string[], dir: string, env: Record<string, string> = {}, okExit = [0]): { sample: Omit<Sample, 'pages'>; stdout: string } {
  const tfile = join(dir, '..', `${dir.split('/').pop()}.time`);
  const r = spawnSync('/usr/bin/time', ['-v', '-o', tfile, ...argv], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw new Error(`${argv[0]}: ${r.error.message}`);
  const t = parseGnuTime(readFileSync(tfile, 'utf8'));
  if (!okExit.includes(t.exitStatus)) throw new Error(`${argv.join(' ')} exited ${t.exitStatus}:\n${r.stderr.slice(-2000)}`);
  return { sample: { wallS: t.wallS, cpuS: t.userS + t.sysS, rssMb: t.maxRssKb / 1024 }, stdout: r.stdout };
}
