/**
 * Property tests (fast-check) for the text escaping of the XML and CSV exports, each read back by an
 * independent reader: saxes (a strict XML 1.0 parser) for web.config attributes and WXR CDATA, Python's
 * csv module for the CSV cells. Whatever text an old post holds must come back as the same text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { xmlAttr } from '../../src/exporters/redirects/hosted.ts';
import { cdata } from '../../src/exporters/wxr.ts';
import { CSV_DELIMITERS, neutraliseFormula, quoteCsvField } from '../../src/exporters/csv.ts';

/** Any text, lone surrogates and controls included, among the characters markup gives meaning to. */
const anyText = fc.array(fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('&', '<', '>', '"', "'", ']]>', ']]', '\t', '\n', '\r', '\r\n', '\u0000', '\u0001', '\u001f', '\uFFFE', '\uD800', '\uDFFF', '&amp;', '&#1;', ',', ';', '=', '+', '-', '@'),
), { maxLength: 10 }).map((a) => a.join(''));

/** What XML 1.0 can carry at all (its Char production): the rest can only be dropped. */
function xmlCarriable(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** Parses one document with saxes; returns the root's attribute `a` and text, or throws saxes's first error. */
function readXml(doc: string): { attr: string | undefined; text: string } {
  const p = new SaxesParser({ xmlns: false });
  let attr: string | undefined;
  let text = '';
  let error: Error | null = null;
  p.on('error', (e) => { error ??= e; });
  p.on('opentag', (t) => { attr = t.attributes.a as string | undefined; });
  p.on('text', (t) => { text += t; });
  p.on('cdata', (t) => { text += t; });
  p.write(doc).close();
  if (error) throw error;
  return { attr, text };
}

test('xmlAttr (web.config): any text gives a well-formed attribute that reads back as the text XML can carry', () => {
  fc.assert(fc.property(anyText, (s) => {
    const { attr } = readXml(`<r a="${xmlAttr(s)}"/>`);
    assert.equal(attr, xmlCarriable(s));
  }), { numRuns: 3000 });
});

test('cdata (WXR): any text gives well-formed CDATA that reads back as the text XML can carry, `]]>` included', () => {
  fc.assert(fc.property(anyText, (s) => {
    const { text } = readXml(`<r>${cdata(s)}</r>`);
    // An XML parser reads CR LF and a lone CR as LF (XML 1.0 §2.11), in CDATA too.
    assert.equal(text, xmlCarriable(s).replace(/\r\n?/g, '\n'));
  }), { numRuns: 3000 });
});

/** Lone surrogates as U+FFFD, as writing the text as UTF-8 makes them. */
const wellFormed = (s: string): string => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

test('CSV cells: Python\'s csv module reads back every neutralised cell exactly, with either delimiter, and none starts a formula', () => {
  const rows = fc.sample(fc.array(anyText.map(wellFormed), { minLength: 1, maxLength: 6 }), { numRuns: 400, seed: 20261202 });
  for (const delimiter of CSV_DELIMITERS) {
    const cells = rows.map((r) => r.map(neutraliseFormula));
    const text = cells.map((r) => r.map((c) => quoteCsvField(c, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
    const py = spawnSync('python3', ['-c', `
import csv, io, json, sys
text = sys.stdin.buffer.read().decode('utf-8')
json.dump(list(csv.reader(io.StringIO(text, newline=''), delimiter=sys.argv[1])), sys.stdout)
`, delimiter], { input: Buffer.from(text, 'utf8'), encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(py.status, 0, py.stderr);
    const back = JSON.parse(py.stdout) as string[][];
    // A row of one empty cell is an empty line, which csv.reader gives as [].
    assert.deepEqual(back, cells.map((r) => (r.length === 1 && r[0] === '' ? [] : r)), `delimiter ${delimiter}`);
    for (const r of back) for (const c of r) assert.doesNotMatch(c, /^[=+\-@\t\r]/, `a cell that starts a formula: ${JSON.stringify(c)}`);
  }
});
