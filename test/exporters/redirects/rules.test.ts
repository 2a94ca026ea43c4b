import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadRules, parseEditorMap, parseRules } from '../../../src/exporters/redirects/index.ts';
import { UsageError } from '../../../src/errors.ts';
import { tempDir } from './helpers.ts';

const BASE = { sourceHosts: ['www.example.se'], target: 'https://new.example.se', rules: [], fallback: '/' };

function rejects(doc: unknown, pattern: RegExp): void {
  assert.throws(() => parseRules(doc, 'rules.yaml'), (err: unknown) => {
    assert.ok(err instanceof UsageError, String(err));
    assert.match(err.message, pattern);
    assert.doesNotMatch(err.message, /\n/);
    return true;
  });
}

test('the bundled Näringsbloggen rules load and cover both old hosts', async () => {
  const rules = await loadRules(join(import.meta.dirname, '../../../fixtures/rules/naringsbloggen.yaml'));
  assert.deepEqual(rules.sourceHosts, ['naringsbloggen.se', 'www.naringsbloggen.se']);
  assert.equal(rules.target, 'https://www.regeringen.se/');
  assert.deepEqual(rules.allowHosts, ['www.regeringen.se']);
  assert.ok(rules.rules.some((r) => r.kinds?.includes('post') && r.to.includes('{slug}')));
  assert.ok(rules.fallback);
});

test('every field is checked, and the message names the field and the fix', () => {
  rejects({ ...BASE, sourceHost: ['x'] }, /unknown field "sourceHost"; the fields are/);
  rejects({ ...BASE, sourceHosts: ['http://www.example.se/'] }, /sourceHosts: expected a list of host names without scheme or path/);
  rejects({ ...BASE, sourceHosts: [] }, /sourceHosts:/);
  rejects({ ...BASE, target: 'new.example.se' }, /target: .* is not an absolute http\(s\) URL/);
  rejects({ ...BASE, target: undefined }, /target: expected the new site's origin/);
  rejects({ ...BASE, allowHosts: 'x y' }, /allowHosts:/);
  rejects({ ...BASE, rules: [{ kind: 'posts', to: '/x/' }] }, /rules\[1\]: kind: "posts" is not a page kind; use one of home, post/);
  rejects({ ...BASE, rules: [{ kind: 'post', to: '/x/{title}/' }] }, /rules\[1\]: to: unknown placeholder \{title\}/);
  rejects({ ...BASE, rules: [{ kind: 'post' }] }, /rules\[1\]: to: expected a target/);
  rejects({ ...BASE, rules: [{ kind: 'post', to: '/x/', match: '(' }] }, /rules\[1\]: match: "\(" is not a valid regular expression/);
  rejects({ ...BASE, rules: [{ kind: 'post', to: '/x/', when: 'y' }] }, /rules\[1\]: unknown field "when"/);
  rejects({ ...BASE, fallback: '/x/{slug}/' }, /fallback: placeholders such as \{slug\} are not allowed/);
  rejects(['a'], /expected a mapping with sourceHosts/);
});

test('allowHosts defaults to the target host; hosts are lower-cased and sorted', () => {
  const r = parseRules({ ...BASE, sourceHosts: ['WWW.Example.se', 'example.se'] }, 'r.yaml');
  assert.deepEqual(r.sourceHosts, ['example.se', 'www.example.se']);
  assert.deepEqual(r.allowHosts, ['new.example.se']);
});

test("the editors' map reads from,to and the url,...,new_url sheet of export csv, skipping empty targets", () => {
  const a = parseEditorMap('from,to\nhttp://www.example.se/a/,/x/\r\n/b/,https://new.example.se/y/\n/c/,\n', 'm.csv');
  assert.deepEqual(a.map((r) => [r.key, r.host, r.to]), [['/a/', 'www.example.se', '/x/'], ['/b/', null, 'https://new.example.se/y/']]);
  const b = parseEditorMap('\uFEFFurl,title,date,author,categories,comment_count,excerpt,new_url\n"http://www.example.se/en-%e2%80%93-x/","Titel, med komma",2012-01-01,,,0,"""citat""",/z/\nhttp://www.example.se/q/,T,,,,,,\n', 'posts.csv');
  assert.deepEqual(b.map((r) => [r.key, r.to]), [['/en-%E2%80%93-x/', '/z/']]);
  assert.throws(() => parseEditorMap('a,b\n1,2\n', 'm.csv'), /m\.csv: line 1: expected the columns from,to/);
  assert.throws(() => parseEditorMap('from,to\n"/a/,/b/\n', 'm.csv'), /m\.csv: line 2: a quoted cell is never closed/);
});

test('loadRules reads YAML and JSON, resolves map: beside the rules file, and says what is wrong with a bad file', async () => {
  const dir = await tempDir('rules');
  try {
    await writeFile(join(dir, 'mapping.csv'), 'from,to\n/gammal/,/ny/\n');
    await writeFile(join(dir, 'rules.yaml'), 'sourceHosts: [www.example.se]\ntarget: https://new.example.se\nmap: mapping.csv\nfallback: /\n');
    const y = await loadRules(join(dir, 'rules.yaml'));
    assert.deepEqual(y.map.map((m) => [m.key, m.to]), [['/gammal/', '/ny/']]);
    await writeFile(join(dir, 'rules.json'), JSON.stringify({ ...BASE, map: 'missing.csv' }));
    await assert.rejects(loadRules(join(dir, 'rules.json')), /missing\.csv: cannot read the editors' mapping \(ENOENT\)/);
    await writeFile(join(dir, 'bad.yaml'), 'sourceHosts: [a\n');
    await assert.rejects(loadRules(join(dir, 'bad.yaml')), /bad\.yaml: not valid YAML/);
    await assert.rejects(loadRules(join(dir, 'none.yaml')), /none\.yaml: cannot read the rules file \(ENOENT\)/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
