/**
 * Old URLs that real Hugo and Jekyll must survive as aliases: one path segment longer than a file name may
 * be, and a whole path past what a generator can write under its output folder. The Hugo build must finish,
 * the too-long alias is left out (the server's redirect map serves it) and said; the short ones still work.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportMarkdown } from '../../src/exporters/markdown.ts';
import { writeOutputFiles } from '../../src/exporters/write.ts';
import { input, post } from '../exporters/records.ts';
import { hugoBuild, walk } from './cases-content.ts';
import type { Case } from './cases-crawl.ts';
import type { Row } from './table.ts';

const H = 'http://www.naringsbloggen.se';
const LONG_SEGMENT = `/innovation/${'lang-rubrik-'.repeat(30)}/`; // one segment of 360 bytes: over NAME_MAX
const LONG_PATH = `/innovation/${Array.from({ length: 12 }, (_, i) => `${'del'.repeat(40)}-${i}`).join('/')}/`; // 1.5 kB of short segments
const SHORT = '/innovation/2013/06/gammal-adress/';

async function build(layout: 'hugo' | 'jekyll'): Promise<Row> {
  const root = mkdtempSync(join(tmpdir(), `naring-rel-alias-${layout}-`));
  try {
    const record = post({ slug: 'lang', aliases: [`${H}${LONG_SEGMENT}`, `${H}${LONG_PATH}`, `${H}${SHORT}`] });
    const md = exportMarkdown(input([record]), { layout, images: 'none' });
    assert.deepEqual(md.overlongAliases, [LONG_PATH, LONG_SEGMENT].sort());
    if (layout === 'jekyll') {
      // jekyll-redirect-from (which writes redirect_from as pages) is not installed here: its input is checked.
      const page = String(md.files.find((f) => f.path.endsWith('lang.md') || f.path.endsWith('lang/index.md'))?.contents ?? '');
      const from = /redirect_from:\n((?:  - .*\n)*)/.exec(page)?.[1] ?? '';
      assert.deepEqual(from.trim().split('\n').map((l) => l.replace(/^\s*- "?|"$/g, '')), [SHORT, new URL(record.url).pathname].sort());
      return { id: '12b', fault: 'the same old URLs as Jekyll redirect_from (jekyll-redirect-from input)', did: 'the two too-long paths left out and said; the writable ones kept', kept: '2 of 2 writable paths', lost: '0', corrupted: 0, escapes: 0 };
    }
    const src = join(root, 'site');
    await writeOutputFiles(src, md.files);
    const out = hugoBuild(root, src); // throws if the build stops
    const files = walk(out);
    // The short alias became a redirect page; the long ones are absent (no half-made folders of them either).
    assert.ok(existsSync(join(out, SHORT, 'index.html')), `no redirect page at ${SHORT}: ${files.join(', ')}`);
    assert.equal(files.filter((f) => f.includes('lang-rubrik-lang') || f.includes('deldeldel')).length, 0);
    return { id: layout === 'hugo' ? '12a' : '12b', fault: `an old URL with a 360-byte segment and one of 1.5 kB as aliases, built by real Hugo`, did: 'build completes; the two too-long aliases left out and said (the redirect map serves them), the short one a redirect page', kept: '1 of 1 writable aliases', lost: '0', corrupted: 0, escapes: 0 };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export const generatorCases: Case[] = [
  { name: '#12a a too-long old URL does not stop the Hugo build through aliases', run: () => build('hugo') },
  { name: '#12b a too-long old URL is left out of Jekyll\'s redirect_from', run: () => build('jekyll') },
];
