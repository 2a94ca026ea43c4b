/**
 * The migration report: one self-contained HTML page (inline CSS, no scripts, no external assets) that a
 * web editor can mail or attach to a ticket. Pure: ReportData in, HTML text out; no dates, so the same
 * snapshot always gives the same page.
 */

export interface BlogRow {
  blog: string;
  posts: number;
  pages: number;
  first: string | null;
  last: string | null;
  /** Sum of the displayed comment counts; null where the blog never shows counts. */
  comments: number | null;
}

export interface KindRow {
  kind: string;
  urls: number;
  failed: number;
  redirected: number;
}

/** What the page shows; src/snapshot/report-data.ts gathers it from a snapshot folder. */
export interface ReportData {
  /** The hosts of the old site, from the URL inventory. */
  hosts: string[];
  totals: { posts: number; pages: number; urls: number; redirectRows: number | null; failed: number; files: number | null };
  blogs: BlogRow[];
  kinds: KindRow[];
  /** null when the snapshot has no redirect maps. */
  redirects: { covered: number; uncovered: string[]; byStatus: Array<[number, number]>; topTargets: Array<[string, number]> } | null;
  failures: Array<{ url: string; status: number | null; reason: string }>;
  /** extract-report.json as extract wrote it, shown section by section; null when absent. */
  extractReport: unknown;
}

const MAX_ROWS = 200;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.25rem .6rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.bad{color:#a40000}.ok{color:#1d6b2a}
.cards{display:flex;flex-wrap:wrap;gap:.8rem}.card{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;min-width:8rem}
.card b{display:block;font-size:1.5rem}code,pre{font:13px ui-monospace,monospace}pre{background:#f6f6f6;padding:.6rem;overflow:auto}
`;

function table(head: string[], rows: Array<Array<string | number>>, numeric: number[] = []): string {
  const cell = (tag: string, v: string | number, i: number) => `<${tag}${numeric.includes(i) ? ' class="n"' : ''}>${escapeHtml(String(v))}</${tag}>`;
  const shown = rows.slice(0, MAX_ROWS);
  const more = rows.length > MAX_ROWS ? `<p>… and ${rows.length - MAX_ROWS} more; see the snapshot's data files.</p>` : '';
  return `<table><thead><tr>${head.map((h, i) => cell('th', h, i)).join('')}</tr></thead><tbody>\n${shown.map((r) => `<tr>${r.map((v, i) => cell('td', v, i)).join('')}</tr>`).join('\n')}\n</tbody></table>${more}`;
}

function card(label: string, value: string | number, bad = false): string {
  return `<div class="card${bad ? ' bad' : ''}"><b>${escapeHtml(String(value))}</b>${escapeHtml(label)}</div>`;
}

function pct(n: number, of: number): string {
  return of === 0 ? '–' : `${((100 * n) / of).toFixed(1)} %`;
}

/** extract-report.json's shape belongs to extract; each top-level part is shown with its size and content. */
function extractSection(report: unknown): string {
  if (report === null || report === undefined) return '<p>No extract-report.json in this snapshot.</p>';
  if (typeof report !== 'object') return `<pre>${escapeHtml(JSON.stringify(report, null, 2))}</pre>`;
  const entries = Array.isArray(report) ? [['problems', report] as const] : Object.entries(report as Record<string, unknown>);
  return entries.map(([key, value]) => {
    const n = Array.isArray(value) ? ` (${value.length})` : '';
    const shown = Array.isArray(value) ? value.slice(0, MAX_ROWS) : value;
    const text = JSON.stringify(shown, null, 2) ?? '';
    const more = Array.isArray(value) && value.length > MAX_ROWS ? `\n… and ${value.length - MAX_ROWS} more` : '';
    return `<h3>${escapeHtml(key)}${n}</h3><pre>${escapeHtml(text + more)}</pre>`;
  }).join('\n');
}

export function toReportHtml(d: ReportData): string {
  const t = d.totals;
  const site = d.hosts.join(', ') || 'the old site';
  const parts: string[] = [];
  parts.push(`<h1>Migration report: ${escapeHtml(site)}</h1>`);
  parts.push(`<div class="cards">${[
    card('posts', t.posts), card('static pages', t.pages), card('old URLs', t.urls),
    card('redirect rows', t.redirectRows ?? 'none'), card('URLs that failed or answered 4xx', t.failed, t.failed > 0), card('files in snapshot', t.files ?? '–'),
  ].join('')}</div>`);
  parts.push('<h2>Posts per blog</h2>');
  parts.push(table(['blog', 'posts', 'pages', 'first post', 'last post', 'comments shown'],
    d.blogs.map((b) => [b.blog || '(single blog)', b.posts, b.pages, b.first ?? '–', b.last ?? '–', b.comments ?? 'not shown']), [1, 2, 5]));
  parts.push('<h2>Old URLs by kind</h2>');
  parts.push(table(['kind', 'URLs', 'failed', 'with a redirect row'], d.kinds.map((k) => [k.kind, k.urls, k.failed, d.redirects ? k.redirected : '–']), [1, 2, 3]));
  parts.push('<h2>Redirect coverage</h2>');
  if (!d.redirects) {
    parts.push('<p>This snapshot was taken without <code>--rules</code>, so it has no redirect maps.</p>');
  } else {
    const r = d.redirects;
    const cls = r.uncovered.length === 0 ? 'ok' : 'bad';
    parts.push(`<p class="${cls}">${r.covered} of ${t.urls} old URLs (${pct(r.covered, t.urls)}) have a redirect row.</p>`);
    parts.push(table(['status', 'rows'], r.byStatus, [1]));
    parts.push('<h3>Targets that take the most rows</h3>');
    parts.push(table(['target', 'rows'], r.topTargets, [1]));
    if (r.uncovered.length) {
      parts.push('<h3 class="bad">Old URLs without a redirect row</h3>');
      parts.push(table(['URL'], r.uncovered.map((u) => [u])));
    }
  }
  parts.push('<h2>URLs that failed or answered 4xx</h2>');
  parts.push(d.failures.length === 0 ? '<p class="ok">Every fetched URL answered.</p>' : table(['URL', 'status', 'reason'], d.failures.map((f) => [f.url, f.status ?? '–', f.reason]), [1]));
  parts.push('<h2>Extract problems</h2>');
  parts.push(extractSection(d.extractReport));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Migration report: ${escapeHtml(site)}</title>
<style>${CSS}</style>
</head>
<body>
${parts.join('\n')}
<footer><p>Written by naring-archive from the snapshot's data/, redirects/ and crawl/ files.</p></footer>
</body>
</html>
`;
}
