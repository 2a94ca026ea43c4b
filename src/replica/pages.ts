/**
 * Whole pages of the replica: post pages, listings (home, category, tag, month, author, each paginated),
 * the static "Om" pages, the portal home and the 404 page. Each returns one HTML string of one page.
 */
import { escapeHtml, parseMarkdown, renderBlocks, texturize } from './markdown.ts';
import { isoLocal } from './dates.ts';
import { SITE_URL } from './data.ts';
import { bodyMarkdown, postComments } from './bodies.ts';
import { blogUrl, paged, pageUrl, permalink, shortlink, type BlogModel, type PostMeta, type SiteModel } from './model.ts';
import { classicTheme } from './theme-classic.ts';
import { modernTheme } from './theme-modern.ts';
import type { Theme } from './theme.ts';

export function themeOf(blog: BlogModel): Theme {
  return blog.theme === 'classic' ? classicTheme : modernTheme;
}

/** A post's body as the theme renders it (figures in the theme's caption markup). */
export function postBodyHtml(model: SiteModel, blog: BlogModel, post: PostMeta): string {
  const theme = themeOf(blog);
  const blocks = parseMarkdown(bodyMarkdown(model, post, blog.posts));
  return renderBlocks(blocks, SITE_URL, (f) => theme.figure(f, post.image?.attachmentId ?? post.id + 1));
}

/** The post page: served at the permalink and, unchanged, at every other category path of the post. */
export function renderPostPage(model: SiteModel, blog: BlogModel, index: number): string {
  const post = blog.posts[index]!;
  const theme = themeOf(blog);
  const head = [
    `<link rel="canonical" href="${escapeHtml(permalink(post))}" />`,
    `<link rel="shortlink" href="${shortlink(blog.key, post.id)}" />`,
  ];
  if (blog.theme === 'modern') {
    head.push(
      `<meta property="og:locale" content="sv_SE">`,
      `<meta property="og:type" content="article">`,
      `<meta property="og:title" content="${texturize(post.title)}">`,
      `<meta property="og:url" content="${escapeHtml(permalink(post))}">`,
      `<meta property="og:site_name" content="${escapeHtml(blog.name)}">`,
      `<meta property="article:published_time" content="${isoLocal(post.date)}">`,
    );
  }
  const main = [
    theme.postArticle(post, postBodyHtml(model, blog, post)),
    theme.postNav(blog.posts[index + 1] ?? null, blog.posts[index - 1] ?? null),
    theme.comments(post, postComments(model, post), model.content.moderationNote),
  ].join('\n');
  return theme.document({ model, blog, title: post.title, bodyClass: `single single-post postid-${post.id} single-format-standard`, head, main });
}

export interface ListingSpec {
  /** Page 1's URL (`…/category/eu/`); page N is `…/category/eu/page/N/`. */
  url: string;
  /** `<title>` text and heading; null heading for the blog home. */
  title: string;
  heading: { label: string; name: string } | null;
  bodyClass: string;
  /** The body class WordPress adds on page N (`category-paged-2`), beside `paged paged-2`. */
  pagedClass: string;
  posts: PostMeta[];
  /** The URL this listing links a post by (category listings use their own category path). */
  linkFor(post: PostMeta): string;
}

export const PER_PAGE = 10;

export function pageCount(spec: ListingSpec): number {
  return Math.max(1, Math.ceil(spec.posts.length / PER_PAGE));
}

/** Page `n` (1-based) of a listing. */
export function renderListingPage(model: SiteModel, blog: BlogModel, spec: ListingSpec, n: number): string {
  const theme = themeOf(blog);
  const total = pageCount(spec);
  const items = spec.posts.slice((n - 1) * PER_PAGE, n * PER_PAGE).map((p) => theme.listingItem(p, spec.linkFor(p)));
  const main = [
    spec.heading ? theme.archiveHeading(spec.heading.label, spec.heading.name) : '',
    ...items,
    theme.pagination(spec.url, n, total, paged),
  ].filter(Boolean).join('\n');
  const bodyClass = n > 1 ? `${spec.bodyClass} paged paged-${n} ${spec.pagedClass}-${n}` : spec.bodyClass;
  return theme.document({ model, blog, title: n > 1 ? `${spec.title} | Sida ${n}` : spec.title, bodyClass, head: [], main });
}

export function renderStaticPage(model: SiteModel, blog: BlogModel): string {
  const theme = themeOf(blog);
  const page = blog.page;
  const body = renderBlocks(parseMarkdown(page.markdown), SITE_URL, (f) => theme.figure(f, page.id + 1));
  const head = [`<link rel="canonical" href="${pageUrl(page)}" />`, `<link rel="shortlink" href="${shortlink(blog.key, page.id)}" />`];
  return theme.document({ model, blog, title: page.title, bodyClass: `page page-id-${page.id} page-template-default`, head, main: theme.pageArticle(page, body) });
}

/** The portal home `/`: the four blogs and their latest posts; no closure notice here (site-facts). */
export function renderPortal(model: SiteModel): string {
  const sections = model.blogs.map((b) => {
    const latest = b.posts.slice(0, 3).map((p) => `<li><a href="${escapeHtml(permalink(p))}">${texturize(p.title)}</a></li>`).join('\n');
    return `<div class="blog-entry blog-${b.key}">
<h2><a href="${blogUrl(b.key)}">${escapeHtml(b.name)}</a></h2>
<p>${escapeHtml(b.description)}</p>
<ul class="latest-posts">
${latest}
</ul>
</div>`;
  });
  return `<!DOCTYPE html>
<html lang="sv-SE">
<head>
<meta charset="UTF-8">
<title>Näringsbloggen &#8211; Näringsdepartementets bloggar</title>
<meta name="generator" content="WordPress 4.7.2">
</head>
<body class="home portal">
<div id="page">
<header id="masthead"><h1 class="site-title"><a href="${SITE_URL}/" rel="home">Näringsbloggen</a></h1>
<p class="site-description">Näringsdepartementets bloggar</p></header>
<main id="main">
${sections.join('\n')}
</main>
<footer id="colophon"><p>&copy; Regeringskansliet &#8211; <a href="http://www.regeringen.se/">regeringen.se</a></p></footer>
</div>
</body>
</html>
`;
}

/** The page the server sends with a real 404 status. */
export function render404(): string {
  return `<!DOCTYPE html>
<html lang="sv-SE">
<head>
<meta charset="UTF-8">
<title>Sidan kunde inte hittas &#8211; Näringsbloggen</title>
</head>
<body class="error404">
<div id="page">
<header id="masthead"><p class="site-title"><a href="${SITE_URL}/" rel="home">Näringsbloggen</a></p></header>
<main id="main">
<h1 class="page-title">Sidan kunde inte hittas</h1>
<p>Det verkar inte finnas något här. Gå till <a href="${SITE_URL}/">startsidan</a>.</p>
</main>
</div>
</body>
</html>
`;
}
