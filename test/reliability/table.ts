/**
 * The reliability table: each case of the fault suite adds one row with what it measured, and the suite
 * writes docs/reliability.md from the rows when it ends. Only fixed words and counts go in (no times, no
 * paths, no pids), so the file is the same on every run that passes; the rows come from the assertions,
 * never from a hand-written list.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Row {
  /** The item number or the suite's case name, e.g. `1`, `2b`. */
  id: string;
  fault: string;
  /** What the tool did, as the test checked it (exit status, message named). */
  did: string;
  kept: string;
  lost: string;
  corrupted: number;
  escapes: number;
}

const rows: Row[] = [];

export function addRow(row: Row): void {
  rows.push(row);
}

function cell(s: string | number): string {
  return String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The Markdown of docs/reliability.md for the rows recorded so far, in the order the cases ran. */
export function renderTable(all: readonly Row[] = rows): string {
  const head = [
    '# Reliability: faults and hostile input, as the last test run found them',
    '',
    'Written by `test/reliability/reliability.test.ts` (`node scripts/run-tests.mjs test/reliability`); do not edit',
    'by hand. Each row is one case of the fault suite: a fault-injecting server on 127.0.0.1, a machine fault',
    '(signals, locks, damaged files) or hostile content, with what the tool did as the test asserted it.',
    '"kept" and "lost" count what the fault spared (pages, records, rows); "corrupted" counts output files or',
    'index lines that point at wrong bytes; "escapes" counts hostile text that became live (HTML, script',
    'links, template syntax, paths outside the output folder). A case whose numbers are wrong fails the run.',
    '',
    '| # | fault | what the tool did | kept | lost | corrupted | escapes |',
    '|---|---|---|---|---|---|---|',
  ];
  const body = all.map((r) => `| ${cell(r.id)} | ${cell(r.fault)} | ${cell(r.did)} | ${cell(r.kept)} | ${cell(r.lost)} | ${r.corrupted} | ${r.escapes} |`);
  return `${[...head, ...body].join('\n')}\n`;
}

/** Writes docs/reliability.md (only when every case recorded its row: a partial table is not written). */
export function writeTable(expected: number): void {
  if (rows.length !== expected) return;
  writeFileSync(fileURLToPath(new URL('../../docs/reliability.md', import.meta.url)), renderTable());
}
