/**
 * The generated part of docs/benchmarks.md: the machine, the exact commands, one table per size, the goals.
 * Written between two marker lines so the hand-written intro above and the hand section below stay.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { goalLine, goals, type Results, type Sample, type Summary } from './lib.ts';

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
  const dirty = firstLine('git', ['-C', naringDir, 'status', '--porcelain', '--untracked-files=no']) ? ' (with uncommitted changes)' : '';
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

export interface RunInfo {
  machine: string[];
  loadEnd: number[];
  commands: string[];
  sites: Map<number, { htmlBytes: number; rounds: number }>;
  notes: string[];
}

export function renderReport(results: Results, raw: Map<number, Map<string, Sample[]>>, info: RunInfo): string {
  const out = ['', '### Machine and build', '', ...info.machine,
    `- load average at end: ${info.loadEnd.map((x) => x.toFixed(2)).join(', ')}`, ''];
  out.push('### Goals of the issue', '', '```', ...goals(results).map(goalLine), '```', '');
  for (const [size, peers] of [...results].sort((a, b) => a[0] - b[0])) {
    const site = info.sites.get(size);
    out.push(`### ${size.toLocaleString('en-US')} posts (${site ? (site.htmlBytes / 1e6).toFixed(0) : '?'} MB of HTML, feeds and text), ${site?.rounds ?? '?'} round(s)`, '');
    out.push(...sizeTable(peers, raw.get(size) ?? new Map()), '');
  }
  const rssBy = (peer: string) => [...results].sort((a, b) => a[0] - b[0]).map(([n, m]) => [n, m.get(peer)] as const).filter(([, s]) => s);
  const growth = ['naring-archive crawl', 'naring-archive extract', 'naring-archive crawl --extract', 'naring-archive snapshot']
    .map((p) => [p, rssBy(p)] as const).filter(([, xs]) => xs.length > 1);
  if (growth.length > 0) {
    out.push('Peak RSS by size (median of rounds): ', '');
    for (const [p, xs] of growth) out.push(`- ${p}: ${xs.map(([n, s]) => `${n.toLocaleString('en-US')} → ${s!.rssMb.toFixed(0)} MB`).join(', ')}`);
    out.push('');
  }
  out.push('### Commands (each run in a fresh folder, under `/usr/bin/time -v`)', '', '```', ...info.commands, '```', '');
  if (info.notes.length > 0) out.push(...info.notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}
