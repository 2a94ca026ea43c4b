/**
 * `import wayback` killed with SIGKILL at random moments and resumed, against the local Wayback; the server's
 * log counts how often each archive URL (capture, 302 hop, CDX page) was asked for. Used by
 * test/scrapers/sources/wayback-resume.test.ts (a few kills) and, run alone, for many rounds:
 *   npm run eval:wayback-kills -- [rounds=10] [kills-per-round=3]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SITE_DIR } from '../../src/replica/data.ts';
import { buildWaybackHistory, type Capture } from '../../src/replica/wayback-history.ts';
import { startWaybackServer } from '../../src/replica/wayback-server.ts';
import { readRecordAt } from '../../src/scrapers/archive.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
export const KILL_PREFIX = 'http://www.naringsbloggen.se/transport/';

export interface KillRound {
  /** Milliseconds after the run's first request that each kill came. */
  killsAtMs: number[];
  /** Archive URLs asked for more than once (with the count). */
  twice: string[];
  /** Index lines: URL, capture time, status, payload digest (compared with an import that was never killed). */
  index: string[];
  /** Index entries whose offset and length do not hold a record of that URL and digest. */
  badOffsets: string[];
  exitCode: number | null;
}

const args = (out: string, origin: string, rate: number, resume: boolean) =>
  ['import', 'wayback', KILL_PREFIX, '--out', out, '--archive-base', origin, '--cdx-interval', '0', '--backoff', '300', '--rate', String(rate), '--no-progress', ...(resume ? ['--resume'] : [])];

function run(argv: string[]): { exited: Promise<number | null>; kill(): void } {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...argv], { stdio: 'ignore' });
  return { exited: new Promise((ok) => child.on('close', (code) => ok(code))), kill: () => child.kill('SIGKILL') };
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** `url status digest` of every index line, and the entries whose bytes at offset do not say the same. */
export async function checkIndex(out: string): Promise<{ index: string[]; badOffsets: string[] }> {
  const index: string[] = [];
  const badOffsets: string[] = [];
  for (const line of readFileSync(join(out, 'index.cdxj'), 'utf8').trim().split('\n')) {
    const j = JSON.parse(line.slice(line.indexOf('{'))) as { url: string; status: string; digest: string; filename: string; offset: string; length: string };
    index.push(`${j.url} ${line.split(' ')[1]} ${j.status} ${j.digest}`);
    const rec = await readRecordAt(out, j.filename, Number(j.offset), Number(j.length));
    if (!rec || rec.url !== j.url || rec.payloadDigest !== j.digest || String(rec.status) !== String(j.status)) badOffsets.push(`${j.url} @${j.offset}`);
  }
  return { index: index.sort(), badOffsets };
}

/**
 * One import into a fresh folder, SIGKILLed `kills` times (each at a random moment within `windowMs` after
 * that run's first request to the archive), then resumed to its end.
 */
export async function killRound(history: Capture[], opts: { kills: number; rate: number; windowMs: number; random?: () => number; afterCapture?: { nth: number; delayMs: number } }): Promise<KillRound> {
  const random = opts.random ?? Math.random;
  let current: { kill(): void } | null = null;
  let captures = 0;
  // The moment that matters most: just after the archive has answered a capture, while the importer judges
  // and records it.
  const onServed = opts.afterCapture ? (l: { path: string }) => {
    if (!l.path.startsWith('/web/') || ++captures !== opts.afterCapture!.nth) return;
    const victim = current;
    setTimeout(() => victim?.kill(), opts.afterCapture!.delayMs);
  } : undefined;
  const server = await startWaybackServer({ captures: history, onServed });
  const tmp = mkdtempSync(join(tmpdir(), 'naring-kills-'));
  const out = join(tmp, 'crawl');
  const killsAtMs: number[] = [];
  try {
    for (let k = 0; k < opts.kills; k++) {
      const asked = server.log.length;
      const p = run(args(out, server.origin, opts.rate, k > 0));
      current = p;
      if (opts.afterCapture && k === 0) {
        await p.exited;
        killsAtMs.push(-1);
        continue;
      }
      let alive = true;
      void p.exited.then(() => { alive = false; });
      while (alive && server.log.length === asked) await sleep(2);
      const at = Math.round(random() * opts.windowMs);
      await sleep(at);
      p.kill();
      await p.exited;
      killsAtMs.push(at);
    }
    const last = run(args(out, server.origin, 200, opts.kills > 0));
    const exitCode = await last.exited;
    const counts = new Map<string, number>();
    for (const l of server.log) counts.set(l.path, (counts.get(l.path) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1).map(([p, n]) => `${n}× ${p}`);
    return { killsAtMs, twice, exitCode, ...(await checkIndex(out)) };
  } finally {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The import never killed: what every killed-and-resumed one must equal. */
export async function referenceIndex(history: Capture[]): Promise<string[]> {
  const r = await killRound(history, { kills: 0, rate: 200, windowMs: 0 });
  return r.index;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rounds = Number(process.argv[2] ?? 10);
  const kills = Number(process.argv[3] ?? 3);
  const history = await buildWaybackHistory(DEFAULT_SITE_DIR);
  const reference = await referenceIndex(history);
  let killed = 0, twice = 0, wrong = 0;
  for (let i = 0; i < rounds; i++) {
    const r = await killRound(history, { kills, rate: 10, windowMs: 2500 });
    killed += r.killsAtMs.length;
    twice += r.twice.length;
    const differs = r.index.join('\n') !== reference.join('\n') || r.badOffsets.length > 0 || r.exitCode !== 0;
    if (differs) wrong++;
    console.log(`round ${i + 1}: kills at ${r.killsAtMs.join(', ')} ms; asked twice: ${r.twice.length ? r.twice.join(' ') : 0}; index ${differs ? `DIFFERS (exit ${r.exitCode}, bad offsets ${r.badOffsets.length})` : 'as never killed'}`);
  }
  console.log(`${rounds} rounds, ${killed} SIGKILLs: ${twice} archive URLs asked twice, ${wrong} rounds whose index differs from the import never killed (${reference.length} URLs)`);
}
