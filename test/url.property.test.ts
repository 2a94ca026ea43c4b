/**
 * Property tests (fast-check) for URL normalisation and slugs: every stage compares URLs only after
 * normalizeUrl, so one page must have one spelling whatever an old site or a mirror wrote, and a slug made
 * from any title must survive a URL and a file system.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DROPPED_PARAMS, decodeSafe, encodeSlug, normalizePercentEncoding, normalizeUrl, siteUrl, slugify, unmirrorUrl } from '../src/url.ts';

/** Any text, lone surrogates and controls included: what a hostile or broken page can hold. */
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
/** Path and query pieces as old sites write them: raw text, escapes in either case, stray `%`, dots. */
const piece = fc.oneof(
  anyText,
  fc.constantFrom('index.html', 'INDEX.HTM', 'index.xml', 'index.html%3Fp=12.html', '12.html', '%3F', '%e2%80%93', '%E2%80%93', '%41', '%2F', '%2f', '%', '%zz', '.', '..', '%2e', '%2E%2e', 'å', '–', ' ', '+', '&', '=', '#', '?'),
);
const host = fc.constantFrom('www.naringsbloggen.se', 'WWW.Naringsbloggen.SE', 'example.org', 'EXAMPLE.org:80', 'example.org:8080', '127.0.0.1:443');
/** Titles as editors write them: any text among the characters the slug rules treat specially. */
const title = fc.array(fc.oneof(anyText, fc.string({ unit: 'grapheme', maxLength: 10 }), fc.constantFrom(' ', '-', '--', ' – ', '  ', 'Å', 'ä', 'Ö', 'é', '&amp;', '&', '?', '(x)', '"', '…', '_')), { maxLength: 8 }).map((a) => a.join(''));
const urlText = fc.record({
  scheme: fc.constantFrom('http', 'https', 'HTTP', 'HtTpS'),
  host,
  path: fc.array(piece, { maxLength: 6 }),
  query: fc.array(fc.tuple(fc.oneof(piece, fc.constantFrom(...DROPPED_PARAMS, 'ReplyToCom', 'p', 'paged')), piece), { maxLength: 4 }),
  hash: fc.option(piece),
}).map(({ scheme, host, path, query, hash }) => {
  const q = query.length ? `?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
  return `${scheme}://${host}/${path.join('/')}${q}${hash === null ? '' : `#${hash}`}`;
});

test('normalizeUrl: one spelling — normalising again changes nothing, for siteUrl too', () => {
  fc.assert(fc.property(urlText, (u) => {
    const n = normalizeUrl(u);
    if (n === null) return;
    assert.equal(normalizeUrl(n), n, `${JSON.stringify(u)} → ${n}`);
    const s = siteUrl(u);
    // siteUrl skips the second parse when the URL names no mirror's file: the same as parsing again.
    assert.equal(s, unmirrorUrl(n), `siteUrl(${JSON.stringify(u)})`);
    if (s !== null) assert.equal(siteUrl(s), s, `siteUrl(${JSON.stringify(u)}) → ${s}`);
  }), { numRuns: 3000 });
});

test('normalizeUrl: the result is plain printable ASCII, with no fragment, upper-case escapes and no escaped unreserved character', () => {
  fc.assert(fc.property(urlText, (u) => {
    const n = normalizeUrl(u);
    if (n === null) return;
    assert.match(n, /^https?:\/\/[a-z0-9.-]+(:\d+)?\/[\x21-\x7e]*$/, n);
    assert.ok(!n.includes('#'), `a fragment survived: ${n}`);
    for (const m of n.matchAll(/%(..)/g)) {
      assert.match(m[1]!, /^[0-9A-F]{2}$/, `a lower-case or broken escape in ${n}`);
      assert.doesNotMatch(String.fromCharCode(parseInt(m[1]!, 16)), /[A-Za-z0-9\-._~]/, `an unreserved character left escaped in ${n}`);
    }
  }), { numRuns: 3000 });
});

test('normalizeUrl: escapes spelled in lower or upper case are one URL', () => {
  fc.assert(fc.property(urlText, (u) => {
    const lower = u.replace(/%[0-9A-Fa-f]{2}/g, (m) => m.toLowerCase());
    const upper = u.replace(/%[0-9A-Fa-f]{2}/g, (m) => m.toUpperCase());
    assert.equal(normalizeUrl(lower), normalizeUrl(upper), u);
  }), { numRuns: 2000 });
});

test('normalizeUrl with dropParams: no dropped parameter survives, in any case or spelling, and the others keep their order', () => {
  fc.assert(fc.property(urlText, (u) => {
    const n = normalizeUrl(u, undefined, { dropParams: DROPPED_PARAMS });
    if (n === null) return;
    const query = n.includes('?') ? n.slice(n.indexOf('?') + 1) : '';
    const names = query ? query.split('&').map((kv) => decodeSafe(kv.split('=')[0]!).toLowerCase()) : [];
    for (const name of names) assert.ok(!DROPPED_PARAMS.includes(name), `${name} kept in ${n}`);
    const plain = normalizeUrl(u)!;
    const kept = (plain.includes('?') ? plain.slice(plain.indexOf('?') + 1) : '').split('&').filter((kv) => !DROPPED_PARAMS.includes(decodeSafe(kv.split('=')[0]!).toLowerCase())).join('&');
    assert.equal(query, kept, u);
  }), { numRuns: 2000 });
});

test('normalizePercentEncoding: stable, and decoding the result gives what decoding the input gives (nothing lost or added)', () => {
  fc.assert(fc.property(fc.array(piece, { maxLength: 8 }).map((a) => a.join('')), (s) => {
    const once = normalizePercentEncoding(s);
    assert.equal(normalizePercentEncoding(once), once);
    // A stray `%` becomes `%25`; compare where the input decodes at all (no lone surrogate, whole UTF-8).
    let expected: string;
    try { expected = decodeURIComponent(s.replace(/%(?![0-9A-Fa-f]{2})/g, '%25')); } catch { return; }
    if (/[\uD800-\uDFFF]/.test(expected.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) return;
    assert.equal(decodeURIComponent(once), expected, JSON.stringify(s));
  }), { numRuns: 2000 });
});

test('slugify: any title gives a slug of letters, digits, `-`, `–` and `_` only, with no leading, trailing or doubled `-`, stable when slugified again', () => {
  fc.assert(fc.property(title, (t) => {
    const slug = slugify(t);
    assert.match(slug, /^[\p{L}\p{N}\-–_]*$/u, JSON.stringify(t));
    assert.doesNotMatch(slug, /^-|-$|--/, JSON.stringify(t));
    assert.equal(slugify(slug), slug, JSON.stringify(t));
  }), { numRuns: 3000 });
});

test('encodeSlug: a slug from any title never throws (no lone surrogate reaches encodeURIComponent) and decodes back to itself', () => {
  fc.assert(fc.property(title, (t) => {
    const slug = slugify(t);
    const enc = encodeSlug(slug);
    assert.match(enc, /^[A-Za-z0-9\-._~!*'()%]*$/);
    assert.equal(decodeSafe(enc), slug);
  }), { numRuns: 3000 });
});
