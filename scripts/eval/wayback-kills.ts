/**
 * `import wayback` killed with SIGKILL at random moments and resumed, against the local Wayback; the server's
 * log counts how often each archive URL (capture, 302 hop, CDX page) was asked for. Used by
 * test/scrapers/sources/wayback-resume.test.ts (a few kills) and, run alone, for many rounds:
 *   npm run eval:wayback-kills -- [rounds=10] [random-kills-per-round=3]
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SITE_DIR } from '../../src/replica/data.ts';
import { buildWaybackHistory, type Capture } from '../../src/replica/wayback-history.ts';
import { startWaybackServer } from '../../src/replica/wayback-server.ts';
import { base32, readRecordAt, surtKey } from '../../src/scrapers/archive.ts';
import { RECEIVED_DIR } from '../../src/scrapers/sources/wayback/received.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
export const KILL_PREFIX = 'http://www.naringsbloggen.se/transport/';

export interface KillRound {
  /** Milliseconds after the run's first request that each random kill came. */
  killsAtMs: number[];
  /** Archive URLs asked for more than once (with the count). */
  twice: string[];
  /**
   * Of those, the ones the archive answered less than IN_FLIGHT_MS before (or after) a kill: the request or
   * its answer was on its way, and the importer never had the bytes (no order of writes keeps what was not
   * received).
   */
  inFlight: string[];
  /** Index lines: URL, capture time, status, payload digest (compared with an import that was never killed). */
  index: string[];
  /** Index entries whose offset and length do not hold a record of that URL and digest. */
  badOffsets: string[];
  exitCode: number | null;
  /** With `afterCapture`: whether that kill came while the importer held the capture (on disk) and had not journalled it. */
  killedAfterCapture: boolean;
}

export const IN_FLIGHT_MS = 10;

const args = (out: string, origin: string, rate: number, resume: boolean) =>
  ['import', 'wayback', KILL_PREFIX, '--out', out, '--archive-base', origin, '--cdx-interval', '0', '--backoff', '300', '--rate', String(rate), '--assets', '--no-progress', ...(resume ? ['--resume'] : [])];

function run(argv: string[]): { exited: Promise<number | null>; kill(): void } {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...argv], { stdio: 'ignore' });
  return { exited: new Promise((ok) => child.on('close', (code) => ok(code))), kill: () => child.kill('SIGKILL') };
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** `url timestamp status digest` of every index line, and the entries whose bytes at offset do not say the same. */
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

export interface KillPlan {
  /** Random kills, one per run, each within `windowMs` after that run's first request to the archive. */
  kills: number;
  rate: number;
  windowMs: number;
  random?: () => number;
  /** First, one run killed once it holds the capture whose path contains `path` (or `delayMs` after it was answered). */
  afterCapture?: { path: string; delayMs: number };
}

/** One import into a fresh folder, killed as planned, then resumed to its end. */
export async function killRound(history: Capture[], plan: KillPlan): Promise<KillRound> {
  const random = plan.random ?? Math.random;
  let current: { kill(): void } | null = null;
  const servedAt = new Map<string, number>();
  const killedAt: number[] = [];
  const kill = (p: { kill(): void } | null) => { killedAt.push(performance.now()); p?.kill(); };
  const onServed = (l: { path: string }) => {
    if (!servedAt.has(l.path)) servedAt.set(l.path, performance.now());
    // The moment that matters most: the archive has answered, the importer judges and records the capture.
    // Killed once the importer holds the answer (its spool file is whole), at most `delayMs` later: on a
    // loaded machine reading 6 MB can take longer than hashing and gzipping them takes on a quiet one.
    if (plan.afterCapture && l.path.includes(plan.afterCapture.path) && killedAt.length === 0) {
      const victim = current;
      const started = performance.now();
      const name = plan.afterCapture.path.split('/').pop()!;
      const journalled = () => readFileSync(join(out, 'crawl-state.jsonl'), 'utf8').split('\n').some((line) => line.includes('"t":"done"') && line.includes(name));
      const poll = setInterval(() => {
        const dir = join(out, RECEIVED_DIR);
        const held = existsSync(dir) && readdirSync(dir).some((f) => !f.endsWith('.tmp') && statSync(join(dir, f)).size > 6 * 1024 * 1024);
        if (held || performance.now() - started > plan.afterCapture!.delayMs) { clearInterval(poll); heldAtKill = held && !journalled(); kill(victim); }
      }, 1);
    }
  };
  const server = await startWaybackServer({ captures: history, onServed });
  const tmp = mkdtempSync(join(tmpdir(), 'naring-kills-'));
  const out = join(tmp, 'crawl');
  const killsAtMs: number[] = [];
  let runs = 0;
  let killedAfterCapture = false;
  let heldAtKill = false;
  try {
    if (plan.afterCapture) {
      const p = run(args(out, server.origin, plan.rate, false));
      current = p;
      runs++;
      await p.exited;
      killedAfterCapture = killedAt.length > 0 && heldAtKill;
    }
    for (let k = 0; k < plan.kills; k++) {
      const asked = server.log.length;
      const p = run(args(out, server.origin, plan.rate, runs++ > 0));
      current = p;
      let alive = true;
      void p.exited.then(() => { alive = false; });
      while (alive && server.log.length === asked) await sleep(2);
      const at = Math.round(random() * plan.windowMs);
      await sleep(at);
      kill(p);
      await p.exited;
      killsAtMs.push(at);
    }
    const last = run(args(out, server.origin, 200, runs > 0));
    const exitCode = await last.exited;
    const counts = new Map<string, number>();
    for (const l of server.log) counts.set(l.path, (counts.get(l.path) ?? 0) + 1);
    // Each URL asked again, with how long before the nearest kill the archive had answered it the first time
    // (negative: the request reached the archive after the kill was sent).
    const again = [...counts].filter(([, n]) => n > 1).map(([path, n]) => {
      const before = killedAt.map((t) => t - servedAt.get(path)!).sort((x, y) => Math.abs(x) - Math.abs(y))[0] ?? Infinity;
      return { text: `${n}× ${path} (answered ${before.toFixed(1)} ms before a kill)`, inFlight: Math.abs(before) < IN_FLIGHT_MS };
    });
    return { killsAtMs, twice: again.map((a) => a.text), inFlight: again.filter((a) => a.inFlight).map((a) => a.text), exitCode, killedAfterCapture, ...(await checkIndex(out)) };
  } finally {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The history with one large capture added under the prefix (6 MB that do not compress, as a PDF or a video
 * is; taken since the runs pass --assets): the importer spends a while hashing and gzipping it after it has
 * arrived, which is where a kill used to make --resume ask for it again.
 */
export function withLargeCapture(history: Capture[]): { history: Capture[]; path: string } {
  const url = `${KILL_PREFIX}files/rapport-2016.pdf`;
  const body = randomBytes(6 * 1024 * 1024);
  const big: Capture = {
    urlkey: surtKey(url), timestamp: '20160305120000', original: url, mimetype: 'application/pdf', statuscode: '200',
    digest: base32(createHash('sha1').update(body).digest()), replayTimestamp: '20160305120000', unlisted: false,
    reply: { status: 200, headers: { 'Content-Type': 'application/pdf', 'Content-Length': body.length }, body },
  };
  const all = [...history, big].sort((x, y) => (x.urlkey < y.urlkey ? -1 : x.urlkey > y.urlkey ? 1 : x.timestamp < y.timestamp ? -1 : 1));
  return { history: all, path: '/transport/files/rapport-2016.pdf' };
}

/** The import never killed: what every killed-and-resumed one must equal. */
export async function referenceIndex(history: Capture[]): Promise<string[]> {
  const r = await killRound(history, { kills: 0, rate: 200, windowMs: 0 });
  return r.index;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rounds = Number(process.argv[2] ?? 10);
  const kills = Number(process.argv[3] ?? 3);
  const { history, path } = withLargeCapture(await buildWaybackHistory(DEFAULT_SITE_DIR));
  const reference = await referenceIndex(history);
  let killed = 0, twice = 0, inFlight = 0, wrong = 0;
  for (let i = 0; i < rounds; i++) {
    // Every other round starts with a kill once the large capture is received.
    const r = await killRound(history, { kills, rate: 10, windowMs: 2500, ...(i % 2 === 0 ? { afterCapture: { path, delayMs: 2000 } } : {}) });
    killed += r.killsAtMs.length + (i % 2 === 0 ? 1 : 0);
    twice += r.twice.length;
    inFlight += r.inFlight.length;
    const differs = r.index.join('\n') !== reference.join('\n') || r.badOffsets.length > 0 || r.exitCode !== 0;
    if (differs) wrong++;
    console.log(`round ${i + 1}: ${i % 2 === 0 ? 'kill once the large capture is received, then ' : ''}kills at ${r.killsAtMs.join(', ')} ms; asked twice: ${r.twice.length ? r.twice.join(' ') : 0} (in flight at a kill: ${r.inFlight.length}); index ${differs ? `DIFFERS (exit ${r.exitCode}, bad offsets ${r.badOffsets.length})` : 'as never killed'}`);
  }
  console.log(`${rounds} rounds, ${killed} SIGKILLs: ${twice} archive URLs asked twice (${inFlight} of them answered < ${IN_FLIGHT_MS} ms before a kill), ${wrong} rounds whose index differs from the import never killed (${reference.length} URLs)`);
}
