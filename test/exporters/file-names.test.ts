import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { foldKey, MAX_STEM_BYTES, PathRegistry, safeFileName, safeStem } from '../../src/exporters/file-names.ts';

/** What every platform's file system accepts as one name, checked independently of the implementation. */
function assertPortableName(name: string): void {
  assert.ok(name.length > 0, 'empty name');
  assert.doesNotMatch(name, /[<>:"/\\|?*\u0000-\u001f]/, `forbidden character in ${JSON.stringify(name)}`);
  assert.doesNotMatch(name, /^\./, `leading dot in ${JSON.stringify(name)}`);
  assert.doesNotMatch(name, /[. ]$/, `trailing dot or space in ${JSON.stringify(name)}`);
  assert.doesNotMatch(name.split('.')[0]!, /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i, `reserved Windows name ${JSON.stringify(name)}`);
  assert.ok(Buffer.byteLength(name) <= 255, `longer than 255 bytes: ${name.length}`);
  assert.equal(name, name.normalize('NFC'));
}

test('hostile slugs become one portable name that cannot leave its folder', () => {
  const cases: [string, string][] = [
    ['../../etc/passwd', 'etc-passwd'],
    ['..', 'untitled'],
    ['/absolute', 'absolute'],
    ['C:\\Windows\\x', 'C--Windows-x'],
    ['nul\u0000byte', 'nul-byte'],
    ['a<b>c:d"e|f?g*h', 'a-b-c-d-e-f-g-h'],
    ['trailing dots...', 'trailing dots'],
    ['trailing space   ', 'trailing space'],
    ['.hidden', 'hidden'],
    ['', 'untitled'],
  ];
  for (const [raw, expected] of cases) {
    assert.equal(safeStem(raw), expected, raw);
    assertPortableName(safeFileName(raw, '.md'));
  }
});

test('Windows device names get a suffix whatever their case or extension', () => {
  for (const dev of ['CON', 'con', 'Prn', 'aux', 'NUL', 'com1', 'COM9', 'lpt1', 'LPT9']) {
    const name = safeFileName(dev, '.md');
    assert.equal(name, `${dev}_.md`);
    assertPortableName(name);
  }
  assert.equal(safeFileName('console', '.md'), 'console.md', 'only exact device names are reserved');
  // Windows ignores everything after the first dot when it checks for a device name.
  assert.equal(safeFileName('con.txt', '.md'), 'con_.txt.md');
  assert.equal(safeFileName('AUX.tar', '.gz'), 'AUX_.tar.gz');
  assertPortableName(safeFileName('lpt1.x.y'));
});

test('long names are capped in bytes, cut on a code point, and stay distinct', () => {
  const a = safeStem('å'.repeat(300));
  const b = safeStem(`${'å'.repeat(299)}ä`);
  assert.ok(Buffer.byteLength(a) <= MAX_STEM_BYTES);
  assert.notEqual(a, b, 'two long names that share a prefix must not collide');
  assert.ok(!a.includes('\uFFFD'));
  const emoji = safeStem('😀'.repeat(100));
  assert.ok(Buffer.byteLength(emoji) <= MAX_STEM_BYTES);
  assert.doesNotMatch(emoji, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/, 'no lone high surrogate');
});

test('any string gives a portable name (property)', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom('', '.md', '.jpg'), (raw, ext) => {
    assertPortableName(safeFileName(raw, ext));
  }), { numRuns: 2000 });
});

test('names that differ only in case or Unicode form never share a path', () => {
  const reg = new PathRegistry();
  const nfc = 'innovationsstrategi-\u00e5r';
  const nfd = nfc.normalize('NFD');
  const paths = [
    reg.claimFile('innovation/2013/06', safeFileName('Slug'), '.md'),
    reg.claimFile('innovation/2013/06', safeFileName('slug'), '.md'),
    reg.claimFile('innovation/2013/06', safeFileName('SLUG'), '.md'),
    reg.claimFile('innovation/2013/06', safeFileName(nfc), '.md'),
    reg.claimFile('innovation/2013/06', safeFileName(nfd), '.md'),
  ];
  assert.deepEqual(paths, [
    'innovation/2013/06/Slug.md',
    'innovation/2013/06/slug-2.md',
    'innovation/2013/06/SLUG-3.md',
    `innovation/2013/06/${nfc}.md`,
    `innovation/2013/06/${nfc}-2.md`,
  ]);
  assert.equal(new Set(paths.map(foldKey)).size, paths.length);
});

test('a page bundle folder is claimed whole: a second bundle of the same name gets a suffix', () => {
  const reg = new PathRegistry();
  const a = reg.claimDir('content/innovation/2013', 'slug');
  const b = reg.claimDir('content/innovation/2013', 'SLUG');
  assert.equal(a, 'content/innovation/2013/slug');
  assert.equal(b, 'content/innovation/2013/SLUG-2');
  assert.equal(reg.claimFile(a, 'index', '.md'), 'content/innovation/2013/slug/index.md');
  assert.equal(reg.claimFile(b, 'index', '.md'), 'content/innovation/2013/SLUG-2/index.md');
  // A file may not take a name that is already a folder.
  assert.equal(reg.claimFile('content/innovation', '2013', ''), 'content/innovation/2013-2');
});
