/**
 * Property tests (fast-check) for the streamed JSON writers: urls.json, extract-report.json and the
 * record files are written a member at a time, and must be the very bytes `toJsonText` gives, for any
 * value a reader could produce and for values JSON.stringify treats specially.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toJsonChunks, toJsonText, toJsonValueChunks } from '../../src/exporters/write.ts';

/** What JSON.stringify leaves out of objects and writes as null in arrays, or writes as its toJSON. */
const special = fc.constantFrom<unknown>(undefined, () => 1, Symbol('s'), new Date(0), { toJSON: () => ({ a: [1, { b: 'x' }] }) }, Number.NaN, -0, Infinity);
/** Any text, lone surrogates, controls, quotes and line breaks included. */
const text = fc.string({ unit: 'binary', maxLength: 20 });
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), special,
    fc.array(tie('v'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(text, fc.constantFrom('1', '0', '__proto__', 'toJSON', '')), tie('v'), { maxKeys: 5 }),
    // Holes in an array are written as null.
    fc.array(tie('v'), { maxLength: 4 }).map((a) => { const s = [...a]; s.length += 2; return s; }),
  ),
})).v;

test('toJsonValueChunks gives toJsonText\'s bytes at every depth, for any value', () => {
  fc.assert(fc.property(value, fc.integer({ min: 0, max: 6 }), (v, depth) => {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return; // not a file's top value
    assert.equal([...toJsonValueChunks(v, depth)].join(''), toJsonText(v));
  }), { numRuns: 2000 });
});

test('toJsonValueChunks writes a large report a member at a time, not as one string', () => {
  const report = { summary: { posts: 3 }, kinds: Array.from({ length: 1000 }, (_, i) => ({ url: `http://x/${i}/`, kind: 'post', evidence: ['a', 'b'] })), problems: [] };
  const chunks = [...toJsonValueChunks(report)];
  assert.equal(chunks.join(''), toJsonText(report));
  assert.ok(chunks.length > 1000, `one chunk per member at least, got ${chunks.length}`);
  assert.ok(Math.max(...chunks.map((c) => c.length)) < 200, 'no chunk holds more than one member');
});

test('toJsonChunks of an iterable gives toJsonText\'s bytes of the array', () => {
  fc.assert(fc.property(fc.array(value, { maxLength: 6 }), (items) => {
    assert.equal([...toJsonChunks(items.values())].join(''), toJsonText(items));
  }), { numRuns: 500 });
});
