/** Writes the measured figures into docs/extraction.md between its markers (the rest of the page is prose). */
import { readFileSync, writeFileSync } from 'node:fs';
import { SCORE_HEADER, scoreRow } from './score.ts';
import type { CorpusRun } from './run-corpus.ts';

const START = '<!-- figures:start -->';
const END = '<!-- figures:end -->';

export function writeExtractionDoc(runs: CorpusRun[], file = 'docs/extraction.md'): void {
  const text = readFileSync(file, 'utf8');
  const i = text.indexOf(START), j = text.indexOf(END);
  if (i < 0 || j < i) throw new Error(`${file}: no ${START} … ${END} markers`);
  const table = `${SCORE_HEADER}\n${runs.map((r) => scoreRow(r.name, r.score)).join('\n')}`;
  writeFileSync(file, `${text.slice(0, i + START.length)}\n${table}\n${text.slice(j)}`);
}
