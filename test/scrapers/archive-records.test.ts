/**
 * The WARC record splitter (archive-records.ts) on its own: its header fields read as the WARC grammar's
 * lines split at CRLF and the first colon, whatever bytes a record holds, and the values it hands out do
 * not keep the record's header block in memory (the reader keeps every record ID of a file).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { splitRecord } from '../../src/scrapers/archive-records.ts';

/** The fields as one reading of the whole header block gives them: split at CRLF, name before the first colon. */
function referenceFields(head: Buffer): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of head.toString('utf8').split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) fields.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return fields;
}

/** Header text as tools and damage write it: any bytes, blanks around values, colons, lone CR and LF. */
const piece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.uint8Array({ maxLength: 6 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.constantFrom('WARC-Type', 'warc-record-id', 'Content-Type', 'WARC-Target-URI', ':', ': ', '\t', ' ', '\u00a0', '\ufeff', '\r', '\n', 'å', '–', '<urn:uuid:1>', 'http://exempel.se/å?x=1'),
);
const line = fc.array(piece, { maxLength: 5 }).map((a) => a.join('').replace(/\r\n/g, '\r'));

test('splitRecord reads every header field as a reading of the whole header block does, for any bytes', () => {
  fc.assert(fc.property(fc.array(line, { maxLength: 8 }), fc.uint8Array({ maxLength: 40 }), (lines, body) => {
    // A line that made the block end early would be another record's business: keep CRLFCRLF out.
    const fields = lines.filter((l) => l !== '' && !l.startsWith('\n') && !l.endsWith('\r'));
    const head = Buffer.from(['WARC/1.1', ...fields, `Content-Length: ${body.length}`].join('\r\n'));
    const buf = Buffer.concat([head, Buffer.from('\r\n\r\n'), body, Buffer.from('\r\n\r\n')]);
    const r = splitRecord(buf);
    const want = referenceFields(head);
    assert.ok(r && 'record' in r, 'a whole record');
    assert.equal(r.total, buf.length);
    assert.deepEqual(Buffer.from(r.record.block), Buffer.from(body));
    for (const [name, value] of want) {
      assert.equal(r.record.get(name), value, name);
      assert.equal(r.record.get(name.toUpperCase()), want.get(name.toUpperCase().toLowerCase()), `${name} upper-cased`);
    }
    for (const l of fields) {
      const name = l.slice(0, Math.max(0, l.indexOf(':'))).trim().toLowerCase();
      if (!want.has(name)) assert.equal(r.record.get(name), undefined, `no field ${JSON.stringify(name)}`);
    }
  }), { numRuns: 500 });
});

test('splitRecord: a block not starting with WARC/, or without a length, is no record; a short one asks for more', () => {
  assert.equal(splitRecord(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n\r\n\r\n')), null);
  assert.equal(splitRecord(Buffer.from('WARC/1.1\r\nWARC-Type: response\r\n\r\n\r\n\r\n')), null);
  assert.equal(splitRecord(Buffer.from('WARC/1.1\r\nContent-Length: -1\r\n\r\n\r\n\r\n')), null);
  assert.equal(splitRecord(Buffer.from('\r\n\r\n')), null);
  assert.deepEqual(splitRecord(Buffer.from('WARC/1.1\r\nContent-Length: 10\r\n\r\nabc')), { need: 46 });
  assert.deepEqual(splitRecord(Buffer.from('WARC/1.1\r\nContent-Len')), { need: 22 });
});

// Run in a child with --expose-gc, so that what stays alive is measured after full collections.
const RETENTION = `
import { splitRecord } from ${JSON.stringify(new URL('../../src/scrapers/archive-records.ts', import.meta.url).href)};
const pad = 'x'.repeat(64 * 1024);
const kept = [];
gc(); gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < 400; i++) {
  const buf = Buffer.from('WARC/1.1\\r\\nWARC-Record-ID: <urn:uuid:' + String(i).padStart(36, '0') + '>\\r\\nWARC-Padding: ' + pad + '\\r\\nContent-Length: 0\\r\\n\\r\\n\\r\\n\\r\\n');
  kept.push(splitRecord(buf).record.get('WARC-Record-ID'));
}
gc(); gc();
console.log(JSON.stringify({ grew: process.memoryUsage().heapUsed - before, kept: kept.length }));
`;

test('a record ID kept from splitRecord does not keep its record header block alive', () => {
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', RETENTION], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const { grew, kept } = JSON.parse(run.stdout) as { grew: number; kept: number };
  assert.equal(kept, 400);
  // 400 IDs of 47 characters are about 40 KB; holding the blocks (64 KB each) would be over 25 MB.
  assert.ok(grew < 4 * 1024 * 1024, `the heap grew by ${grew} bytes for 400 kept record IDs`);
});
