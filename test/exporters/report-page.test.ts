/** The report page maker on hand-made data: escaping of hostile text, the script's CSP hash, sections. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { load } from 'cheerio';
import { toReportHtml, type ReportData, type PostRow } from '../../src/exporters/report/index.ts';
import { postsPerMonth, siteTree } from '../../src/snapshot/report-tree.ts';

const HOSTILE = '<img src=x onerror=alert(1)> "Citat" & \'mer\'';

function row(over: Partial<PostRow> = {}): PostRow {
  return {
    title: 'Ett inlägg', blog: 'innovation', date: '2013-06-05', categories: ['Om innovation'], comments: 2, commentsArchived: 2,
    oldUrl: 'http://www.naringsbloggen.se/innovation/om-innovation/ett/', newUrl: 'https://www.regeringen.se/ny/', newSource: 'rule',
    markdownHref: 'markdown/ett.md', archivedHref: null, ...over,
  };
}

function data(posts: PostRow[], over: Partial<ReportData> = {}): ReportData {
  return {
    hosts: ['www.naringsbloggen.se'],
    provenance: { startUrls: ['http://www.naringsbloggen.se/'], source: 'Wayback Machine', sourceDetail: 'https://web.archive.org', startedAt: '2026-01-02T03:04:05.678Z', finishedAt: '2026-01-02T04:00:00Z', tool: 'naring-archive 9.9.9', siteHref: null },
    numbers: { archived: 10, failed: 1, clientErrors: 2, posts: posts.length, pages: 0, urls: 5, markdownFiles: 3, redirectRows: 20, coverage: { map: 1, rule: 3, fallback: 1, none: 0 }, files: 7 },
    posts, blogs: [], kinds: [], tree: siteTree(posts), months: postsPerMonth(posts), categories: [],
    redirects: { covered: 5, uncovered: [], bySource: [{ source: 'map', urls: 1, rows: 4 }, { source: 'rule', urls: 3, rows: 12 }, { source: 'fallback', urls: 1, rows: 4 }],
      fallback: [{ url: 'http://www.naringsbloggen.se/innovation/?s=x', kind: 'search', to: 'https://www.regeringen.se/fallback/' }], byStatus: [[301, 20]], topTargets: [] },
    verify: null, failures: [], extract: { problems: [], disagreements: [] },
    ...over,
  };
}

test('report page: text from the old site stays text in cells, links, the tree and attributes', () => {
  const evil = row({ title: HOSTILE, categories: [`"><script>alert(2)</script>`], newUrl: 'javascript:alert(3)', oldUrl: 'http://www.naringsbloggen.se/a/"onmouseover="x/' });
  const html = toReportHtml(data([evil], {
    extract: { problems: [{ url: 'http://www.naringsbloggen.se/<b>/', severity: 'error', stage: 'extract', reason: HOSTILE }],
      disagreements: [{ url: 'http://www.naringsbloggen.se/d/', field: 'title', values: [{ source: 'feed', value: HOSTILE }] }] },
  }));
  const $ = load(html);
  // Nothing the old site wrote became an element: one script (ours), no image, no handler attribute.
  assert.equal($('script').length, 1);
  assert.equal($('img').length, 0);
  assert.equal($('[onerror], [onmouseover]').length, 0);
  // And it reads back exactly as written.
  assert.equal($('#posts-table tbody td').first().text(), HOSTILE);
  assert.equal($('#posts-table tbody td').eq(3).text(), `"><script>alert(2)</script>`);
  assert.equal($('.tree a').first().text(), HOSTILE);
  // A javascript: target is shown as text, never as a link.
  assert.equal($('a[href^="javascript:"]').length, 0);
  assert.equal($('#posts-table tbody td').eq(6).text(), 'javascript:alert(3)');
  assert.ok($('#extract').parent().text().includes(HOSTILE));
  assert.equal($('#extract').parent().find('table').length, 2, 'problems and disagreements are tables, not JSON');
});

test('report page: the Content-Security-Policy allows exactly the inline script, by its SHA-256', () => {
  const html = toReportHtml(data([row()]));
  const $ = load(html);
  const script = $('script').html() ?? '';
  const csp = $('meta[http-equiv="Content-Security-Policy"]').attr('content') ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.ok(csp.includes(`'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`), csp);
});

test('report page: provenance, coverage by source with the fallback URLs, and the verify result', () => {
  const html = toReportHtml(data([row()], {
    verify: { file: 'verify.json', checked: 20, correct: 19, wrong: [{ from: 'http://www.naringsbloggen.se/x/', expected: '301 → https://www.regeringen.se/ny/', got: '404', errors: ['status 404, expected 301'] }] },
  }));
  const $ = load(html);
  const meta = $('.meta').text();
  assert.match(meta, /Source Wayback Machine \(https:\/\/web\.archive\.org\)/);
  assert.match(meta, /Captured 2026-01-02 03:04:05 UTC to 2026-01-02 04:00:00 UTC/);
  assert.match(meta, /naring-archive 9\.9\.9/);
  const coverage = $('table').filter((_, t) => $(t).find('caption').text() === 'Coverage by source');
  assert.deepEqual(coverage.find('tbody tr').toArray().map((tr) => $(tr).find('td').toArray().map((td) => $(td).text())),
    [["editors' map", '1', '20.0 %', '4'], ['rules', '3', '60.0 %', '12'], ['fallback', '1', '20.0 %', '4']]);
  assert.match($('#fallback').text(), /sent to the fallback \(1\)/);
  assert.ok(html.includes('http://www.naringsbloggen.se/innovation/?s=x'));
  assert.match($('#verify').parent().text(), /20 rows checked \(from verify\.json\): 19 correct, 1 wrong/);
  assert.match($('#verify').parent().find('tbody').text(), /status 404, expected 301/);
});

test('report data: the month chart has every month from the first post to the last, empty ones as 0', () => {
  const months = postsPerMonth([row({ date: '2012-11-03' }), row({ date: '2013-02-01' }), row({ date: '2013-02-09' }), row({ date: null })]);
  assert.deepEqual(months, [['2012-11', 1], ['2012-12', 0], ['2013-01', 0], ['2013-02', 2]]);
});
