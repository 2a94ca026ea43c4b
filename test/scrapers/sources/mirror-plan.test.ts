import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mirrorRoot, planMirror } from '../../../src/scrapers/sources/mirror.ts';

const tmp = mkdtempSync(join(tmpdir(), 'naring-mirror-plan-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function put(rel: string, text: string): void {
  mkdirSync(join(tmp, rel, '..'), { recursive: true });
  writeFileSync(join(tmp, rel), text);
}

test('a mirror folder: backups win over converted copies, HTTrack files go by their comment, tool files and second copies are listed', () => {
  const site = 'www.example.se';
  put(`${site}/index.html`, '<html>converted</html>');
  put(`${site}/index.html.orig`, '<html>as served</html>');
  put(`${site}/blog/index.html?p=3.html`, '<html>converted p=3</html>');
  put(`${site}/blog/index.html?p=3.orig`, '<html>p=3 as served</html>');
  put(`${site}/blog/index2b4c.html`, '<html><!-- Mirrored from www.example.se/blog/?cat=7 by HTTrack Website Copier/3.x [XR&CO\'2014], Mon, 15 Jan 2018 --><head>');
  put(`${site}/pr%c3%b8ver/index.html`, '<html>escaped</html>');
  put(`${site}/prøver/index.html`, '<html>decoded</html>');
  put(`${site}/hts-cache/new.zip`, 'PK');
  assert.equal(mirrorRoot(tmp, 'http://www.example.se/'), join(tmp, site), 'wget\'s host folder is the root');
  const { planned, unmapped } = planMirror(join(tmp, site), 'http://www.example.se/');
  const byUrl = Object.fromEntries(planned.map((p) => [p.url, p.path]));
  assert.deepEqual(byUrl, {
    'http://www.example.se/': 'index.html.orig',
    'http://www.example.se/blog/?cat=7': 'blog/index2b4c.html',
    'http://www.example.se/blog/?p=3': 'blog/index.html?p=3.orig',
    'http://www.example.se/pr%C3%B8ver/': 'pr%c3%b8ver/index.html',
  });
  const reasons = Object.fromEntries(unmapped.map((u) => [u.path, u.reason]));
  assert.match(reasons['index.html']!, /converted by wget; index\.html\.orig/);
  assert.match(reasons['blog/index.html?p=3.html']!, /converted by wget; blog\/index\.html\?p=3\.orig/);
  assert.match(reasons['prøver/index.html']!, /same URL as pr%c3%b8ver\/index\.html/);
  assert.match(reasons['hts-cache/new.zip']!, /mirroring tool/);
});
