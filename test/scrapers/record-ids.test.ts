/**
 * The readers' set of WARC-Record-IDs answers exactly what a Set of the strings would, for IDs of every
 * form, and keeps the common `<urn:uuid:…>` form in a fraction of a string Set's memory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { RecordIdSet } from '../../src/scrapers/record-ids.ts';

const uuidId = fc.uuid().map((u) => `<urn:uuid:${u}>`);
/** IDs that must not be folded into the compact form: upper case, the nil UUID, other schemes, near misses. */
const otherId = fc.oneof(
  fc.uuid().map((u) => `<urn:uuid:${u.toUpperCase()}>`),
  fc.constant('<urn:uuid:00000000-0000-0000-0000-000000000000>'),
  fc.uuid().map((u) => `urn:uuid:${u}`),
  fc.uuid().map((u) => `<urn:uuid:${u}> `),
  fc.string(),
  fc.constant(''),
);

test('a RecordIdSet answers has() and size exactly as a Set of the ID strings', () => {
  fc.assert(fc.property(fc.array(fc.oneof(uuidId, otherId), { maxLength: 3000 }), fc.array(fc.oneof(uuidId, otherId), { maxLength: 200 }), (added, probes) => {
    const ids = new RecordIdSet();
    const strings = new Set<string>();
    for (const id of added) {
      ids.add(id);
      strings.add(id);
    }
    assert.equal(ids.size, strings.size);
    for (const id of [...added, ...probes]) assert.equal(ids.has(id), strings.has(id), id);
  }), { numRuns: 60 });
});

test('IDs that differ in one hex digit, or only in case, are different IDs', () => {
  const ids = new RecordIdSet();
  const a = '<urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e>';
  ids.add(a);
  assert.equal(ids.has(a), true);
  assert.equal(ids.has('<urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950f>'), false);
  assert.equal(ids.has(a.toUpperCase()), false);
  assert.equal(ids.has('<urn:uuid:0f8fad5bd-9cb-469f-a165-70867728950e>'), false, 'the dashes are part of the ID');
  ids.add(a.toUpperCase());
  assert.equal(ids.size, 2);
  assert.equal(ids.has(a.toUpperCase()), true);
});

test('many time-ordered and random IDs, added twice, are each kept once across the table growing', () => {
  const ids = new RecordIdSet();
  const all: string[] = [];
  // Version-1-like IDs differ mostly in their first group: the hash must spread them too.
  for (let i = 0; i < 20000; i++) all.push(`<urn:uuid:${(0x1000000 + i).toString(16).padStart(8, '0')}-1dd2-11b2-8080-808080808080>`);
  for (let i = 0; i < 20000; i++) all.push(`<urn:uuid:${randomUUID()}>`);
  for (const id of all) ids.add(id);
  for (const id of all) ids.add(id);
  assert.equal(ids.size, new Set(all).size);
  assert.ok(all.every((id) => ids.has(id)));
  assert.equal(ids.has('<urn:uuid:00ffffff-1dd2-11b2-8080-808080808080>'), false);
});

// Measured in a child with --expose-gc, after full collections.
const MEMORY = (kind: string) => `
import { RecordIdSet } from ${JSON.stringify(new URL('../../src/scrapers/record-ids.ts', import.meta.url).href)};
import { randomUUID } from 'node:crypto';
gc(); gc();
const m = () => { const u = process.memoryUsage(); return u.heapUsed + u.arrayBuffers; };
const before = m();
const ids = ${kind === 'compact' ? 'new RecordIdSet()' : 'new Set()'};
for (let i = 0; i < 180000; i++) ids.add('<urn:uuid:' + randomUUID() + '>');
gc(); gc();
console.log(JSON.stringify({ grew: m() - before, size: ids.size }));
`;

function grewBy(kind: string): number {
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', MEMORY(kind)], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const { grew, size } = JSON.parse(run.stdout) as { grew: number; size: number };
  assert.equal(size, 180000);
  return grew;
}

test('180,000 UUID record IDs take under a third of the memory of a Set of their strings', () => {
  const compact = grewBy('compact');
  const strings = grewBy('strings');
  // 262,144 slots of 16 bytes are 4 MB; the strings alone are over 11 MB.
  assert.ok(compact < 6 * 1024 * 1024, `RecordIdSet grew by ${compact} bytes`);
  assert.ok(compact * 3 < strings, `RecordIdSet ${compact} bytes against a Set's ${strings}`);
});
