/**
 * Markup every WordPress theme shares through wp_head() and the core widgets: head links (canonical,
 * shortlink, feeds), recent posts, recent comments, archives and categories with counts, tag cloud.
 * The themes pass their own heading tags and words.
 */
import type { Listing, Page, Post, Site, Comment } from './model.ts';
import { flatComments } from './model.ts';
import { escAttr, escText, escTitle, monthLabel, plainText } from './text.ts';
import type { Language } from './types.ts';

export type View =
  | { kind: 'listing'; listing: Listing; page: number }
  | { kind: 'post'; post: Post }
  | { kind: 'page'; page: Page }
  | { kind: 'notFound' };

export type ThemeRenderer = (site: Site, view: View) => string;

export interface HeadOptions {
  title: string;
  stylesheet: string;
  lang: string;
  /** Extra tags (OpenGraph, JSON-LD) a theme or SEO plugin adds. */
  extra?: string;
}

/** The `<head>` as wp_head() fills it: feed links, canonical + shortlink on single posts and pages. */
export function head(site: Site, view: View, o: HeadOptions): string {
  const charset = site.data.blogCharset === 'iso-8859-1' ? 'ISO-8859-1' : 'UTF-8';
  const lines = [
    `<!DOCTYPE html>`,
    `<html lang="${o.lang}">`,
    `<head>`,
    site.data.theme === 'twentyten'
      ? `<meta http-equiv="Content-Type" content="text/html; charset=${charset}" />`
      : `<meta charset="${charset}" />`,
    `<meta name="viewport" content="width=device-width" />`,
    `<title>${o.title}</title>`,
    `<link rel="profile" href="http://gmpg.org/xfn/11" />`,
    `<link rel="stylesheet" id="${site.data.theme}-style-css" href="${site.abs(o.stylesheet)}?ver=4.7.3" type="text/css" media="all" />`,
    `<link rel="alternate" type="application/rss+xml" title="${escAttr(site.data.title)} &raquo; Feed" href="${site.abs(site.feedPath)}" />`,
  ];
  if (view.kind === 'post' || view.kind === 'page') {
    const target = view.kind === 'post' ? view.post : view.page;
    lines.push(`<link rel="canonical" href="${site.abs(target.path)}" />`);
    lines.push(`<link rel='shortlink' href='${site.abs(view.kind === 'post' ? `/?p=${target.id}` : `/?page_id=${target.id}`)}' />`);
  }
  if (o.extra) lines.push(o.extra);
  lines.push(`</head>`);
  return lines.join('\n');
}

export function recentPosts(site: Site, label: string, h: string): string {
  const items = site.posts.slice(0, 5).map((p) => `\t\t<li><a href="${site.abs(p.path)}">${escTitle(p.title)}</a></li>`);
  return `<aside id="recent-posts-2" class="widget widget_recent_entries">\t\t<${h} class="widget-title">${label}</${h}>\n\t\t<ul>\n${items.join('\n')}\n\t\t</ul>\n\t\t</aside>`;
}

export interface RecentCommentsOptions {
  label: string;
  h: string;
  /** "on" / "bei" / "til" / "om": `Name on Title`. */
  on: string;
  /** Show the start of each comment too (as the "Recent Comments with excerpts" plugins do). */
  excerpt: boolean;
}

/** Recent comments: their authors, words and counts appear on EVERY page, which a naive reader mistakes for the page's own. */
export function recentComments(site: Site, o: RecentCommentsOptions): string {
  const all: { c: Comment; p: Post }[] = site.posts.flatMap((p) => flatComments(p.thread).map((c) => ({ c, p })));
  all.sort((a, b) => (b.c.date < a.c.date ? -1 : b.c.date > a.c.date ? 1 : b.c.id - a.c.id));
  const items = all.slice(0, 5).map(({ c, p }) => {
    const words = plainText(c.text).split(' ');
    const ex = o.excerpt ? `: &#8220;${escText(words.slice(0, 12).join(' '))}${words.length > 12 ? '&hellip;' : ''}&#8221;` : '';
    return `<li class="recentcomments"><span class="comment-author-link">${escText(c.author)}</span> ${o.on} <a href="${site.abs(p.path)}#comment-${c.id}">${escTitle(p.title)}</a>${ex}</li>`;
  });
  return `<aside id="recent-comments-2" class="widget widget_recent_comments"><${o.h} class="widget-title">${o.label}</${o.h}><ul id="recentcomments">${items.join('')}</ul></aside>`;
}

export function archives(site: Site, label: string, h: string): string {
  const items = site.months.map((m) => `\t<li><a href='${site.abs(m.path)}'>${monthLabel(m.year, m.month, site.data.language)}</a>&nbsp;(${m.count})</li>`);
  return `<aside id="archives-2" class="widget widget_archive"><${h} class="widget-title">${label}</${h}>\t\t<ul>\n${items.join('\n')}\n\t\t</ul>\n\t\t</aside>`;
}

export function categories(site: Site, label: string, h: string): string {
  const items = site.categories
    .filter((c) => c.count > 0)
    .map((c) => `\t<li class="cat-item cat-item-${c.id}"><a href="${site.abs(c.path)}" >${escTitle(c.name)}</a> (${c.count})\n</li>`);
  return `<aside id="categories-2" class="widget widget_categories"><${h} class="widget-title">${label}</${h}>\t\t<ul>\n${items.join('\n')}\n\t\t</ul>\n</aside>`;
}

export function tagCloud(site: Site, label: string, h: string): string {
  const links = site.tags.map((t) => {
    const size = (8 + Math.min(t.count, 4) * 3.5).toFixed(1);
    return `<a href='${site.abs(t.path)}' class='tag-link-${t.id} tag-link-position-${t.id - 999}' title='${t.count}' style='font-size: ${size}pt;'>${escTitle(t.name)}</a>`;
  });
  return `<aside id="tag_cloud-2" class="widget widget_tag_cloud"><${h} class="widget-title">${label}</${h}><div class="tagcloud">${links.join('\n')}</div>\n</aside>`;
}

/** A comment count in the site's words, e.g. `countWords(3, ['No Comments', '1 Comment', '% Comments'])`. */
export function countWords(n: number, words: readonly [string, string, string]): string {
  return n === 0 ? words[0] : n === 1 ? words[1] : words[2].replace('%', String(n));
}

/** The body of a post: paragraphs, the `<span id="more-N">` anchor where `<!--more-->` was, the image. */
export function fullContent(site: Site, p: Post, figure: (site: Site, p: Post) => string): string {
  const parts: string[] = [];
  p.data.body.forEach((para, i) => {
    if (i === 1 && p.data.image) parts.push(figure(site, p));
    if (p.hasMore && i === p.data.more) parts.push(`<p><span id="more-${p.id}"></span></p>`);
    parts.push(`<p>${para}</p>`);
  });
  if (p.data.image && p.data.body.length < 2) parts.push(figure(site, p));
  return parts.join('\n');
}

/** Image with caption in the markup WordPress 3.x ([caption] shortcode, a div) wrote. */
export function captionDiv(site: Site, p: Post): string {
  const im = p.data.image!;
  const src = site.abs(`/wp-content/uploads/${im.file}`);
  return `<div id="attachment_${im.id}" style="width: ${im.width + 10}px" class="wp-caption aligncenter"><img class="size-full wp-image-${im.id}" src="${src}" alt="${escAttr(im.alt)}" width="${im.width}" height="${im.height}" /><p class="wp-caption-text">${escTitle(im.caption)}</p></div>`;
}

/** Image with caption as HTML5 themes (add_theme_support('html5', 'caption')) print it. */
export function captionFigure(site: Site, p: Post): string {
  const im = p.data.image!;
  const src = site.abs(`/wp-content/uploads/${im.file}`);
  return `<figure id="attachment_${im.id}" style="width: ${im.width}px" class="wp-caption aligncenter"><img class="size-full wp-image-${im.id}" src="${src}" alt="${escAttr(im.alt)}" width="${im.width}" height="${im.height}" /><figcaption class="wp-caption-text">${escTitle(im.caption)}</figcaption></figure>`;
}

/** `class="post-12 post type-post status-publish format-standard hentry category-x tag-y"` */
export function postClass(p: Post, extra: string[] = []): string {
  const cls = [`post-${p.id}`, 'post', 'type-post', 'status-publish', 'format-standard'];
  if (p.sticky) cls.push('sticky');
  cls.push('hentry', ...p.categories.map((c) => `category-${c.slug}`), ...p.tags.map((t) => `tag-${t.slug}`), ...extra);
  return cls.join(' ');
}

/** body_class(): WordPress's own page-kind classes. */
export function bodyClass(site: Site, view: View, extra: string[] = []): string {
  let cls: string[];
  switch (view.kind) {
    case 'post': cls = ['single', 'single-post', `postid-${view.post.id}`, 'single-format-standard']; break;
    case 'page': cls = ['page-template-default', 'page', `page-id-${view.page.id}`]; break;
    case 'notFound': cls = ['error404']; break;
    case 'listing': {
      const l = view.listing;
      cls = l.kind === 'home' ? ['home', 'blog'] : ['archive', l.kind === 'date' ? 'date' : l.kind];
      if (l.kind === 'category' || l.kind === 'tag') cls.push(`${l.kind}-${l.term!.slug}`, `${l.kind}-${l.term!.id}`);
      if (l.kind === 'author') cls.push(`author-${l.author!.login}`);
      if (view.page > 1) cls.push('paged', `paged-${view.page}`);
    }
  }
  return [...cls, ...extra].join(' ');
}

/** Gravatar for a comment author (an external image; never a link a crawler of the site follows). */
export function avatar(name: string, size: number): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const hash = h.toString(16).padStart(8, '0').repeat(4);
  return `<img alt='' src='http://0.gravatar.com/avatar/${hash}?s=${size}&amp;d=mm&amp;r=g' class='avatar avatar-${size} photo' height='${size}' width='${size}' />`;
}

export interface DocumentTitleWords {
  /** The theme's language for month names in date-archive titles. */
  lang: Language;
  /** `<title>` of the 404 page, before the separator ("Seite nicht gefunden"). */
  notFound: string;
  /** The word before the page number on paginated listings ("Seite", "Side"). */
  pageWord: string;
}

/** `<title>` as Twenty Fifteen and later build it (wp_get_document_title with the en dash separator). */
export function documentTitle(site: Site, view: View, words: DocumentTitleWords): string {
  const d = site.data;
  const sep = ' &#8211; ';
  let title = `${escTitle(d.title)}${sep}${escTitle(d.tagline)}`;
  if (view.kind === 'post') title = `${escTitle(view.post.title)}${sep}${escTitle(d.title)}`;
  if (view.kind === 'page') title = `${escTitle(view.page.title)}${sep}${escTitle(d.title)}`;
  if (view.kind === 'notFound') title = `${words.notFound}${sep}${escTitle(d.title)}`;
  if (view.kind === 'listing' && view.listing.kind !== 'home') {
    const l = view.listing;
    title = `${escTitle(l.term?.name ?? l.author?.name ?? monthLabel(l.month!.year, l.month!.month, words.lang))}${sep}${escTitle(d.title)}`;
  }
  if (view.kind === 'listing' && view.page > 1) title = title.replace(sep, `${sep}${words.pageWord} ${view.page}${sep}`);
  return title;
}

/** The site title in the header: an h1 on the front page only, as those themes do. */
export function siteTitleHtml(site: Site, isHome: boolean): string {
  const link = `<a href="${site.abs('/')}" rel="home">${escTitle(site.data.title)}</a>`;
  return isHome ? `<h1 class="site-title">${link}</h1>` : `<p class="site-title">${link}</p>`;
}
