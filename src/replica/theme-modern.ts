/**
 * The theme of /transport/, /transporter-och-infrastruktur/ and /livsmedel/ (2016–2017): Twenty Sixteen
 * markup in Swedish, with a "Share" line before `Kategori A | B` and no comment counts anywhere.
 */
import { escapeHtml, texturize, type Block } from './markdown.ts';
import { isoLocal, swedishDate, swedishDateTime } from './dates.ts';
import { authorUrl, categoryUrl, permalink, type PostMeta, type StaticPage } from './model.ts';
import type { ReplicaComment } from './bodies.ts';
import { blogMenu, closureNotice, feedLink, sidebarWidgets, termClasses, type PageContext } from './layout.ts';
import { commentTree, type Theme } from './theme.ts';

function shareLine(post: PostMeta, link: string): string {
  const u = encodeURIComponent(link);
  const t = encodeURIComponent(post.title);
  return `<div class="share-line">Share: <a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php?u=${u}" target="_blank">Facebook</a> <a class="share-twitter" href="https://twitter.com/intent/tweet?text=${t}&amp;url=${u}" target="_blank">Twitter</a> <a class="share-linkedin" href="https://www.linkedin.com/shareArticle?mini=true&amp;url=${u}" target="_blank">LinkedIn</a> <a class="share-email" href="mailto:?subject=${t}&amp;body=${u}">E-post</a></div>`;
}

function footer(post: PostMeta, link: string): string {
  const cats = post.categories.map((c) => `<a href="${categoryUrl(post.blog, c)}" rel="category tag">${escapeHtml(c.name)}</a>`).join(' | ');
  return `<footer class="entry-footer">
<span class="byline"><span class="author vcard"><span class="screen-reader-text">Författare </span><a class="url fn n" href="${authorUrl(post.blog, post.author)}" rel="author">${escapeHtml(post.author.name)}</a></span></span>
<span class="posted-on"><span class="screen-reader-text">Publicerat </span><a href="${escapeHtml(link)}" rel="bookmark"><time class="entry-date published" datetime="${isoLocal(post.date)}">${swedishDate(post.date)}</time></a></span>
${shareLine(post, link)}
<span class="cat-links"><span class="screen-reader-text">Kategorier </span>Kategori ${cats}</span>
</footer>`;
}

function comment(post: PostMeta, c: ReplicaComment, children: string): string {
  const name = c.authorUrl ? `<a href="${c.authorUrl}" rel="external nofollow" class="url">${escapeHtml(c.author)}</a>` : escapeHtml(c.author);
  const link = permalink(post);
  return [
    `<li id="comment-${c.id}" class="comment depth-${c.depth}${children ? ' parent' : ''}">`,
    `<article id="div-comment-${c.id}" class="comment-body">`,
    `<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">${name}</b> <span class="says">skriver:</span></div>`,
    `<div class="comment-metadata"><a href="${escapeHtml(link)}#comment-${c.id}"><time datetime="${isoLocal(c.date)}">${swedishDateTime(c.date)}</time></a></div></footer>`,
    `<div class="comment-content">${c.paragraphs.map((p) => `<p>${texturize(p)}</p>`).join('\n')}</div>`,
    `<div class="reply"><a rel="nofollow" class="comment-reply-link" href="${escapeHtml(link)}?replytocom=${c.id}#respond" aria-label="Svar till ${escapeHtml(c.author)}">Svara</a></div>`,
    '</article>',
    children ? `<ol class="children">\n${children}\n</ol>` : '',
    '</li>',
  ].filter(Boolean).join('\n');
}

/** WordPress's paginate_links with end_size 1 and mid_size 2: 1 … 4 5 [6] 7 8 … 40. */
function pageNumbers(n: number, total: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let k = 1; k <= total; k++) {
    if (k === 1 || k === total || Math.abs(k - n) <= 2) out.push(k);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

export const modernTheme: Theme = {
  document(ctx: PageContext): string {
    const { blog } = ctx;
    return `<!DOCTYPE html>
<html lang="sv-SE" class="no-js">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${texturize(ctx.title)} &#8211; ${escapeHtml(blog.name)}</title>
${feedLink(blog)}
${ctx.head.join('\n')}${ctx.head.length ? '\n' : ''}<meta name="generator" content="WordPress 4.7.2">
</head>
<body class="${ctx.bodyClass}">
<div id="page" class="site"><div class="site-inner">
<a class="skip-link screen-reader-text" href="#content">Hoppa till innehåll</a>
<header id="masthead" class="site-header" role="banner">
<div class="site-branding"><p class="site-title"><a href="http://www.naringsbloggen.se/${blog.key}/" rel="home">${escapeHtml(blog.name)}</a></p>
<p class="site-description">${escapeHtml(blog.description)}</p></div>
<nav id="site-navigation" class="main-navigation" role="navigation" aria-label="Primär meny"><ul id="menu-primary" class="primary-menu">${blogMenu(blog)}</ul></nav>
</header>
<div id="content" class="site-content">
${closureNotice(ctx.model, blog)}
<div id="primary" class="content-area"><main id="main" class="site-main" role="main">
${ctx.main}
</main></div>
<aside id="secondary" class="sidebar widget-area" role="complementary"><ul class="widgets">
${sidebarWidgets(blog)}
</ul></aside>
</div>
<footer id="colophon" class="site-footer" role="contentinfo"><div class="site-info">&copy; Regeringskansliet &#8211; <a href="http://www.regeringen.se/">regeringen.se</a></div></footer>
</div></div>
</body>
</html>
`;
  },

  listingItem(post: PostMeta, link: string): string {
    const summary = post.excerpt ? `\n<div class="entry-summary">\n<p>${texturize(post.excerpt)}</p>\n</div>` : '';
    return `<article id="post-${post.id}" class="post-${post.id} post type-post status-publish format-standard hentry ${termClasses(post)}">
<header class="entry-header"><h2 class="entry-title"><a href="${escapeHtml(link)}" rel="bookmark">${texturize(post.title)}</a></h2></header>${summary}
${footer(post, link)}
</article>`;
  },

  postArticle(post: PostMeta, bodyHtml: string): string {
    return `<article id="post-${post.id}" class="post-${post.id} post type-post status-publish format-standard hentry ${termClasses(post)}">
<header class="entry-header"><h1 class="entry-title">${texturize(post.title)}</h1></header>
<div class="entry-content">
${bodyHtml}
</div>
${footer(post, permalink(post))}
</article>`;
  },

  postNav(older: PostMeta | null, newer: PostMeta | null): string {
    const prev = older ? `<div class="nav-previous"><a href="${escapeHtml(permalink(older))}" rel="prev"><span class="meta-nav" aria-hidden="true">Föregående</span> <span class="post-title">${texturize(older.title)}</span></a></div>` : '';
    const next = newer ? `<div class="nav-next"><a href="${escapeHtml(permalink(newer))}" rel="next"><span class="meta-nav" aria-hidden="true">Nästa</span> <span class="post-title">${texturize(newer.title)}</span></a></div>` : '';
    return `<nav class="navigation post-navigation" role="navigation"><h2 class="screen-reader-text">Inläggsnavigering</h2><div class="nav-links">${prev}${next}</div></nav>`;
  },

  comments(post: PostMeta, comments: ReplicaComment[], moderationNote: string): string {
    const list = comments.length
      ? `<h2 class="comments-title">Kommentarer</h2>\n<ol class="comment-list">\n${commentTree(comments, (c, ch) => comment(post, c, ch))}\n</ol>\n`
      : '';
    return `<div id="comments" class="comments-area">
${list}<div id="respond" class="comment-respond">
<h2 id="reply-title" class="comment-reply-title">Kommentera</h2>
<form action="http://www.naringsbloggen.se/${post.blog}/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate>
<p class="comment-notes">${escapeHtml(moderationNote)}</p>
<p class="comment-form-comment"><label for="comment">Kommentar</label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525"></textarea></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Publicera kommentar"> <input type="hidden" name="comment_post_ID" value="${post.id}" id="comment_post_ID"></p>
</form>
</div>
</div>`;
  },

  pageArticle(page: StaticPage, bodyHtml: string): string {
    return `<article id="post-${page.id}" class="post-${page.id} page type-page status-publish hentry">
<header class="entry-header"><h1 class="entry-title">${texturize(page.title)}</h1></header>
<div class="entry-content">
${bodyHtml}
</div>
</article>`;
  },

  archiveHeading(label: string, name: string): string {
    return `<header class="page-header"><h1 class="page-title">${label}: ${name}</h1></header>`;
  },

  pagination(listingUrl: string, n: number, total: number, pagedUrl: (u: string, k: number) => string): string {
    if (total <= 1) return '';
    const parts: string[] = [];
    if (n > 1) parts.push(`<a class="prev page-numbers" href="${escapeHtml(pagedUrl(listingUrl, n - 1))}">Föregående sida</a>`);
    for (const k of pageNumbers(n, total)) {
      if (k === null) parts.push('<span class="page-numbers dots">&hellip;</span>');
      else if (k === n) parts.push(`<span class="page-numbers current"><span class="meta-nav screen-reader-text">Sida </span>${k}</span>`);
      else parts.push(`<a class="page-numbers" href="${escapeHtml(pagedUrl(listingUrl, k))}"><span class="meta-nav screen-reader-text">Sida </span>${k}</a>`);
    }
    if (n < total) parts.push(`<a class="next page-numbers" href="${escapeHtml(pagedUrl(listingUrl, n + 1))}">Nästa sida</a>`);
    return `<nav class="navigation pagination" role="navigation"><h2 class="screen-reader-text">Inläggsnavigering</h2><div class="nav-links">${parts.join('\n')}</div></nav>`;
  },

  figure(f: Extract<Block, { type: 'figure' }>, attachmentId: number): string {
    const img = `<img class="size-large wp-image-${attachmentId}" src="${escapeHtml(f.src)}" alt="${escapeHtml(f.alt)}" width="840" height="560">`;
    if (f.caption === null) return `<p>${img}</p>`;
    return `<figure id="attachment_${attachmentId}" style="width: 840px" class="wp-caption aligncenter">${img}<figcaption class="wp-caption-text">${texturize(f.caption)} <a href="${escapeHtml(f.rightsUrl ?? '')}">Bildrättigheter</a></figcaption></figure>`;
  },
};
