/**
 * The innovation blog's theme (2011–2014): Twenty Ten markup in Swedish. Listings show
 * `Kategori A | B` and the comment count, sometimes on the same line, nothing at all for zero.
 */
import { escapeHtml, texturize, type Block } from './markdown.ts';
import { isoLocal, swedishDate, swedishDateTime } from './dates.ts';
import { authorUrl, categoryUrl, permalink, tagUrl, type PostMeta, type StaticPage } from './model.ts';
import type { ReplicaComment } from './bodies.ts';
import { blogMenu, closureNotice, commentsText, feedLink, sidebarWidgets, termClasses, type PageContext } from './layout.ts';
import { commentTree, type Theme } from './theme.ts';

const hhmm = (p: PostMeta): string => `${String(p.date.hour).padStart(2, '0')}:${String(p.date.minute).padStart(2, '0')}`;

function categoryLine(post: PostMeta): string {
  const links = post.categories.map((c) => `<a href="${categoryUrl(post.blog, c)}" title="Visa alla inlägg i ${escapeHtml(c.name)}" rel="category tag">${escapeHtml(c.name)}</a>`);
  return `<span class="cat-links"><span class="entry-utility-prep entry-utility-prep-cat-links">Kategori</span> ${links.join(' | ')}</span>`;
}

function tagLine(post: PostMeta): string {
  if (post.tags.length === 0) return '';
  return `<div class="tag-links"><span class="entry-utility-prep entry-utility-prep-tag-links">Etiketter:</span> ${post.tags.map((t) => `<a href="${tagUrl(post.blog, t)}" rel="tag">${escapeHtml(t.name)}</a>`).join(', ')}</div>\n`;
}

function byline(post: PostMeta, link: string, time: boolean): string {
  const date = time ? `<time class="entry-date published" datetime="${isoLocal(post.date)}">${swedishDate(post.date)}</time>` : `<span class="entry-date">${swedishDate(post.date)}</span>`;
  return `<div class="entry-meta"><span class="meta-prep meta-prep-author">Publicerat den</span> <a href="${escapeHtml(link)}" title="${hhmm(post)}" rel="bookmark">${date}</a> <span class="meta-sep">av</span> <span class="author vcard"><a class="url fn n" href="${authorUrl(post.blog, post.author)}" title="Visa alla inlägg av ${escapeHtml(post.author.name)}" rel="author">${escapeHtml(post.author.name)}</a></span></div>`;
}

function utility(post: PostMeta, link: string): string {
  const count = post.commentCount > 0
    ? `<a href="${escapeHtml(link)}#comments" title="Kommentarer till ${texturize(post.title)}">${commentsText(post.commentCount)}</a>`
    : '';
  if (count && post.countOnCategoryLine) return `${tagLine(post)}<div class="entry-utility">${categoryLine(post)} <span class="meta-sep">|</span> <span class="comments-link">${count}</span></div>`;
  return `${tagLine(post)}<div class="entry-utility">${categoryLine(post)}</div>${count ? `\n<div class="comments-link">${count}</div>` : ''}`;
}

function comment(post: PostMeta, c: ReplicaComment, children: string): string {
  const name = c.authorUrl ? `<a href="${c.authorUrl}" rel="external nofollow" class="url">${escapeHtml(c.author)}</a>` : escapeHtml(c.author);
  const link = permalink(post);
  return [
    `<li class="comment ${c.depth % 2 ? 'odd' : 'even'} depth-${c.depth}" id="li-comment-${c.id}">`,
    `<div id="comment-${c.id}">`,
    `<div class="comment-author vcard"><cite class="fn">${name}</cite> <span class="says">skriver:</span></div>`,
    `<div class="comment-meta commentmetadata"><a href="${escapeHtml(link)}#comment-${c.id}"><time datetime="${isoLocal(c.date)}">${swedishDateTime(c.date)}</time></a></div>`,
    `<div class="comment-body">${c.paragraphs.map((p) => `<p>${texturize(p)}</p>`).join('\n')}</div>`,
    `<div class="reply"><a class="comment-reply-link" href="${escapeHtml(link)}?replytocom=${c.id}#respond" onclick='return addComment.moveForm("comment-${c.id}", "${c.id}", "respond", "${post.id}")'>Svara</a></div>`,
    '</div>',
    children ? `<ul class="children">\n${children}\n</ul>` : '',
    '</li>',
  ].filter(Boolean).join('\n');
}

export const classicTheme: Theme = {
  document(ctx: PageContext): string {
    const { blog } = ctx;
    return `<!DOCTYPE html>
<html dir="ltr" lang="sv-SE">
<head>
<meta charset="UTF-8" />
<title>${texturize(ctx.title)} | ${escapeHtml(blog.name)}</title>
<link rel="profile" href="http://gmpg.org/xfn/11" />
${feedLink(blog)}
${ctx.head.join('\n')}${ctx.head.length ? '\n' : ''}<meta name="generator" content="WordPress 3.2.1" />
</head>
<body class="${ctx.bodyClass}">
<div id="wrapper" class="hfeed">
<div id="header"><div id="masthead"><div id="branding" role="banner">
<div id="site-title"><span><a href="http://www.naringsbloggen.se/${blog.key}/" title="${escapeHtml(blog.name)}" rel="home">${escapeHtml(blog.name)}</a></span></div>
<div id="site-description">${escapeHtml(blog.description)}</div>
</div>
<div id="access" role="navigation"><div class="menu"><ul>${blogMenu(blog)}</ul></div></div>
</div></div>
<div id="main">
${closureNotice(ctx.model, blog)}
<div id="container"><div id="content" role="main">
${ctx.main}
</div></div>
<div id="primary" class="widget-area" role="complementary"><ul class="xoxo">
${sidebarWidgets(blog)}
</ul></div>
</div>
<div id="footer" role="contentinfo"><div id="colophon"><div id="site-info">&copy; Regeringskansliet &#8211; <a href="http://www.regeringen.se/">regeringen.se</a></div></div></div>
</div>
</body>
</html>
`;
  },

  listingItem(post: PostMeta, link: string): string {
    const summary = post.excerpt ? `\n<div class="entry-summary">\n<p>${texturize(post.excerpt)}</p>\n</div>` : '';
    return `<div id="post-${post.id}" class="post-${post.id} post type-post status-publish format-standard hentry ${termClasses(post)}">
<h2 class="entry-title"><a href="${escapeHtml(link)}" title="Permalänk till ${texturize(post.title)}" rel="bookmark">${texturize(post.title)}</a></h2>
${byline(post, link, false)}${summary}
${utility(post, link)}
</div>`;
  },

  postArticle(post: PostMeta, bodyHtml: string): string {
    const link = permalink(post);
    return `<div id="post-${post.id}" class="post-${post.id} post type-post status-publish format-standard hentry ${termClasses(post)}">
<h1 class="entry-title">${texturize(post.title)}</h1>
${byline(post, link, true)}
<div class="entry-content">
${bodyHtml}
</div>
${utility(post, link)}
</div>`;
  },

  postNav(older: PostMeta | null, newer: PostMeta | null): string {
    const prev = older ? `<a href="${escapeHtml(permalink(older))}" rel="prev"><span class="meta-nav">&larr;</span> ${texturize(older.title)}</a>` : '';
    const next = newer ? `<a href="${escapeHtml(permalink(newer))}" rel="next">${texturize(newer.title)} <span class="meta-nav">&rarr;</span></a>` : '';
    return `<div id="nav-below" class="navigation">\n<div class="nav-previous">${prev}</div>\n<div class="nav-next">${next}</div>\n</div>`;
  },

  comments(post: PostMeta, comments: ReplicaComment[], moderationNote: string): string {
    const list = comments.length
      ? `<h3 id="comments-title">${commentsText(comments.length)} till &#8221;${texturize(post.title)}&#8221;</h3>\n<ol class="commentlist">\n${commentTree(comments, (c, ch) => comment(post, c, ch))}\n</ol>\n`
      : '<p class="nocomments-yet">Bli den första som kommenterar!</p>\n';
    return `<div id="comments">
${list}<div id="respond">
<h3 id="reply-title">Kommentera</h3>
<form action="http://www.naringsbloggen.se/${post.blog}/wp-comments-post.php" method="post" id="commentform">
<p class="comment-notes">${escapeHtml(moderationNote)}</p>
<p class="comment-form-author"><label for="author">Namn</label> <input id="author" name="author" type="text" value="" size="30" /></p>
<p class="comment-form-comment"><label for="comment">Kommentar</label><textarea id="comment" name="comment" cols="45" rows="8"></textarea></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" value="Publicera kommentar" /><input type="hidden" name="comment_post_ID" value="${post.id}" id="comment_post_ID" /></p>
</form>
</div>
</div>`;
  },

  pageArticle(page: StaticPage, bodyHtml: string): string {
    return `<div id="post-${page.id}" class="post-${page.id} page type-page status-publish hentry">
<h1 class="entry-title">${texturize(page.title)}</h1>
<div class="entry-content">
${bodyHtml}
</div>
</div>`;
  },

  archiveHeading(label: string, name: string): string {
    return `<h1 class="page-title">${label}: <span>${name}</span></h1>`;
  },

  pagination(listingUrl: string, n: number, total: number, pagedUrl: (u: string, k: number) => string): string {
    if (total <= 1) return '';
    const older = n < total ? `<a href="${escapeHtml(pagedUrl(listingUrl, n + 1))}"><span class="meta-nav">&larr;</span> Äldre inlägg</a>` : '';
    const newer = n > 1 ? `<a href="${escapeHtml(pagedUrl(listingUrl, n - 1))}">Nyare inlägg <span class="meta-nav">&rarr;</span></a>` : '';
    return `<div id="nav-below" class="navigation">\n<div class="nav-previous">${older}</div>\n<div class="nav-next">${newer}</div>\n</div>`;
  },

  figure(f: Extract<Block, { type: 'figure' }>, attachmentId: number): string {
    const img = `<img class="size-medium wp-image-${attachmentId}" title="${escapeHtml(f.alt)}" src="${escapeHtml(f.src)}" alt="${escapeHtml(f.alt)}" width="300" height="200" />`;
    if (f.caption === null) return `<p>${img}</p>`;
    return `<div id="attachment_${attachmentId}" class="wp-caption aligncenter" style="width: 310px">${img}<p class="wp-caption-text">${texturize(f.caption)} <a href="${escapeHtml(f.rightsUrl ?? '')}">Bildrättigheter</a></p></div>`;
  },
};
