/** The copy's own files: the "not archived" page and image, the list of every archived page, the URL index. */
import type { OutputFile } from '../../types.ts';
import { escapeHtml } from '../report/html.ts';
import { INDEX_PAGE, NOT_ARCHIVED_IMAGE, NOT_ARCHIVED_PAGE, URL_INDEX, isHtmlMime, relativeHref, type SitePlan } from './paths.ts';
import { normalizeUrl } from '../../url.ts';

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}a{color:#0b57a4}li{overflow-wrap:anywhere}';

function page(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n<main>\n${body}\n</main>\n</body>\n</html>\n`;
}

export interface CopyInfo {
  startUrl: string;
  tool: string;
  capturedFrom: string | null;
  capturedTo: string | null;
}

export function ownFiles(plan: SitePlan, info: CopyInfo): OutputFile[] {
  const home = plan.files.get(normalizeUrl(info.startUrl) ?? info.startUrl);
  const homeLink = (from: string) => (home ? `<p><a href="${escapeHtml(relativeHref(from, home))}">The archived start page</a> · ` : '<p>') +
    `<a href="${escapeHtml(relativeHref(from, INDEX_PAGE))}">All archived pages</a></p>`;
  const when = info.capturedFrom ? ` It was captured from ${escapeHtml(info.capturedFrom.slice(0, 10))} to ${escapeHtml((info.capturedTo ?? info.capturedFrom).slice(0, 10))}.` : '';
  const notArchived = page('Not in the archive', `<h1>This page is not in the archive</h1>
<p>The link you followed leads to a page of ${escapeHtml(info.startUrl)} that was not captured (or that answered with an error) when the site was archived, so this copy cannot show it. The link's original address is in its tooltip.${when}</p>
${homeLink(NOT_ARCHIVED_PAGE)}`);
  const pages = plan.entries.filter((e) => e.status === 200 && isHtmlMime(e.mime))
    .map((e) => ({ url: e.url, path: plan.files.get(normalizeUrl(e.url) ?? e.url) }))
    .filter((e): e is { url: string; path: string } => !!e.path)
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const list = pages.map((p) => `<li><a href="${escapeHtml(relativeHref(INDEX_PAGE, p.path))}">${escapeHtml(decodeURI(p.url))}</a></li>`).join('\n');
  const index = page(`Archived pages of ${info.startUrl}`, `<h1>Archived pages of ${escapeHtml(info.startUrl)}</h1>
<p>${pages.length} pages, archived by ${escapeHtml(info.tool)}.${when} This is a static copy: search, comments and forms of the old site do not work here.</p>
${homeLink(INDEX_PAGE)}
<ul>
${list}
</ul>`);
  // Gray box with a crossed frame: an image the archive lacks, visibly, without a broken-image icon.
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180" role="img" aria-label="Image not in the archive">' +
    '<rect width="320" height="180" fill="#eee" stroke="#999"/><path d="M0 0L320 180M320 0L0 180" stroke="#bbb"/>' +
    '<text x="160" y="95" text-anchor="middle" font-family="sans-serif" font-size="16" fill="#444">Image not in the archive</text></svg>\n';
  const urls = plan.entries.map((e) => {
    const k = normalizeUrl(e.url) ?? e.url;
    const path = plan.files.get(k);
    const redirect = plan.redirects.get(k);
    return { url: e.url, status: e.status, path: path ?? null, redirectsTo: redirect ?? null, capturedAt: e.date };
  }).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return [
    { path: NOT_ARCHIVED_PAGE, contents: notArchived },
    { path: NOT_ARCHIVED_IMAGE, contents: svg },
    { path: INDEX_PAGE, contents: index },
    { path: URL_INDEX, contents: `${JSON.stringify(urls, null, 2)}\n` },
  ];
}
