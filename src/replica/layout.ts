/**
 * What both replica themes share: the page context, the sidebar widgets (recent posts, categories with
 * counts, monthly archives, tags), the closure notice and the Swedish comment-count wording.
 */
import { escapeHtml, texturize } from './markdown.ts';
import { swedishMonth } from './dates.ts';
import {
  blogUrl, categoryUrl, monthUrl, pageUrl, permalink, tagUrl,
  type BlogModel, type PostMeta, type SiteModel, type Term,
} from './model.ts';

/** What a theme needs to lay out one whole page. */
export interface PageContext {
  model: SiteModel;
  blog: BlogModel;
  /** The `<title>` text, without the blog name. */
  title: string;
  bodyClass: string;
  /** Extra `<head>` lines (canonical, shortlink, OpenGraph). */
  head: string[];
  /** The main column's HTML. */
  main: string;
}

/** `1 kommentar`, `N kommentarer`; the innovation theme shows nothing at all for zero. */
export function commentsText(n: number): string {
  return n === 1 ? '1 kommentar' : `${n} kommentarer`;
}

export function closureNotice(model: SiteModel, blog: BlogModel): string {
  if (!blog.closureNotice) return '';
  return `<div id="upphor" class="closure-notice">\n${model.content.closureNotice.map((p) => `<p>${p}</p>`).join('\n')}\n</div>`;
}

/** Posts per category, per tag and per month: the numbers the widgets print. */
export interface BlogCounts {
  categories: Map<Term, number>;
  tags: Map<Term, number>;
  months: { year: number; month: number; count: number }[];
}

export function countBlog(blog: BlogModel): BlogCounts {
  const categories = new Map<Term, number>();
  const tags = new Map<Term, number>();
  const months = new Map<string, { year: number; month: number; count: number }>();
  for (const p of blog.posts) {
    for (const c of p.categories) categories.set(c, (categories.get(c) ?? 0) + 1);
    for (const t of p.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
    const key = `${p.date.year}-${String(p.date.month).padStart(2, '0')}`;
    const m = months.get(key) ?? { year: p.date.year, month: p.date.month, count: 0 };
    m.count++;
    months.set(key, m);
  }
  return { categories, tags, months: [...months.entries()].sort((a, b) => (a[0] < b[0] ? 1 : -1)).map(([, v]) => v) };
}

const sidebarCache = new WeakMap<BlogModel, string>();

/**
 * The sidebar's widgets, the same on every page of a blog (computed once per blog): boilerplate that an
 * extractor must not mistake for the post.
 */
export function sidebarWidgets(blog: BlogModel): string {
  const cached = sidebarCache.get(blog);
  if (cached !== undefined) return cached;
  const counts = countBlog(blog);
  const recent = blog.posts.slice(0, 5).map((p) => `<li><a href="${escapeHtml(permalink(p))}">${texturize(p.title)}</a></li>`);
  const cats = [...blog.categories].filter((c) => counts.categories.has(c)).sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((c) => `<li class="cat-item cat-item-${c.id}"><a href="${categoryUrl(blog.key, c)}" title="Visa alla inlägg sparade under ${escapeHtml(c.name)}">${escapeHtml(c.name)}</a> (${counts.categories.get(c)})</li>`);
  const months = counts.months.map((m) => `<li><a href="${monthUrl(blog.key, m.year, m.month)}">${swedishMonth(m.year, m.month)}</a>&nbsp;(${m.count})</li>`);
  const widgets = [
    `<li id="search-2" class="widget-container widget_search"><form role="search" method="get" id="searchform" action="${blogUrl(blog.key)}"><div><label class="screen-reader-text" for="s">Sök efter:</label><input type="text" value="" name="s" id="s"><input type="submit" id="searchsubmit" value="Sök"></div></form></li>`,
    `<li id="recent-posts-2" class="widget-container widget_recent_entries"><h3 class="widget-title">Senaste inläggen</h3>\n<ul>\n${recent.join('\n')}\n</ul></li>`,
    `<li id="categories-2" class="widget-container widget_categories"><h3 class="widget-title">Kategorier</h3>\n<ul>\n${cats.join('\n')}\n</ul></li>`,
    `<li id="archives-2" class="widget-container widget_archive"><h3 class="widget-title">Arkiv</h3>\n<ul>\n${months.join('\n')}\n</ul></li>`,
  ];
  if (counts.tags.size > 0) {
    const tags = [...counts.tags.entries()].sort((a, b) => (a[0].slug < b[0].slug ? -1 : 1))
      .map(([t, n]) => `<a href="${tagUrl(blog.key, t)}" class="tag-link-${t.id}" title="${n} ämne${n === 1 ? '' : 'n'}">${escapeHtml(t.name)}</a>`);
    widgets.push(`<li id="tag_cloud-2" class="widget-container widget_tag_cloud"><h3 class="widget-title">Etiketter</h3><div class="tagcloud">${tags.join('\n')}</div></li>`);
  }
  const html = widgets.join('\n');
  sidebarCache.set(blog, html);
  return html;
}

/** The menu every page of a blog carries: the portal, the blog's home and its "Om" page. */
export function blogMenu(blog: BlogModel): string {
  return [
    `<li class="menu-item"><a href="http://www.naringsbloggen.se/">Näringsbloggen</a></li>`,
    `<li class="menu-item"><a href="${blogUrl(blog.key)}">Hem</a></li>`,
    `<li class="page_item page-item-${blog.page.id}"><a href="${pageUrl(blog.page)}">${escapeHtml(blog.page.title)}</a></li>`,
  ].join('');
}

/** `category-eu category-om-innovation tag-oecd`: the term classes WordPress's post_class() adds. */
export function termClasses(post: PostMeta): string {
  return [...post.categories.map((c) => `category-${c.slug}`), ...post.tags.map((t) => `tag-${t.slug}`)].join(' ');
}

export function feedLink(blog: BlogModel): string {
  return `<link rel="alternate" type="application/rss+xml" title="${escapeHtml(blog.name)} &raquo; Flöde" href="${blogUrl(blog.key)}feed/">`;
}
