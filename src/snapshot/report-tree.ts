/** The report's view of the site as a whole: blogs → categories → posts, and posts per month and per category. */
import type { BlogRow, PostRow, ReportData, TreeBlog } from '../exporters/report/types.ts';
import type { PostRecord } from '../types.ts';
import { cmp } from './load.ts';

export function blogRows(posts: readonly PostRow[], pages: readonly PostRecord[]): BlogRow[] {
  const rows = new Map<string, BlogRow>();
  const row = (blog: string) => {
    let r = rows.get(blog);
    if (!r) rows.set(blog, (r = { blog, posts: 0, pages: 0, first: null, last: null, comments: null, commentsArchived: 0 }));
    return r;
  };
  for (const p of posts) {
    const r = row(p.blog);
    r.posts++;
    if (p.date && (r.first === null || p.date < r.first)) r.first = p.date;
    if (p.date && (r.last === null || p.date > r.last)) r.last = p.date;
    if (p.comments !== null) r.comments = (r.comments ?? 0) + p.comments;
    r.commentsArchived += p.commentsArchived;
  }
  for (const p of pages) row(p.blog ?? '').pages++;
  return [...rows.values()].sort((a, b) => cmp(a.blog, b.blog));
}

/** A post sits under every category it lists (the site showed it there), or under "(no category)". */
export function siteTree(posts: readonly PostRow[]): TreeBlog[] {
  const blogs = new Map<string, Map<string, number[]>>();
  posts.forEach((p, i) => {
    let cats = blogs.get(p.blog);
    if (!cats) blogs.set(p.blog, (cats = new Map()));
    for (const c of p.categories.length ? p.categories : ['(no category)']) {
      const list = cats.get(c) ?? [];
      list.push(i);
      cats.set(c, list);
    }
  });
  const byDateThenTitle = (a: number, b: number) => cmp(posts[b]!.date ?? '', posts[a]!.date ?? '') || cmp(posts[a]!.title, posts[b]!.title);
  return [...blogs.entries()].sort(([a], [b]) => cmp(a, b)).map(([blog, cats]) => ({
    blog,
    posts: posts.filter((p) => p.blog === blog).length,
    categories: [...cats.entries()]
      .map(([name, idx]) => ({ name, posts: idx.sort(byDateThenTitle) }))
      .sort((a, b) => b.posts.length - a.posts.length || cmp(a.name, b.name)),
  }));
}

/** Every month from the first post to the last, empty ones included, so the chart's gaps are real gaps. */
export function postsPerMonth(posts: readonly PostRow[]): ReportData['months'] {
  const counts = new Map<string, number>();
  for (const p of posts) if (p.date) counts.set(p.date.slice(0, 7), (counts.get(p.date.slice(0, 7)) ?? 0) + 1);
  const keys = [...counts.keys()].sort();
  if (keys.length === 0) return [];
  const out: ReportData['months'] = [];
  let [y, m] = keys[0]!.split('-').map(Number) as [number, number];
  const last = keys[keys.length - 1]!;
  for (;;) {
    const k = `${y}-${String(m).padStart(2, '0')}`;
    out.push([k, counts.get(k) ?? 0]);
    if (k >= last) break;
    m++;
    if (m > 12) { m = 1; y++; }
  }
  return out;
}

export function postsPerCategory(posts: readonly PostRow[]): ReportData['categories'] {
  const counts = new Map<string, number>();
  for (const p of posts) for (const c of new Set(p.categories)) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]));
}
