/**
 * Property tests (fast-check) for the escaping functions the redirect maps and the writer rely on: whatever
 * bytes an old URL holds, the quoted or escaped form reads back to exactly those bytes and cannot end its
 * token, and no relative path leaves the output folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, sep } from 'node:path';
import fc from 'fast-check';
import { nginxPathBytes, nginxQuote } from '../../src/exporters/redirects/nginx.ts';
import { apacheEscape } from '../../src/exporters/redirects/apache.ts';
import { decodeToBytes } from '../../src/exporters/redirects/variants.ts';
import { resolveInside } from '../../src/exporters/write.ts';
import { safeStem } from '../../src/exporters/file-names.ts';

const bytes = fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a));

/** Reads an nginx double-quoted string back as nginx does (\\" \\\\ \\n \\r \\t). */
function unquoteNginx(q: string): Buffer {
  assert.ok(q.startsWith('"') && q.endsWith('"'));
  const body = q.slice(1, -1);
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    let c = body.charCodeAt(i);
    assert.notEqual(c, 0x22, 'an unescaped quote would end the key');
    assert.ok(c !== 0x0a && c !== 0x0d, 'a raw line break in a key');
    if (c === 0x5c) {
      const n = body[++i];
      c = n === 'n' ? 0x0a : n === 'r' ? 0x0d : n === 't' ? 0x09 : n!.charCodeAt(0);
    }
    out.push(c);
  }
  return Buffer.from(out);
}

test('nginxQuote: any bytes but NUL read back exactly and cannot end the key', () => {
  fc.assert(fc.property(bytes, (b) => {
    const q = nginxQuote(b);
    if (b.includes(0)) return q === null;
    assert.deepEqual(unquoteNginx(q!), b);
    return true;
  }));
});

test('apacheEscape: only safe bytes and %xx remain, and decoding gives the bytes back', () => {
  fc.assert(fc.property(bytes, (b) => {
    const e = apacheEscape(b);
    assert.match(e, /^(?:[A-Za-z0-9$\-_.+!*'(),:;@&=/~]|%[0-9a-f]{2})*$/);
    assert.deepEqual(decodeToBytes(e), b);
  }));
});

test('nginxPathBytes: no run of slashes survives, encoded or not, and every other byte is kept', () => {
  const piece = fc.constantFrom('/', '%2F', '%2f', 'a', '%C3%A5', '%41', '.', '%20');
  fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
    const out = nginxPathBytes(`/${parts.join('')}`).toString('latin1');
    assert.doesNotMatch(out, /\/\//);
    assert.equal(out.replace(/\//g, ''), decodeToBytes(`/${parts.join('')}`).toString('latin1').replace(/\//g, ''));
  }));
});

test('resolveInside: every relative path lands inside the output folder or is refused', () => {
  const seg = fc.constantFrom('..', '.', 'a', 'b c', '..%2F', '...', '', 'x/..', '\\..');
  fc.assert(fc.property(fc.array(seg, { maxLength: 8 }), fc.constantFrom('/', '\\', `${sep}`), (parts, joiner) => {
    const out = join('/srv', 'out');
    let got: string;
    try {
      got = resolveInside(out, parts.join(joiner));
    } catch {
      return true;
    }
    assert.ok(got === out || got.startsWith(`${out}${sep}`), got);
    return true;
  }));
});

test('safeStem: no lone surrogate, bidi or C1 control survives in a file name', () => {
  const hostile = fc.string({ unit: fc.constantFrom('a', '\u202e', '\u2066', '\u200f', '\ud800', '\udc00', '\u0085', '😀', '.'), maxLength: 40 });
  fc.assert(fc.property(hostile, (raw) => {
    const s = safeStem(raw);
    assert.doesNotMatch(s, /[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/u);
    assert.ok(s.length > 0);
  }));
});
