/**
 * Where one old URL goes: the placeholder values a rule can use (from the post or page it stands for, or from
 * the URL's own shape), filling a rule's target, and the one spelling every target is written in.
 */
import type { PageKind, PostRecord } from '../../types.ts';
import { decodeSafe, normalizeUrl } from '../../url.ts';
import type { RedirectRule } from './rules.ts';

/** What a rule is matched against: the old URL (or the post/page it stands for) and its kind. */
export interface RuleSubject {
  kind: PageKind;
  /** Percent-encoded old path. */
  path: string;
  /** Query without `?`, or ''. */
  query: string;
  record: PostRecord | null;
}

export type Placeholder = 'blog' | 'slug' | 'year' | 'month' | 'day' | 'category' | 'path';

const TERM_BASES = new Set(['category', 'tag', 'author', 'kategori', 'etikett']);

function segmentsOf(path: string): string[] {
  return path.split('/').filter(Boolean).map(decodeSafe);
}

/** The placeholder values for a subject; a placeholder without a value is left out (and makes a rule fail). */
export function placeholderValues(subject: RuleSubject, knownBlogs: ReadonlySet<string>): Partial<Record<Placeholder, string>> {
  const enc = encodeURIComponent;
  const v: Partial<Record<Placeholder, string>> = { path: subject.path.replace(/^\//, '') };
  const segs = segmentsOf(subject.path);
  const rec = subject.record;
  if (rec) {
    v.blog = enc(rec.blog);
    if (rec.slug) v.slug = enc(rec.slug);
    const cat = rec.categories[0];
    if (cat?.slug) v.category = enc(cat.slug);
    const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(rec.published ?? '');
    if (date) { v.year = date[1]; v.month = date[2]; v.day = date[3]; }
    return v;
  }
  const first = segs[0];
  if (first !== undefined && knownBlogs.has(first)) v.blog = enc(first);
  else if (knownBlogs.has('')) v.blog = '';
  // WordPress paginates and feeds any listing: /category/eu/page/2/, /category/eu/feed/ are still about "eu".
  const core = [...segs];
  if (core.length >= 2 && core[core.length - 2] === 'page' && /^\d+$/.test(core[core.length - 1]!)) core.splice(-2);
  if (core[core.length - 1] === 'feed') core.pop();
  const base = core.findIndex((s) => TERM_BASES.has(s));
  if (base >= 0 && base < core.length - 1) {
    v.slug = enc(core[core.length - 1]!);
    if (subject.kind === 'category') v.category = v.slug;
  } else if (core.length > 0 && !(core.length === 1 && v.blog === enc(core[0]!))) {
    v.slug = enc(core[core.length - 1]!);
  }
  const date = /(?:^|\/)(\d{4})\/(\d{2})(?:\/(\d{2}))?(?:\/|$)/.exec(core.join('/'));
  if (date && (subject.kind === 'date' || subject.kind === 'pagination')) {
    v.year = date[1];
    v.month = date[2];
    if (date[3]) v.day = date[3];
  }
  return v;
}

/** True when the rule takes this subject (kind, blog and regular expression all agree). */
export function ruleMatches(rule: RedirectRule, subject: RuleSubject, blog: string | undefined): boolean {
  if (rule.kinds && !rule.kinds.includes(subject.kind)) return false;
  if (rule.blog !== null && (blog === undefined || decodeSafe(blog) !== rule.blog)) return false;
  if (rule.match) {
    const text = decodeSafe(subject.path) + (subject.query ? `?${subject.query}` : '');
    if (!rule.match.test(text)) return false;
  }
  return true;
}

/** Fills `{name}` placeholders; returns the names that have no value instead when any is missing. */
export function fillPlaceholders(template: string, values: Partial<Record<Placeholder, string>>): { text: string } | { missing: string[] } {
  const missing: string[] = [];
  const text = template.replace(/\{([a-z]+)\}/g, (_m, name: string) => {
    const value = values[name as Placeholder];
    if (value === undefined) { missing.push(name); return ''; }
    return value;
  });
  return missing.length > 0 ? { missing: [...new Set(missing)] } : { text };
}

/**
 * The one spelling of a target: absolute (relative ones resolve against the rules' `target`), normalised by
 * normalizeUrl (ASCII, upper-case escapes), empty path segments from empty placeholders collapsed, and `$`
 * encoded: nginx reads `$` in a value as a variable and Apache as a back-reference.
 */
export function canonicalTarget(raw: string, base: string): string | null {
  const n = normalizeUrl(raw, base);
  if (!n) return null;
  const u = new URL(n);
  const path = u.pathname.replace(/\/{2,}/g, '/');
  return `${u.protocol}//${u.host}${path}${u.search}`.replace(/\$/g, '%24');
}
