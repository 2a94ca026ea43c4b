/** The rest of the report: the site as a tree, charts, URLs by kind, redirects, verification, problems. */
import { categoriesChart, monthsChart } from './charts.ts';
import { esc, link, pct, table } from './html.ts';
import type { ReportData } from './types.ts';

/** Blogs, their categories and every post under each, a category at a time as it is written. */
export function* treeSection(d: ReportData): Generator<string> {
  if (d.tree.length === 0) {
    yield '<p>No posts.</p>';
    return;
  }
  yield '<p class="muted">A post listed in several categories appears under each.</p><ul class="tree">';
  for (const [n, b] of d.tree.entries()) {
    yield `${n > 0 ? '\n' : ''}<li><details open><summary><strong>${esc(b.blog || '(single blog)')}</strong> (${b.posts} posts, ${b.categories.length} categories)</summary><ul>`;
    for (const c of b.categories) {
      const posts = c.posts.map((i) => {
        const p = d.posts[i]!;
        return `<li>${p.date ? `${esc(p.date)} ` : ''}${link(p.archivedHref ?? p.markdownHref ?? p.oldUrl, p.title).html}</li>`;
      }).join('');
      yield `<li><details><summary>${esc(c.name)} (${c.posts.length})</summary><ul>${posts}</ul></details></li>`;
    }
    yield '</ul></details></li>';
  }
  yield '</ul>';
}

export function chartsSection(d: ReportData): string {
  return `<h3 id="per-month">Posts per month</h3>${monthsChart(d.months, 'chart-months')}
<details><summary>Posts per month as a table</summary>${table(['month', 'posts'], d.months.filter(([, n]) => n > 0), { label: 'Posts per month', numeric: [1] })}</details>
<h3 id="per-category">Posts per category</h3>${categoriesChart(d.categories, 'chart-categories')}
<details><summary>Posts per category as a table</summary>${table(['category', 'posts'], d.categories, { label: 'Posts per category', numeric: [1], sortable: true })}</details>`;
}

export function kindsSection(d: ReportData): string {
  return table(['kind', 'URLs', 'failed or 4xx', 'with a redirect row'], d.kinds.map((k) => [k.kind, k.urls, k.failed, d.redirects ? k.redirected : '–']),
    { label: 'Old URLs by kind', numeric: [1, 2, 3] });
}

const SOURCE_WORDS: Record<string, string> = { map: "editors' map", rule: 'rules', fallback: 'fallback' };

export function redirectsSection(d: ReportData): string {
  if (!d.redirects) return '<p>This snapshot was taken without <code>--rules</code>, so it has no redirect maps.</p>';
  const r = d.redirects;
  const urls = d.numbers.urls;
  const out = [`<p class="${r.uncovered.length === 0 ? 'ok' : 'bad'}">${r.covered} of ${urls} old URLs (${pct(r.covered, urls)}) have a redirect row.</p>`];
  out.push(table(['target from', 'old URLs', 'share', 'rows (every host, scheme and spelling)'],
    r.bySource.map((s) => [SOURCE_WORDS[s.source] ?? s.source, s.urls, pct(s.urls, urls), s.rows]), { label: 'Coverage by source', numeric: [1, 2, 3] }));
  out.push(`<h3 id="fallback">Old URLs sent to the fallback (${r.fallback.length})</h3>`);
  out.push(r.fallback.length === 0 ? '<p class="ok">No old URL falls back: every one has a rule or a map row.</p>'
    : `<p class="muted">No map row or rule took these; check that the fallback page is where their readers should land.</p>${table(['old URL', 'kind', 'fallback URL'], r.fallback.map((f) => [link(f.url, f.url), f.kind, link(f.to, f.to)]), { label: 'Old URLs sent to the fallback', sortable: true })}`);
  if (r.uncovered.length) {
    out.push(`<h3 id="uncovered" class="bad">Old URLs without a redirect row (${r.uncovered.length})</h3>`);
    out.push(table(['old URL'], r.uncovered.map((u) => [link(u, u)]), { label: 'Old URLs without a redirect row', limit: 500 }));
  }
  out.push('<h3>Rows by status</h3>', table(['status', 'rows'], r.byStatus, { label: 'Redirect rows by status', numeric: [0, 1] }));
  out.push('<h3>Targets that take the most rows</h3>', table(['target', 'rows'], r.topTargets.map(([t, n]) => [link(t, t), n]), { label: 'Targets that take the most rows', numeric: [1] }));
  return out.join('\n');
}

export function verifySection(d: ReportData): string {
  const v = d.verify;
  if (!v) return '<p>No result of <code>verify-redirects</code> was given. Run <code>naring-archive verify-redirects redirects/redirects.json --base URL --json &gt; verify.json</code> against the new server, then <code>naring-archive report SNAPSHOT --out report.html --verify verify.json</code>.</p>';
  const head = `<p class="${v.wrong.length === 0 ? 'ok' : 'bad'}">${v.checked} rows checked (from <code>${esc(v.file)}</code>): ${v.correct} correct, ${v.wrong.length} wrong.</p>`;
  if (v.wrong.length === 0) return head;
  return head + table(['old URL', 'expected', 'got', 'what is wrong'], v.wrong.map((w) => [w.from, w.expected, w.got, w.errors.join('; ')]),
    { label: 'Rows the server answered wrongly', sortable: true, limit: 1000 });
}

export function failuresSection(d: ReportData): string {
  if (d.failures.length === 0) return '<p class="ok">Every fetched URL answered with a page or a redirect.</p>';
  return table(['URL', 'status', 'reason'], d.failures.map((f) => [link(f.url, f.url), f.status, f.reason]),
    { label: 'URLs that failed or answered 4xx', numeric: [1], sortable: true, limit: 1000 });
}

export function problemsSection(d: ReportData): string {
  const x = d.extract;
  if (!x) return '<p>No extract-report.json in this snapshot.</p>';
  const problems = x.problems.length === 0 ? '<p class="ok">Every archived page was understood.</p>'
    : table(['page', 'severity', 'stage', 'what went wrong'], x.problems.map((p) => [link(p.url, p.url), { value: p.severity, cls: p.severity === 'error' ? 'bad' : '' }, p.stage, p.reason]),
      { label: 'Pages not understood', sortable: true, limit: 1000 });
  const dis = x.disagreements.length === 0 ? '<p class="ok">Listings, post pages and feeds agree on every field.</p>'
    : table(['post', 'field', 'what each source said'], x.disagreements.map((g) => [link(g.url, g.url), g.field, g.values.map((v) => `${v.source}: ${v.value}`).join(' | ')]),
      { label: 'Fields on which the sources disagree', sortable: true, limit: 1000 });
  return `<h3 id="problems">Pages not understood (${x.problems.length})</h3>${problems}<h3 id="disagreements">Disagreements between sources (${x.disagreements.length})</h3>${dis}`;
}
