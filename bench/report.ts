/**
 * The generated part of docs/benchmarks.md: the machine, the exact commands, one table per size, the goals.
 * Written between two marker lines so the hand-written intro above and the hand section below stay.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { goalLine, goals, summarize, type Results, type Sample, type Summary } from './lib.ts';
import type { SizeRecord } from './store.ts';

export const BEGIN = '<!-- bench:begin (written by `npm run bench`; edits between these markers are lost) -->';
export const END = '<!-- bench:end -->';

function firstLine(cmd: string, args: string[]): string {
  // nginx -v prints on stderr, the others on stdout
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n')[0]!.trim() || '?';
}

export function describeMachine(naringDir: string, crawleeVersion: string): string[] {
  const cpuModel = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpus()[0]?.model ?? '?';
  const git = firstLine('git', ['-C', naringDir, 'log', '-1', '--format=%h %s']);
  const status = spawnSync('git', ['-C', naringDir, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' });
  const dirty = status.status === 0 && status.stdout.trim() !== '' ? ' (with uncommitted changes)' : '';
  return [
    `- date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `- CPU: ${cpuModel}, ${cpus().length} cores; RAM ${(totalmem() / 2 ** 30).toFixed(1)} GiB; Linux ${release()}`,
    `- load average at start: ${loadavg().map((x) => x.toFixed(2)).join(', ')} (1, 5, 15 min)`,
    `- Node ${process.version}; ${firstLine('nginx', ['-v'])}; ${firstLine('wget', ['--version'])}; @crawlee/cheerio ${crawleeVersion}`,
    `- naring-archive build: commit ${git}${dirty}`,
  ];
}

const s2 = (x: number) => x.toFixed(2);

/** One row per peer: medians, the spread of wall times, ratios to wget and to the bare limit. */
export function sizeTable(peers: Map<string, Summary>, raw: Map<string, Sample[]>): string[] {
  const wget = peers.get('wget --mirror');
  const bare = peers.get('bare undici+cheerio');
  const lines = [
    '| peer | rounds | wall (median) | wall per round | CPU user+sys | peak RSS (median / max) | pages | pages/s | ÷ wget | ÷ bare |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [name, s] of peers) {
    const walls = (raw.get(name) ?? []).map((x) => x.wallS.toFixed(1)).join(' / ');
    lines.push(`| ${name} | ${s.rounds} | ${s2(s.wallS)} s | ${walls} | ${s2(s.cpuS)} s | ${s.rssMb.toFixed(0)} / ${s.rssMaxMb.toFixed(0)} MB | ${s.pages} | ${s.pagesPerS.toFixed(0)} | ${wget ? `${s2(s.wallS / wget.wallS)}×` : '–'} | ${bare ? `${s2(s.wallS / bare.wallS)}×` : '–'} |`);
  }
  return lines;
}

/** The generated section: the machine of this run, the goals over every stored size, one table per size. */
export function renderReport(records: SizeRecord[], machine: string[]): string {
  const results: Results = new Map(records.map((r) => [r.size, new Map(r.samples.map(([k, v]) => [k, summarize(v)]))]));
  const out = ['', '### Machine (described when this section was written; each size below names its own time, load and build)', '', ...machine, ''];
  out.push('### Goals of the issue', '', '```', ...goals(results).map(goalLine), '```', '');
  for (const r of records) {
    out.push(`### ${r.size.toLocaleString('en-US')} posts (${(r.htmlBytes / 1e6).toFixed(0)} MB of HTML, feeds and text), ${r.rounds} round(s)`, '');
    out.push(`Measured ${r.startedAt} to ${r.finishedAt.slice(11)}, load average ${r.loadStart[0]!.toFixed(1)} at start and ${r.loadEnd[0]!.toFixed(1)} at end; build ${r.build}.`, '');
    out.push(...sizeTable(results.get(r.size)!, new Map(r.samples)), '');
  }
  const growth = ['naring-archive crawl', 'naring-archive extract', 'naring-archive crawl --extract', 'naring-archive snapshot']
    .map((p) => [p, records.filter((r) => results.get(r.size)!.has(p))] as const).filter(([, rs]) => rs.length > 1);
  if (growth.length > 0) {
    out.push('Peak RSS by size (median of rounds):', '');
    for (const [p, rs] of growth) out.push(`- ${p}: ${rs.map((r) => `${r.size.toLocaleString('en-US')} posts → ${results.get(r.size)!.get(p)!.rssMb.toFixed(0)} MB`).join(', ')}`);
    out.push('');
  }
  const commands = new Map(records.flatMap((r) => r.commands));
  out.push('### Commands (each run in a fresh folder, under `/usr/bin/time -v`)', '', '```', ...[...commands].map(([name, cmd]) => `# ${name}\n${cmd}`), '```', '');
  const notes = [...new Set(records.flatMap((r) => r.notes))];
  if (notes.length > 0) out.push(...notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}
