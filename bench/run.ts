/**
 * `npm run bench`: side-by-side benchmark of naring-archive against wget --mirror, Crawlee's CheerioCrawler
 * and a bare undici + cheerio script, on generated replicas served by nginx on loopback. Rounds are
 * interleaved (every peer's round 1, then every peer's round 2, …), each run in a fresh folder, measured
 * with GNU time. Prints the tables and the goals, and rewrites the generated part of
 * docs/benchmarks.md. Not part of `npm test`. See docs/benchmarks.md for the flags.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goalLine, goals, replaceBetween, summarize, type Results, type Sample } from './lib.ts';
import { PEERS, timed, type PeerContext } from './peers.ts';
import { BEGIN, END, describeMachine, renderReport, sizeTable } from './report.ts';
import { loadSizes, saveSize } from './store.ts';
import { ensureSite, startNginx } from './site.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench', 'out');
const STORE = join(OUT, 'results');

const USAGE = `usage: npm run bench -- [--sizes 2000,10000,50000] [--rounds 3 | --rounds 3,1,1] [--peers LIST]
         [--peers-at SIZE=LIST] [--crawlee-max 2000] [--naring DIR] [--no-build] [--port 18080]
         [--concurrency 4] [--no-write] [--render-only]
  peers: ${PEERS.map((p) => p.key).join(',')} (crawl-extract only when the build has crawl --extract)
`;

function fail(msg: string): never {
  process.stderr.write(`bench: ${msg}\n${USAGE}`);
  process.exit(2);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) fail(`--${name} needs a value`);
  return v;
}
const numbers = (flag: string, s: string): number[] => s.split(',').map((x) => {
  if (!/^\d+$/.test(x.trim()) || Number(x) < 1) fail(`--${flag} "${s}": expected whole numbers separated by commas, e.g. --${flag} ${flag === 'sizes' ? '2000,10000' : '3'}`);
  return Number(x);
});

function options() {
  if (process.argv.includes('--help') || process.argv.includes('-h')) { process.stdout.write(USAGE); process.exit(0); }
  const sizes = numbers('sizes', arg('sizes') ?? '2000,10000,50000');
  const r = numbers('rounds', arg('rounds') ?? '3');
  if (r.length !== 1 && r.length !== sizes.length) fail(`--rounds: give one count, or one per size (${sizes.length})`);
  const keys = PEERS.map((p) => p.key);
  const list = (s: string) => s.split(',').map((k) => { if (!keys.includes(k)) fail(`unknown peer "${k}"`); return k; });
  const peers = list(arg('peers') ?? keys.join(','));
  const peersAt = new Map<number, string[]>();
  process.argv.forEach((a, i) => {
    if (a !== '--peers-at') return;
    const m = /^(\d+)=(.+)$/.exec(process.argv[i + 1] ?? '');
    if (!m) fail('--peers-at: expected SIZE=LIST, e.g. --peers-at 50000=crawl,extract,snapshot');
    peersAt.set(Number(m[1]), list(m[2]!));
  });
  const naring = resolve(arg('naring') ?? ROOT);
  if (!existsSync(join(naring, 'bin', 'naring-archive.js'))) fail(`--naring ${naring}: no bin/naring-archive.js there; give a naring-archive checkout`);
  return {
    sizes, rounds: sizes.map((_, i) => r[r.length === 1 ? 0 : i]!), peers, peersAt, naring,
    crawleeMax: Number(arg('crawlee-max') ?? '2000'),
    port: Number(arg('port') ?? '18080'),
    concurrency: Number(arg('concurrency') ?? '4'),
    build: !process.argv.includes('--no-build'),
    write: !process.argv.includes('--no-write'),
    renderOnly: process.argv.includes('--render-only'),
  };
}

/** Rewrites the generated part of docs/benchmarks.md (between the markers) from every stored size. */
function writeDoc(machine: string[]): void {
  const path = join(ROOT, 'docs', 'benchmarks.md');
  writeFileSync(path, replaceBetween(readFileSync(path, 'utf8'), BEGIN, END, renderReport(loadSizes(STORE), machine)));
  log(`wrote the generated part of ${path}`);
}

const shellQuote = (a: string) => (/^[\w./:=,@+-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`);

const log = (s: string) => process.stderr.write(`${s}\n`);

async function main(): Promise<void> {
  const o = options();
  if (spawnSync('/usr/bin/time', ['--version'], { encoding: 'utf8' }).status !== 0) fail('GNU time is missing: apt-get install time');
  if (o.build) {
    log(`building naring-archive in ${o.naring} …`);
    const b = spawnSync('npm', ['run', 'build', '--silent'], { cwd: o.naring, stdio: 'inherit' });
    if (b.status !== 0) fail(`npm run build failed in ${o.naring}`);
  }
  const naringBin = join(o.naring, 'bin', 'naring-archive.js');
  const hasCrawlExtract = execFileSync('node', [naringBin, 'crawl', '--help'], { encoding: 'utf8' }).includes('--extract');
  const crawleeVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/@crawlee/cheerio/package.json'), 'utf8')) as { version: string }).version;
  const machine = describeMachine(o.naring, crawleeVersion);
  log(machine.join('\n'));
  if (o.renderOnly) return writeDoc(machine);
  const origin = `http://127.0.0.1:${o.port}`;
  const results: Results = new Map();
  mkdirSync(OUT, { recursive: true });
  for (const [si, size] of o.sizes.entries()) {
    const site = await ensureSite(OUT, size, origin, log);
    const rounds = o.rounds[si]!;
    const commands = new Map<string, string>();
    const notes: string[] = [];
    if (!hasCrawlExtract) notes.push('this build has no `crawl --extract`: not measured');
    const startedAt = new Date().toISOString().slice(0, 16) + 'Z';
    const loadStart = loadavg();
    const wanted = o.peersAt.get(size) ?? o.peers;
    const peers = PEERS.filter((p) => wanted.includes(p.key))
      .filter((p) => p.key !== 'crawl-extract' || hasCrawlExtract)
      .filter((p) => p.key !== 'crawlee' || size <= o.crawleeMax);
    if (wanted.includes('crawlee') && size > o.crawleeMax) notes.push(`Crawlee skipped at ${size.toLocaleString('en-US')} posts (above --crawlee-max ${o.crawleeMax}: it is slow)`);
    if (peers.some((p) => p.key === 'extract') && !peers.some((p) => p.key === 'crawl')) fail('peer extract reads the crawl of the same round: add peer crawl');
    const nginx = await startNginx(site, join(OUT, `nginx-${o.port}`), origin);
    const bySize = new Map<string, Sample[]>();
    const runs = join(OUT, `runs-${o.port}`); // per port: two benchmarks on two ports do not clobber each other
    try {
      for (let round = 1; round <= rounds; round++) {
        rmSync(runs, { recursive: true, force: true });
        for (const peer of peers) {
          const ctx: PeerContext = { origin, dir: join(runs, peer.key), crawlDir: join(runs, 'crawl', 'crawl'), naringBin, benchDir: join(ROOT, 'bench'), concurrency: o.concurrency };
          mkdirSync(ctx.dir, { recursive: true });
          const cmd = peer.command(ctx);
          commands.set(peer.name, [...Object.entries(cmd.env ?? {}).map(([k, v]) => `${k}=${v}`), ...cmd.argv.map(shellQuote)].join(' ').replaceAll(ROOT, '').replaceAll(o.naring, ''));
          const t = timed(cmd.argv, ctx.dir, cmd.env, cmd.okExit);
          const sample: Sample = { ...t.sample, pages: peer.pages(ctx, t.stdout) };
          (bySize.get(peer.name) ?? bySize.set(peer.name, []).get(peer.name)!).push(sample);
          log(`${size} posts, round ${round}/${rounds}, ${peer.name}: ${sample.wallS.toFixed(2)} s wall, ${sample.cpuS.toFixed(2)} s CPU, ${sample.rssMb.toFixed(0)} MB, ${sample.pages} pages`);
          // extract reads this round's crawl; every other folder goes as soon as it is measured (disk at 50,000 posts)
          if (peer.key !== 'crawl') rmSync(ctx.dir, { recursive: true, force: true });
        }
        // after every round, so a run stopped early (a busy machine, a deadline) keeps the rounds it finished
        saveSize(STORE, {
          size, rounds: round, htmlBytes: site.htmlBytes, startedAt, finishedAt: new Date().toISOString().slice(0, 16) + 'Z',
          loadStart, loadEnd: loadavg(), build: machine.find((l) => l.includes('build:'))!.replace(/^.*commit (\S+).*?( \(with uncommitted changes\))?$/, '$1$2'),
          samples: [...bySize], commands: [...commands], notes,
        });
        if (o.write) writeDoc(machine);
      }
    } finally {
      nginx.kill('SIGTERM');
      await new Promise((r) => nginx.once('exit', r));
      rmSync(runs, { recursive: true, force: true });
    }
    results.set(size, new Map([...bySize].map(([k, v]) => [k, summarize(v)])));
    process.stdout.write(`\n${size} posts, ${rounds} round(s):\n${sizeTable(results.get(size)!, bySize).join('\n')}\n`);
  }
  process.stdout.write(`\nGoals:\n${goals(results).map(goalLine).join('\n')}\n`);
}

main().catch((err: unknown) => { process.stderr.write(`bench: ${(err as Error).stack}\n`); process.exit(2); });
