import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeDestination, listMarkdownLinks, relativeLink, rewriteMarkdownLinks } from '../../src/exporters/links.ts';

const upper = (md: string): string => rewriteMarkdownLinks(md, (l) => ({ action: 'replace', dest: l.dest.toUpperCase() }));

test('finds inline links and images with titles, escapes and angle brackets', () => {
  const md = [
    'A [link](http://a.se/x "Title") and ![alt](http://a.se/i.jpg).',
    'Escaped parens [w](http://a.se/Foo_\\(bar\\)) and balanced [b](http://a.se/a(b)c).',
    'Spaces [s](<http://a.se/a b>) and a title in parens [p](http://a.se/p (t)).',
  ].join('\n');
  assert.deepEqual(listMarkdownLinks(md).map((l) => [l.dest, l.isImage, l.text]), [
    ['http://a.se/x', false, 'link'],
    ['http://a.se/i.jpg', true, 'alt'],
    ['http://a.se/Foo_(bar)', false, 'w'],
    ['http://a.se/a(b)c', false, 'b'],
    ['http://a.se/a b', false, 's'],
    ['http://a.se/p', false, 'p'],
  ]);
});

test('replacing keeps text and title; destinations are re-escaped', () => {
  assert.equal(upper('[x](http://a.se/y "T")'), '[x](HTTP://A.SE/Y "T")');
  assert.equal(rewriteMarkdownLinks('[x](a)', () => ({ action: 'replace', dest: 'b (c).md' })), '[x](<b \\(c\\).md>)');
  assert.equal(escapeDestination('a(b)'), 'a\\(b\\)');
});

test('an image inside a link is rewritten too, and drop removes images but keeps link text', () => {
  const md = '[![alt](http://a.se/t.jpg)](http://a.se/full.jpg) and [text](http://a.se/doc.pdf)';
  const seen: string[] = [];
  const out = rewriteMarkdownLinks(md, (l) => { seen.push(l.dest); return { action: 'drop' }; });
  assert.deepEqual(seen, ['http://a.se/t.jpg', 'http://a.se/full.jpg', 'http://a.se/doc.pdf']);
  assert.equal(out, ' and text');
});

test('code spans and fenced code blocks are left alone', () => {
  const md = [
    'Use `[x](http://a.se/code)` here and ``[y](http://a.se/` `code2)`` too, [real](http://a.se/r).',
    '```',
    '[in fence](http://a.se/fenced)',
    '```',
    '~~~md',
    '[tilde](http://a.se/tilde)',
    '~~~',
    '[after](http://a.se/after)',
  ].join('\n');
  const out = upper(md);
  assert.equal(out, md.replace('http://a.se/r', 'HTTP://A.SE/R').replace('http://a.se/after', 'HTTP://A.SE/AFTER'));
});

test('text that only looks like a link is untouched', () => {
  for (const md of ['[no destination]', '[a] (b)', '\\[escaped](http://a.se/)', 'unclosed [x](http://a.se/', '[x](http://a.se/ "unclosed title)']) {
    assert.equal(upper(md), md, md);
  }
});

test('a 5 MB body is rewritten in a few seconds at most', () => {
  const para = 'Text with a [link](http://www.naringsbloggen.se/innovation/eu/x/) and ![img](http://www.naringsbloggen.se/innovation/files/2013/06/a.jpg) `code` more words.\n\n';
  const copies = Math.ceil(5_000_000 / para.length);
  const md = para.repeat(copies);
  // CPU time, not wall time: the suite shares two cores with other test files.
  const cpu = process.cpuUsage();
  const out = upper(md);
  const ms = process.cpuUsage(cpu).user / 1000;
  assert.equal(out.split('HTTP://WWW.NARINGSBLOGGEN.SE/').length - 1, 2 * copies);
  assert.ok(ms < 8000, `5 MB took ${ms} ms of CPU`);
});

test('hostile bracket soup (unclosed links, deep nesting) stays fast and unchanged', () => {
  // Each of these is quadratic (or overflows the stack) for a naive scanner: 1 MB would take minutes.
  for (const md of ['['.repeat(100_000) + '```' + ']('.repeat(100_000), '[a](x'.repeat(200_000), '[a](<b'.repeat(170_000), '[a](b "x'.repeat(120_000), `${'['.repeat(20_000)}a${'](b)'.repeat(20_000)}`]) {
    const cpu = process.cpuUsage();
    const out = upper(md);
    const ms = process.cpuUsage(cpu).user / 1000;
    assert.ok(ms < 3000, `${md.slice(0, 12)}… took ${ms} ms of CPU`);
    if (!md.includes('](b)')) assert.equal(out, md);
  }
});

test('relative links between output files are percent-encoded per segment', () => {
  assert.equal(relativeLink('innovation/2013/06/a.md', 'innovation/2014/01/en-–-ja.md'), '../../2014/01/en-%E2%80%93-ja.md');
  assert.equal(relativeLink('a/b.md', 'a/b.md'), 'b.md');
  assert.equal(relativeLink('content/x/2013/a/index.md', 'content/x/2013/a/bild (1).jpg'), 'bild%20(1).jpg');
});
