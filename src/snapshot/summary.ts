/** The closing summary of `snapshot` and `demo` on stderr: what was written and where to look first. */
import { join, relative } from 'node:path';

/** A path as the user would type it: relative to the working folder when inside it, else absolute. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}
import type { SnapshotResult } from './run-snapshot.ts';

export function formatSnapshotSummary(r: SnapshotResult, outDir: string): string {
  const where = displayPath(outDir);
  const at = (p: string) => join(where, p);
  const c = r.crawl;
  const lines = [
    `Snapshot written to ${where}/`,
    `  crawl:     ${c.archived} URLs archived, ${c.failed.length} failed, ${c.clientErrors.length} answered 4xx  → ${at('crawl/')}`,
    `  data:      ${r.posts} posts, ${r.pages} pages, ${r.urls} old URLs  → ${at('data/posts.json')}, ${at('data/urls.json')}`,
    `  markdown:  ${r.markdownFiles} files, ${r.uploadsCopied} uploads copied${r.uploadsMissing ? `, ${r.uploadsMissing} not in the archive (add --assets)` : ''}  → ${at('markdown/')}`,
  ];
  if (r.redirects) {
    lines.push(`  redirects: ${r.redirects.rows} rows in 8 formats (${r.redirects.coverage})  → ${at('redirects/')}`);
    for (const n of r.redirects.notes.slice(0, 5)) lines.push(`             note: ${n}`);
  } else {
    lines.push('  redirects: none (give --rules FILE to write the maps)');
  }
  if (r.bag) lines.push(`  bag:       ${r.bag.payloadFiles} files, ${r.bag.payloadBytes} bytes (BagIt 1.0, SHA-512)  → ${at('bag/')}`);
  lines.push(`  manifest:  ${r.files} files with size and SHA-256  → ${at('manifest.json')}`);
  if (c.failed.length > 0) {
    lines.push(`Failed URLs (${c.failed.length}):`);
    for (const f of c.failed.slice(0, 10)) lines.push(`  ${f.url}  ${f.reason}`);
    if (c.failed.length > 10) lines.push(`  … and ${c.failed.length - 10} more in ${at('crawl/crawl-summary.json')}`);
  }
  return `${lines.join('\n')}\n`;
}
