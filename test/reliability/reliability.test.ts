/**
 * The standing fault suite (issue #15): every fault and hostile input listed there is a named case here,
 * and the run writes docs/reliability.md from what the cases measured (table.ts).
 */
import { after, test } from 'node:test';
import { addRow, writeTable } from './table.ts';
import { crawlCases, type Case } from './cases-crawl.ts';
import { archiveCases } from './cases-archive.ts';
import { contentCases } from './cases-content.ts';
import { redirectCases } from './cases-redirects.ts';
import { snapshotCases } from './cases-snapshot.ts';
import { diskCases } from './cases-disk.ts';
import { serverCases } from './cases-server.ts';
import { generatorCases } from './cases-generators.ts';
import { killCases } from './cases-kill.ts';
import { exportCases } from './cases-exports.ts';

const cases: Case[] = [...crawlCases, ...archiveCases, ...contentCases, ...exportCases, ...redirectCases, ...snapshotCases, ...diskCases, ...serverCases, ...generatorCases, ...killCases];

for (const c of cases) test(c.name, async () => addRow(await c.run()));

after(() => writeTable(cases.length));
