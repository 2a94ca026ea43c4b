/**
 * The migration report: one self-contained HTML page (inline style, one inline script allowed by its hash,
 * no external assets) that a web editor can mail, print or attach to a ticket. Pure: ReportData in, HTML
 * text out; it shows only dates the snapshot's files hold, so the same snapshot always gives the same page.
 */
import { CSS, SCRIPT, SCRIPT_HASH } from './assets.ts';
import { chartsSection, failuresSection, kindsSection, problemsSection, redirectsSection, treeSection, verifySection } from './details.ts';
import { esc } from './html.ts';
import { blogsSection, numbersSection, postsSection, provenanceSection } from './overview.ts';
import type { ReportData } from './types.ts';

export type * from './types.ts';
export { escapeHtml } from './html.ts';

const CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src '${SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;

/** The whole page as one string (tests, small sites); writers take reportHtmlChunks. */
export function toReportHtml(d: ReportData): string {
  return [...reportHtmlChunks(d)].join('');
}

/**
 * The page a piece at a time, each section made only when the writer reaches it: the posts table and the
 * tree of a 50,000-post blog are tens of megabytes each, and held whole (then joined, then encoded) they
 * were most of `snapshot`'s peak memory.
 */
export function* reportHtmlChunks(d: ReportData): Generator<string> {
  const site = d.hosts.join(', ') || 'the old site';
  const sections: Array<[id: string, title: string, body: () => string | Iterable<string>]> = [
    ['numbers', 'In numbers', () => numbersSection(d)],
    ['blogs', 'Blogs', () => (d.blogs.length ? blogsSection(d) : '<p>No posts were found.</p>')],
    ['posts', `Posts (${d.posts.length})`, () => postsSection(d)],
    ['tree', 'The site as a tree', () => treeSection(d)],
    ['charts', 'Charts', () => chartsSection(d)],
    ['kinds', 'Old URLs by kind', () => kindsSection(d)],
    ['redirects', 'Redirects', () => redirectsSection(d)],
    ['verify', 'Redirects checked on the server', () => verifySection(d)],
    ['failures', `URLs that failed or answered 4xx (${d.failures.length})`, () => failuresSection(d)],
    ['extract', 'Extraction problems', () => problemsSection(d)],
  ];
  const toc = `<nav class="toc" aria-label="Contents"><ul>${sections.map(([id, title]) => `<li><a href="#${id}">${esc(title)}</a></li>`).join('')}</ul></nav>`;
  yield `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>Migration report: ${esc(site)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>Migration report: ${esc(site)}</h1>
${provenanceSection(d)}
${toc}</header>
<main>
`;
  for (const [n, [id, title, body]] of sections.entries()) {
    yield `${n > 0 ? '\n' : ''}<section aria-labelledby="${id}"><h2 id="${id}">${esc(title)}</h2>\n`;
    const html = body();
    if (typeof html === 'string') yield html;
    else yield* html;
    yield '\n</section>';
  }
  yield `
</main>
<footer><p>Written by ${esc(d.provenance.tool)} from the snapshot's crawl/, data/, markdown/ and redirects/ files. Post titles, categories and URLs are text from the old site.</p></footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
