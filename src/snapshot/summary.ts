/** The closing summary of `snapshot` and `demo` on stderr: what was written and where to look first. */
import { join, relative } from 'node:path';

/** A path as the user would type it: relative to the working folder when inside it, else absolute. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}
import type { ReportNumbers } from '../exporters/report/types.ts';
import type { SnapshotResult } from './run-snapshot.ts';

/** "676 old URLs: 0 by map, 629 by rule, 47 by fallback", in the words the report uses too. */
export function describeNumbersCoverage(n: ReportNumbers): string {
  const c = n.coverage;
  if (!c) return 'no redirect maps';
  return `${n.urls} old URLs: ${c.map} by map, ${c.rule} by rule, ${c.fallback} by fallback${c.none ? `, ${c.none} without a row` : ''}`;
}

/**
 * `n` is read back from the finished folder (numbers.ts), the same numbers report.html shows; `r` adds
 * what only the run knows (uploads it could not find, notes, the failed URLs' reasons).
 */
export function formatSnapshotSummary(r: SnapshotResult, outDir: string, n: ReportNumbers): string {
  const where = displayPath(outDir);
  const at = (p: string) => join(where, p);
  const c = r.crawl;
  const lines = [
    `Snapshot written to ${where}/`,
    `  crawl:     ${n.archived} URLs archived, ${n.failed} failed, ${n.clientErrors} answered 4xx  → ${at('crawl/')}`,
    `  data:      ${n.posts} posts, ${n.pages} pages, ${n.urls} old URLs  → ${at('data/posts.json')}, ${at('data/urls.json')}`,
    `  markdown:  ${n.markdownFiles} files, ${r.uploadsCopied} uploads copied${r.uploadsMissing ? `, ${r.uploadsMissing} not in the archive (add --assets)` : ''}  → ${at('markdown/')}`,
  ];
  if (r.redirects && n.redirectRows !== null) {
    lines.push(`  redirects: ${n.redirectRows} rows in 8 formats (${describeNumbersCoverage(n)}; every old host, http and https)  → ${at('redirects/')}`);
    for (const note of r.redirects.notes.slice(0, 5)) lines.push(`             note: ${note}`);
  } else {
    lines.push('  redirects: none (give --rules FILE to write the maps)');
  }
  if (r.bag) lines.push(`  bag:       ${r.bag.payloadFiles} files, ${r.bag.payloadBytes} bytes (BagIt 1.0, SHA-512)  → ${at('bag/')}`);
  lines.push(`  manifest:  ${n.files ?? r.files} files with size and SHA-256  → ${at('manifest.json')}`);
  if (c.failed.length > 0) {
    lines.push(`Failed URLs (${c.failed.length}):`);
    for (const f of c.failed.slice(0, 10)) lines.push(`  ${f.url}  ${f.reason}`);
    if (c.failed.length > 10) lines.push(`  … and ${c.failed.length - 10} more in ${at('crawl/crawl-summary.json')}`);
  }
  return `${lines.join('\n')}\n`;
}
