// The benchmark's pure parts (bench/lib.ts): GNU time's report, medians, the goals as pass/short, and
// the marker splice that keeps docs/benchmarks.md's hand-written parts. The benchmark itself is `npm run bench`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goals, median, parseElapsed, parseGnuTime, replaceBetween, summarize, type Results, type Summary } from '../../bench/lib.ts';

const GNU_TIME = `\tCommand being timed: "wget --mirror -q http://127.0.0.1:18080/"
\tUser time (seconds): 1.25
\tSystem time (seconds): 0.50
\tPercent of CPU this job got: 43%
\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:04.12
\tMaximum resident set size (kbytes): 9216
\tExit status: 8
`;

test('parseGnuTime reads wall, user, sys, peak RSS and exit status of /usr/bin/time -v', () => {
  assert.deepEqual(parseGnuTime(`Command exited with non-zero status 8\n${GNU_TIME}`), { wallS: 64.12, userS: 1.25, sysS: 0.5, maxRssKb: 9216, exitStatus: 8 });
  assert.equal(parseElapsed('1:02:03.5'), 3723.5);
  assert.equal(parseElapsed('0:04.25'), 4.25);
  assert.throws(() => parseGnuTime('4.12 9216'), /GNU time/);
});

test('median is a measured value: the middle one, the lower middle for an even count', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2);
  const s = summarize([{ wallS: 2, cpuS: 3, rssMb: 100, pages: 1000 }, { wallS: 4, cpuS: 5, rssMb: 300, pages: 1000 }, { wallS: 3, cpuS: 1, rssMb: 200, pages: 1000 }]);
  assert.deepEqual([s.wallS, s.cpuS, s.rssMb, s.rssMaxMb, s.pagesPerS], [3, 3, 200, 300, 1000 / 3]);
});

const sum = (wallS: number, pages: number, rssMaxMb = 100): Summary => ({ wallS, cpuS: wallS, rssMb: rssMaxMb, rssMaxMb, pages, pagesPerS: pages / wallS, rounds: 3 });

test('goals: pass, short, or not measured, from the medians', () => {
  const results: Results = new Map([
    [2000, new Map([
      ['wget --mirror', sum(4, 3000)],
      ['bare undici+cheerio', sum(2.5, 2600)],
      ['Crawlee CheerioCrawler', sum(40, 2600)],
      ['naring-archive snapshot', sum(3.9, 2600)],
      ['naring-archive extract', sum(2, 2600)],
    ])],
    [50000, new Map([['naring-archive crawl', sum(60, 65000, 249)], ['naring-archive extract', sum(60, 65000, 251)]])],
  ]);
  const g = goals(results);
  const by = (t: string) => g.find((x) => x.text.includes(t))!;
  assert.equal(by('faster than wget').pass, true);
  assert.equal(by('1.5×').pass, false); // 3.9 s > 1.5 × 2.5 s
  assert.equal(by('Crawlee').pass, true); // 40/2600 ≥ 5 × 3.9/2600
  assert.equal(by('pages/s').pass, true); // 1,300 pages/s
  assert.equal(by('crawl: peak RSS').pass, true);
  assert.equal(by('extract: peak RSS').pass, false);
  assert.equal(by('snapshot: peak RSS').pass, null);
  results.get(2000)!.set('naring-archive extract', sum(3, 2600));
  assert.equal(goals(results).find((x) => x.text.includes('pages/s'))!.pass, false); // 867 pages/s
});

test('replaceBetween keeps what lies outside the markers, and appends them when absent', () => {
  const doc = 'intro\n<!-- b -->\nold\n<!-- e -->\nhand section\n';
  assert.equal(replaceBetween(doc, '<!-- b -->', '<!-- e -->', 'new'), 'intro\n<!-- b -->\nnew\n<!-- e -->\nhand section\n');
  assert.equal(replaceBetween('intro\n', '<!-- b -->', '<!-- e -->', 'new'), 'intro\n\n<!-- b -->\nnew\n<!-- e -->\n');
});
