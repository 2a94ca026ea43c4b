/**
 * Archive damage as extract reports it: each place a WARC did not read is an error problem naming the file
 * (relative to the crawl folder, so the report stays the same wherever the folder is) and the byte offset;
 * an archive from which not one response could be read is a fatal error (exit 2), never an empty success.
 */
import { relative } from 'node:path';
import { UsageError } from '../errors.ts';
import type { ArchiveDamage } from './archive-records.ts';
import type { ExtractReport } from './extract/collect.ts';

function where(crawlDir: string, d: ArchiveDamage): string {
  return relative(crawlDir, d.file).split('\\').join('/');
}

/** Adds one error problem per damaged place to `report` (stage `archive`). */
export function reportDamage(report: ExtractReport, crawlDir: string, damage: readonly ArchiveDamage[]): void {
  const problems = damage.map((d) => ({ url: where(crawlDir, d), severity: 'error' as const, stage: 'archive' as const, reason: `byte ${d.offset}: ${d.reason}; the records after it were read where they could be` }));
  report.problems.unshift(...problems);
  report.summary.errors += problems.length;
}

/** The error for an archive that yielded no response at all: says why, with the first damaged place. */
export function noResponsesError(crawlDir: string, damage: readonly ArchiveDamage[]): UsageError {
  const d = damage[0];
  if (d) {
    const more = damage.length > 1 ? ` (and ${damage.length - 1} more damaged place(s))` : '';
    return new UsageError(`${d.file}: ${d.reason} at byte ${d.offset}${more}; no response could be read from the archive. Copy the crawl folder again from where it was written, or crawl again`);
  }
  return new UsageError(`${crawlDir}: the archive holds no responses (only WARC metadata); crawl again, or check that the crawl reached the site`);
}
