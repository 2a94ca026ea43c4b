/**
 * The human account of a SnapshotDiff for a CI log: one section per kind of change, one line per item,
 * long lists cut after `limit` items with a pointer to --json for the rest. Plain text, no colour.
 */
import { normalizeUrl } from '../url.ts';
import { isIdentical, type FailOnCategory, type FieldChange, type SnapshotDiff } from './diff.ts';

/**
 * Redirect maps hold one row per host, scheme and escape spelling of an old URL (http/https, with and
 * without www, %e2/%E2); a CI log wants one line per old URL, so rows that differ only in those collapse.
 */
function groupVariants<T extends { from: string }>(rows: readonly T[], extra: (r: T) => string): Array<{ row: T; variants: number }> {
  const groups = new Map<string, { row: T; variants: number }>();
  for (const r of rows) {
    let key = r.from;
    try {
      const n = normalizeUrl(r.from);
      if (n) {
        const u = new URL(n);
        key = `${u.hostname.replace(/^www\./, '')}${u.pathname}${u.search}`;
      }
    } catch { /* keep the raw spelling as its own group */ }
    key += `\u0000${extra(r)}`;
    const g = groups.get(key);
    if (g) g.variants++;
    else groups.set(key, { row: r, variants: 1 });
  }
  return [...groups.values()];
}

function more(n: number): string {
  return n > 1 ? `  (${n} rows: hosts, schemes, spellings)` : '';
}

function q(v: string | number | null): string {
  if (v === null) return 'null';
  return typeof v === 'number' ? String(v) : JSON.stringify(v);
}

function describeChange(c: FieldChange): string {
  if ('excerpt' in c) {
    return `body changed (${c.excerpt.lengthBefore} → ${c.excerpt.lengthAfter} chars): ${JSON.stringify(c.excerpt.before)} → ${JSON.stringify(c.excerpt.after)}`;
  }
  if ('added' in c) {
    const parts = [...c.added.map((x) => `+${x}`), ...c.removed.map((x) => `-${x}`)];
    return `${c.field}: ${parts.join(', ')}`;
  }
  return `${c.field}: ${q(c.before)} → ${q(c.after)}`;
}

function capped<T>(items: readonly T[], limit: number, line: (x: T) => string[]): string[] {
  const out = items.slice(0, limit).flatMap(line);
  if (items.length > limit) out.push(`  … and ${items.length - limit} more (see --json)`);
  return out;
}

export interface DiffTextOptions {
  /** Items shown per list before "… and N more". */
  limit?: number;
  labelA?: string;
  labelB?: string;
}

export function formatDiffText(d: SnapshotDiff, failing: readonly FailOnCategory[], options: DiffTextOptions = {}): string {
  const limit = options.limit ?? 50;
  const lines: string[] = [];
  if (options.labelA !== undefined && options.labelB !== undefined) lines.push(`Comparing ${options.labelA} → ${options.labelB}`);
  const r = d.records;
  lines.push(`Posts and pages: ${r.added.length} added, ${r.removed.length} removed, ${r.changed.length} changed`);
  lines.push(...capped(r.added, limit, (x) => [`  + ${x.kind} ${x.url}  ${JSON.stringify(x.title)}`]));
  lines.push(...capped(r.removed, limit, (x) => [`  - ${x.kind} ${x.url}  ${JSON.stringify(x.title)}`]));
  lines.push(...capped(r.changed, limit, (x) => [`  ~ ${x.kind} ${x.url}  ${JSON.stringify(x.title)}`, ...x.changes.map((c) => `      ${describeChange(c)}`)]));
  if (d.redirects) {
    const rd = d.redirects;
    lines.push(`Redirect rows: ${rd.added.length} added, ${rd.removed.length} removed, ${rd.retargeted.length} retargeted`);
    const rowKey = (x: { to: string; status: number }) => `${x.to} ${x.status}`;
    lines.push(...capped(groupVariants(rd.added, rowKey), limit, ({ row: x, variants }) => [`  + ${x.from} → ${x.to} (${x.status})${more(variants)}`]));
    lines.push(...capped(groupVariants(rd.removed, rowKey), limit, ({ row: x, variants }) => [`  - ${x.from} → ${x.to} (${x.status})${more(variants)}`]));
    lines.push(...capped(groupVariants(rd.retargeted, (x) => `${rowKey(x.before)} ${rowKey(x.after)}`), limit, ({ row: x, variants }) => [`  ~ ${x.from}: ${x.before.to} (${x.before.status}) → ${x.after.to} (${x.after.status})${more(variants)}`]));
  } else {
    lines.push('Redirect rows: none in either snapshot (taken without --rules)');
  }
  const f = d.failures;
  lines.push(`Failed URLs: ${f.began.length} began to fail, ${f.recovered.length} recovered`);
  lines.push(...capped(f.began, limit, (x) => [`  ! ${x.url}  ${x.after?.reason ?? ''}`]));
  lines.push(...capped(f.recovered, limit, (x) => [`  ✓ ${x.url}  (was: ${x.before?.reason ?? ''})`]));
  const u = d.urls;
  lines.push(`URL inventory: ${u.added.length} added, ${u.removed.length} removed`);
  lines.push(...capped(u.added, limit, (x) => [`  + ${x.kind} ${x.url}`]));
  lines.push(...capped(u.removed, limit, (x) => [`  - ${x.kind} ${x.url}`]));
  if (isIdentical(d)) lines.push('Result: identical');
  else if (failing.length === 0) lines.push('Result: differences found, but none of the kinds --fail-on names');
  else lines.push(`Result: different (${failing.join(', ')})`);
  return `${lines.join('\n')}\n`;
}
