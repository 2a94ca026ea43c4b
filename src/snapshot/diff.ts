/**
 * Compares two snapshots as data, not as text: posts and pages added, removed and changed field by field,
 * redirect rows added, removed or retargeted, URLs that began to fail (or recovered), and URLs that
 * entered or left the inventory. Pure: SnapshotData in, SnapshotDiff out.
 */
import type { PostRecord, TermRef, UrlEntry } from '../types.ts';
import { cmp, type FailedUrl, type RedirectRow, type SnapshotData } from './load.ts';
import { changeExcerpt, type ChangeExcerpt } from './excerpt.ts';

export type RecordKind = 'post' | 'page';

export interface RecordBrief {
  url: string;
  kind: RecordKind;
  title: string;
}

/** One field that differs. Scalars carry before/after; lists carry added/removed; the body an excerpt. */
export type FieldChange =
  | { field: string; before: string | number | null; after: string | number | null }
  | { field: string; added: string[]; removed: string[] }
  | { field: 'contentMarkdown'; excerpt: ChangeExcerpt };

export interface RecordChange extends RecordBrief {
  changes: FieldChange[];
}

export interface Retarget {
  from: string;
  before: { to: string; status: number };
  after: { to: string; status: number };
}

export interface FailureChange {
  url: string;
  before: FailedUrl | null;
  after: FailedUrl | null;
}

export interface SnapshotDiff {
  records: { added: RecordBrief[]; removed: RecordBrief[]; changed: RecordChange[] };
  /** null when neither snapshot has redirect maps (taken without --rules). */
  redirects: { added: RedirectRow[]; removed: RedirectRow[]; retargeted: Retarget[] } | null;
  failures: { began: FailureChange[]; recovered: FailureChange[] };
  urls: { added: UrlEntry[]; removed: UrlEntry[] };
}

/** The names `--fail-on` accepts; each picks the part of a diff that makes the exit status 1. */
export const FAIL_ON_CATEGORIES = ['added', 'removed', 'changed', 'redirects', 'failures', 'urls'] as const;
export type FailOnCategory = (typeof FAIL_ON_CATEGORIES)[number];

/** Scalar fields compared as they are; the order is the order the changes are reported in. */
const SCALAR_FIELDS = ['title', 'blog', 'slug', 'published', 'commentCount', 'excerpt', 'excerptSource'] as const;

function byUrl<T extends { url: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.url, r]));
}

function brief(r: PostRecord, kind: RecordKind): RecordBrief {
  return { url: r.url, kind, title: r.title };
}

/** Terms are compared by name (what a reader sees); a renamed slug with the same name is no change to them. */
function termNames(terms: readonly TermRef[] | undefined): string[] {
  return (terms ?? []).map((t) => t.name);
}

function listChange(field: string, before: readonly string[], after: readonly string[]): FieldChange | null {
  const b = new Set(before);
  const a = new Set(after);
  const added = [...a].filter((x) => !b.has(x)).sort(cmp);
  const removed = [...b].filter((x) => !a.has(x)).sort(cmp);
  return added.length || removed.length ? { field, added, removed } : null;
}

function commentKey(c: PostRecord['comments'][number]): string {
  return `${c.id}`;
}

/** Every field of a post record a reader would notice; provenance and capture ids are bookkeeping. */
export function compareRecords(a: PostRecord, b: PostRecord): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of SCALAR_FIELDS) {
    const before = (a[f] ?? null) as string | number | null;
    const after = (b[f] ?? null) as string | number | null;
    if (before !== after) out.push({ field: f, before, after });
  }
  const authorA = a.author?.name ?? null;
  const authorB = b.author?.name ?? null;
  if (authorA !== authorB) out.push({ field: 'author', before: authorA, after: authorB });
  const lists: Array<FieldChange | null> = [
    listChange('categories', termNames(a.categories), termNames(b.categories)),
    listChange('tags', termNames(a.tags), termNames(b.tags)),
    listChange('images', (a.images ?? []).map((i) => i.url), (b.images ?? []).map((i) => i.url)),
    listChange('comments', (a.comments ?? []).map(commentKey), (b.comments ?? []).map(commentKey)),
    listChange('aliases', a.aliases ?? [], b.aliases ?? []),
  ];
  for (const l of lists) if (l) out.push(l);
  if ((a.contentMarkdown ?? '') !== (b.contentMarkdown ?? '')) {
    out.push({ field: 'contentMarkdown', excerpt: changeExcerpt(a.contentMarkdown ?? '', b.contentMarkdown ?? '') });
  }
  return out;
}

function diffRecords(a: SnapshotData, b: SnapshotData): SnapshotDiff['records'] {
  // Posts win over pages on the same URL, which extract should never produce anyway.
  const tagged = (d: SnapshotData) => {
    const m = new Map<string, [PostRecord, RecordKind]>();
    for (const r of d.pages) m.set(r.url, [r, 'page']);
    for (const r of d.posts) m.set(r.url, [r, 'post']);
    return m;
  };
  const ma = tagged(a);
  const mb = tagged(b);
  const added: RecordBrief[] = [];
  const removed: RecordBrief[] = [];
  const changed: RecordChange[] = [];
  for (const [url, [ra, kind]] of ma) {
    const hit = mb.get(url);
    if (!hit) removed.push(brief(ra, kind));
    else {
      const changes = compareRecords(ra, hit[0]);
      if (hit[1] !== kind) changes.unshift({ field: 'kind', before: kind, after: hit[1] });
      if (changes.length) changed.push({ ...brief(hit[0], hit[1]), changes });
    }
  }
  for (const [url, [rb, kind]] of mb) if (!ma.has(url)) added.push(brief(rb, kind));
  const sort = <T extends { url: string }>(xs: T[]) => xs.sort((x, y) => cmp(x.url, y.url));
  return { added: sort(added), removed: sort(removed), changed: sort(changed) };
}

function diffRedirects(a: RedirectRow[] | null, b: RedirectRow[] | null): SnapshotDiff['redirects'] {
  if (a === null && b === null) return null;
  const ma = new Map((a ?? []).map((r) => [r.from, r]));
  const mb = new Map((b ?? []).map((r) => [r.from, r]));
  const added = [...mb.values()].filter((r) => !ma.has(r.from));
  const removed = [...ma.values()].filter((r) => !mb.has(r.from));
  const retargeted: Retarget[] = [];
  for (const [from, ra] of ma) {
    const rb = mb.get(from);
    if (rb && (rb.to !== ra.to || rb.status !== ra.status)) {
      retargeted.push({ from, before: { to: ra.to, status: ra.status }, after: { to: rb.to, status: rb.status } });
    }
  }
  const byFrom = (x: { from: string }, y: { from: string }) => cmp(x.from, y.from);
  return { added: added.sort(byFrom), removed: removed.sort(byFrom), retargeted: retargeted.sort(byFrom) };
}

function diffFailures(a: FailedUrl[], b: FailedUrl[]): SnapshotDiff['failures'] {
  const ma = byUrl(a);
  const mb = byUrl(b);
  const began = b.filter((f) => !ma.has(f.url)).map((f) => ({ url: f.url, before: null, after: f }));
  const recovered = a.filter((f) => !mb.has(f.url)).map((f) => ({ url: f.url, before: f, after: null }));
  return { began, recovered };
}

function diffUrls(a: UrlEntry[], b: UrlEntry[]): SnapshotDiff['urls'] {
  const ma = byUrl(a);
  const mb = byUrl(b);
  const sort = (xs: UrlEntry[]) => xs.sort((x, y) => cmp(x.url, y.url));
  return { added: sort(b.filter((u) => !ma.has(u.url))), removed: sort(a.filter((u) => !mb.has(u.url))) };
}

export function diffSnapshots(a: SnapshotData, b: SnapshotData): SnapshotDiff {
  return {
    records: diffRecords(a, b),
    redirects: diffRedirects(a.redirects, b.redirects),
    failures: diffFailures(a.failures, b.failures),
    urls: diffUrls(a.urls, b.urls),
  };
}

/** How many differences each `--fail-on` category holds. `failures` counts only URLs that began to fail. */
export function countByCategory(d: SnapshotDiff): Record<FailOnCategory, number> {
  return {
    added: d.records.added.length,
    removed: d.records.removed.length,
    changed: d.records.changed.length,
    redirects: d.redirects ? d.redirects.added.length + d.redirects.removed.length + d.redirects.retargeted.length : 0,
    failures: d.failures.began.length,
    urls: d.urls.added.length + d.urls.removed.length,
  };
}

/** True when nothing at all differs (recovered URLs included). */
export function isIdentical(d: SnapshotDiff): boolean {
  const counts = countByCategory(d);
  return Object.values(counts).every((n) => n === 0) && d.failures.recovered.length === 0;
}

/**
 * The categories that make the exit status 1. Without --fail-on every difference counts (exit 0 means
 * identical); with it, only the named ones do.
 */
export function failingCategories(d: SnapshotDiff, failOn: readonly FailOnCategory[] | null): FailOnCategory[] {
  const counts = countByCategory(d);
  if (failOn === null) {
    const all = FAIL_ON_CATEGORIES.filter((c) => counts[c] > 0);
    // A recovered URL is a difference too; it is reported under failures.
    if (all.length === 0 && d.failures.recovered.length > 0) return ['failures'];
    return all;
  }
  return FAIL_ON_CATEGORIES.filter((c) => failOn.includes(c) && counts[c] > 0);
}
