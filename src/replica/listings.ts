/**
 * Every listing of a blog: its home, each category, tag, month and author that has posts. Category
 * listings link each post under THAT category's path (as Näringsbloggen's captures show), which is how the
 * other category paths of a post became reachable; every other listing links the canonical permalink.
 */
import type { PageKind } from '../types.ts';
import { escapeHtml } from './markdown.ts';
import { swedishMonth } from './dates.ts';
import { authorUrl, blogUrl, categoryUrl, monthUrl, permalink, postUrlUnder, tagUrl, type BlogModel, type PostMeta } from './model.ts';
import type { ListingSpec } from './pages.ts';

export interface BlogListing extends ListingSpec {
  kind: PageKind;
}

export function blogListings(blog: BlogModel): BlogListing[] {
  const out: BlogListing[] = [{
    kind: 'home', url: blogUrl(blog.key), title: blog.name, heading: null, bodyClass: 'home blog', pagedClass: 'home-paged',
    posts: blog.posts, linkFor: permalink,
  }];
  for (const c of blog.categories) {
    const posts = blog.posts.filter((p) => p.categories.includes(c));
    if (posts.length === 0) continue; // WordPress hides empty categories, so nothing links them
    out.push({
      kind: 'category', url: categoryUrl(blog.key, c), title: c.name, heading: { label: blog.theme === 'classic' ? 'Kategoriarkiv' : 'Kategori', name: `<span>${escapeHtml(c.name)}</span>` },
      bodyClass: `archive category category-${c.slug} category-${c.id}`, pagedClass: 'category-paged', posts,
      linkFor: (p: PostMeta) => (p.primary === c ? permalink(p) : postUrlUnder(p, c)),
    });
  }
  for (const t of blog.tags) {
    const posts = blog.posts.filter((p) => p.tags.includes(t));
    if (posts.length === 0) continue;
    out.push({
      kind: 'tag', url: tagUrl(blog.key, t), title: t.name, heading: { label: 'Etikettarkiv', name: `<span>${escapeHtml(t.name)}</span>` },
      bodyClass: `archive tag tag-${t.slug} tag-${t.id}`, pagedClass: 'tag-paged', posts, linkFor: permalink,
    });
  }
  const months = new Map<string, PostMeta[]>();
  for (const p of blog.posts) {
    const key = `${p.date.year}/${String(p.date.month).padStart(2, '0')}`;
    const list = months.get(key);
    if (list) list.push(p);
    else months.set(key, [p]);
  }
  for (const [key, posts] of [...months.entries()].sort((a, b) => (a[0] < b[0] ? 1 : -1))) {
    const [year, month] = key.split('/').map(Number) as [number, number];
    out.push({
      kind: 'date', url: monthUrl(blog.key, year, month), title: swedishMonth(year, month),
      heading: { label: 'Månadsarkiv', name: `<span>${swedishMonth(year, month)}</span>` },
      bodyClass: 'archive date', pagedClass: 'date-paged', posts, linkFor: permalink,
    });
  }
  for (const a of blog.authors) {
    const posts = blog.posts.filter((p) => p.author === a);
    if (posts.length === 0) continue;
    out.push({
      kind: 'author', url: authorUrl(blog.key, a), title: a.name,
      heading: { label: 'Författararkiv', name: `<span class="vcard"><a class="url fn n" href="${authorUrl(blog.key, a)}" title="${escapeHtml(a.name)}" rel="me">${escapeHtml(a.name)}</a></span>` },
      bodyClass: `archive author author-${a.login} author-${a.id}`, pagedClass: 'author-paged', posts, linkFor: permalink,
    });
  }
  return out;
}
