/**
 * The benchmark's pure parts: reading GNU time's report, medians, and the goals as pass/short.
 * Kept apart from bench/run.ts (which spawns nginx and the peers) so test/bench/lib.test.ts can hold them.
 */

/** One timed run of one peer. */
export interface Sample {
  wallS: number;
  /** user + sys, the process and its children. */
  cpuS: number;
  rssMb: number;
  /** What the peer fetched or read (pages; wget: files on disk). */
  pages: number;
}

export interface TimeReport {
  wallS: number;
  userS: number;
  sysS: number;
  maxRssKb: number;
  exitStatus: number;
}

/** "1:02:03.45", "2:03.45" or "3.45" (GNU time's elapsed field) in seconds. */
export function parseElapsed(s: string): number {
  const parts = s.trim().split(':').map(Number);
  if (parts.length === 0 || parts.some((n) => !Number.isFinite(n))) throw new Error(`GNU time: elapsed "${s}" is not h:mm:ss or m:ss`);
  return parts.reduce((acc, n) => acc * 60 + n, 0);
}

/** Reads what `/usr/bin/time -v` writes (to its -o file): wall, user, sys, peak RSS, exit status. */
export function parseGnuTime(text: string): TimeReport {
  const field = (label: string): string => {
    const line = text.split('\n').find((l) => l.trim().startsWith(label));
    if (line === undefined) throw new Error(`GNU time output has no "${label}" line: is /usr/bin/time GNU time (Debian package "time")?`);
    // "\tElapsed (wall clock) time (h:mm:ss or m:ss): 0:04.12": the value follows the last ": "
    return line.slice(line.lastIndexOf(': ') + 2).trim();
  };
  return {
    wallS: parseElapsed(field('Elapsed (wall clock) time')),
    userS: Number(field('User time (seconds)')),
    sysS: Number(field('System time (seconds)')),
    maxRssKb: Number(field('Maximum resident set size (kbytes)')),
    exitStatus: Number(field('Exit status')),
  };
}

/** The middle value (the lower middle for an even count, so it is always a measured run). */
export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

export interface Summary {
  wallS: number;
  cpuS: number;
  rssMb: number;
  /** The largest peak RSS over the rounds (medians hide the worst round). */
  rssMaxMb: number;
  pages: number;
  pagesPerS: number;
  rounds: number;
}

export function summarize(samples: Sample[]): Summary {
  const wallS = median(samples.map((s) => s.wallS));
  const pages = median(samples.map((s) => s.pages));
  return {
    wallS,
    cpuS: median(samples.map((s) => s.cpuS)),
    rssMb: median(samples.map((s) => s.rssMb)),
    rssMaxMb: Math.max(...samples.map((s) => s.rssMb)),
    pages,
    pagesPerS: wallS > 0 ? pages / wallS : 0,
    rounds: samples.length,
  };
}

/** Results: size (posts) → peer name → summary. */
export type Results = Map<number, Map<string, Summary>>;

export interface Goal {
  text: string;
  /** null: not measured in this run (say what is missing). */
  pass: boolean | null;
  measured: string;
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

/** The goals, each pass / short / not measured, from the medians. */
export function goals(results: Results): Goal[] {
  const at = (size: number, peer: string) => results.get(size)?.get(peer);
  const out: Goal[] = [];
  const snap = at(2000, 'naring-archive snapshot');
  const wget = at(2000, 'wget --mirror');
  const bare = at(2000, 'bare undici+cheerio');
  const crawlee = at(2000, 'Crawlee CheerioCrawler');
  out.push(snap && wget
    ? { text: 'snapshot (crawl + extract + exports) at 2,000 posts faster than wget --mirror alone', pass: snap.wallS < wget.wallS, measured: `${f2(snap.wallS)} s vs ${f2(wget.wallS)} s (${f2(snap.wallS / wget.wallS)}×)` }
    : { text: 'snapshot at 2,000 posts faster than wget --mirror alone', pass: null, measured: 'not measured (needs size 2000 and peers snapshot, wget)' });
  out.push(snap && bare
    ? { text: 'snapshot at 2,000 posts within 1.5× of the bare undici + cheerio limit', pass: snap.wallS <= 1.5 * bare.wallS, measured: `${f2(snap.wallS)} s vs ${f2(bare.wallS)} s (${f2(snap.wallS / bare.wallS)}×)` }
    : { text: 'snapshot at 2,000 posts within 1.5× of the bare limit', pass: null, measured: 'not measured (needs size 2000 and peers snapshot, bare)' });
  if (snap && crawlee && snap.pages > 0 && crawlee.pages > 0) {
    const ours = snap.wallS / snap.pages;
    const theirs = crawlee.wallS / crawlee.pages;
    out.push({ text: 'snapshot at least 5× faster than Crawlee per page (2,000 posts)', pass: theirs >= 5 * ours, measured: `${f2(ours * 1000)} ms/page vs ${f2(theirs * 1000)} ms/page (${f1(theirs / ours)}×)` });
  } else {
    out.push({ text: 'snapshot at least 5× faster than Crawlee per page', pass: null, measured: 'not measured (needs size 2000 and peers snapshot, crawlee)' });
  }
  const sizes = [...results.keys()].sort((a, b) => a - b);
  const extracts = sizes.map((n) => [n, at(n, 'naring-archive extract')] as const).filter((x): x is readonly [number, Summary] => x[1] !== undefined);
  out.push(extracts.length > 0
    ? { text: 'extract alone ≥ 1,000 pages/s', pass: extracts.every(([, s]) => s.pagesPerS >= 1000), measured: extracts.map(([n, s]) => `${n.toLocaleString('en-US')} posts: ${s.pagesPerS.toFixed(0)} pages/s`).join('; ') }
    : { text: 'extract alone ≥ 1,000 pages/s', pass: null, measured: 'not measured (needs peer extract)' });
  for (const peer of ['naring-archive crawl', 'naring-archive extract', 'naring-archive snapshot']) {
    const s = at(50000, peer);
    const name = peer.replace('naring-archive ', '');
    out.push(s
      ? { text: `${name}: peak RSS < 250 MB at 50,000 posts`, pass: s.rssMaxMb < 250, measured: `${s.rssMaxMb.toFixed(0)} MB (largest of ${s.rounds} round${s.rounds === 1 ? '' : 's'})` }
      : { text: `${name}: peak RSS < 250 MB at 50,000 posts`, pass: null, measured: 'not measured at 50,000 posts in this run' });
  }
  return out;
}

export function goalLine(g: Goal): string {
  const mark = g.pass === null ? 'not measured' : g.pass ? 'pass' : 'short';
  return `${mark.padEnd(12)} ${g.text}: ${g.measured}`;
}

/** Replaces what lies between the two marker lines of `doc` (the markers stay); appends both if absent. */
export function replaceBetween(doc: string, begin: string, end: string, body: string): string {
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) return `${doc.trimEnd()}\n\n${begin}\n${body}\n${end}\n`;
  return `${doc.slice(0, i + begin.length)}\n${body}\n${doc.slice(j)}`;
}
