/** The top of the report: where the archive came from, the numbers, the blogs, and every post. */
import { card, esc, link, raw, table, tableChunks, type Cell } from './html.ts';
import type { PostRow, ReportData } from './types.ts';

function when(iso: string | null): string {
  // An ISO time as a person reads it, in UTC so every reader sees the same moment.
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : 'not recorded';
}

export function provenanceSection(d: ReportData): string {
  const p = d.provenance;
  const starts = p.startUrls.length ? p.startUrls.map((u) => link(u, u).html).join(', ') : 'not recorded';
  return `<ul class="meta">
<li><b>Archived from</b> ${starts}</li>
<li><b>Source</b> ${esc(p.source)}${p.sourceDetail ? ` (${esc(p.sourceDetail)})` : ''}</li>
<li><b>Captured</b> ${esc(when(p.startedAt))} to ${esc(when(p.finishedAt))}</li>
<li><b>Hosts of the old site</b> ${esc(d.hosts.join(', ') || 'none')}</li>
${p.siteHref ? `<li><b>Browse the archive</b> ${link(p.siteHref, 'the archived pages, as a static copy').html}</li>\n` : ''}<li><b>Report written by</b> ${esc(p.tool)}</li>
</ul>`;
}

/** The same numbers, in the same words, as the `snapshot`/`demo` summary on the command line. */
export function numbersSection(d: ReportData): string {
  const n = d.numbers;
  const c = n.coverage;
  return `<div class="cards">${[
    card('URLs archived', n.archived, { key: 'archived' }),
    card('failed', n.failed, { bad: n.failed > 0, key: 'failed' }),
    card('answered 4xx', n.clientErrors, { key: 'clientErrors' }),
    card('posts', n.posts, { key: 'posts' }),
    card('static pages', n.pages, { key: 'pages' }),
    card('old URLs', n.urls, { key: 'urls' }),
    card('Markdown files', n.markdownFiles, { key: 'markdownFiles' }),
    card('redirect rows', n.redirectRows ?? 'none', { key: 'redirectRows' }),
    ...(c ? [card('by map', c.map, { key: 'coverage.map' }), card('by rule', c.rule, { key: 'coverage.rule' }), card('by fallback', c.fallback, { key: 'coverage.fallback' }), card('without a row', c.none, { bad: c.none > 0, key: 'coverage.none' })] : []),
    card('files in snapshot', n.files ?? '–', { key: 'files' }),
  ].join('')}</div>`;
}

export function blogsSection(d: ReportData): string {
  const counts = (b: ReportData['blogs'][number]): Cell =>
    b.comments !== null ? b.comments : { value: 'not displayed', sort: -1 };
  return table(['blog', 'posts', 'pages', 'first post', 'last post', 'comment counts displayed', 'comments archived'],
    d.blogs.map((b) => [b.blog || '(single blog)', b.posts, b.pages, b.first, b.last, counts(b), b.commentsArchived]),
    { label: 'Posts per blog', numeric: [1, 2, 5, 6] });
}

/** The path of an old URL, which is what tells two posts apart on one host; the link keeps the whole URL. */
function shortUrl(u: string): string {
  try {
    const x = new URL(u);
    return decodeURI(x.pathname + x.search);
  } catch {
    return u;
  }
}

function postCells(p: PostRow): Cell[] {
  const files = [p.markdownHref ? link(p.markdownHref, 'Markdown').html : '', p.archivedHref ? link(p.archivedHref, 'archived page').html : '']
    .filter(Boolean).join(' · ') || '–';
  return [
    raw(esc(p.title)),
    p.blog || '–',
    p.date,
    p.categories.join(', ') || '–',
    p.comments === null ? { value: p.commentsArchived ? `not displayed (${p.commentsArchived} archived)` : 'not displayed', sort: -1 } : p.comments,
    link(p.oldUrl, shortUrl(p.oldUrl)),
    p.newUrl ? link(p.newUrl, p.newUrl) : { value: 'no redirect row', cls: 'bad' },
    raw(files),
  ];
}

/** Every post in one table, made a row at a time as it is written. */
export function* postsSection(d: ReportData): Generator<string> {
  const sorted = [...d.posts].sort((a, b) => (a.blog < b.blog ? -1 : a.blog > b.blog ? 1 : (b.date ?? '').localeCompare(a.date ?? '')));
  const search = `<div class="search" data-search-for="posts-table" hidden><label for="post-search">Search the posts</label> ` +
    `<input id="post-search" type="search" placeholder="title, category, URL…" aria-describedby="post-count"> <output id="post-count" aria-live="polite">${sorted.length} of ${sorted.length} shown</output></div>`;
  const noJs = '<p class="muted">Every post is listed below, by blog and newest first. Column headings sort the table and the search box filters it when the browser runs the page\'s script; without it, use the browser\'s own find (Ctrl+F).</p>';
  yield noJs + search;
  const rows = { length: sorted.length, at: (i: number) => (i < sorted.length ? postCells(sorted[i]!) : undefined) };
  yield* tableChunks(['title', 'blog', 'date', 'categories', 'comments', 'old URL', 'new URL', 'files'],
    rows, { label: `All ${sorted.length} posts`, numeric: [4], sortable: true, id: 'posts-table', cls: 'stack' });
}
