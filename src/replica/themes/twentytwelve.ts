/**
 * Twenty Twelve (WordPress 3.5, 2012), English. Comment link in the entry header ("Leave a reply" /
 * "1 Reply" / "% Replies", only while comments are open), categories, tags, date and author in one
 * `entry-meta` sentence in the footer, "Featured post" on sticky posts, Older/Newer posts navigation.
 */
import type { Comment, Post, Site } from './model.ts';
import { pagePath, postsOnPage, withParam } from './model.ts';
import { archives, avatar, bodyClass, captionDiv, categories, countWords, fullContent, head, postClass, recentComments, recentPosts, type ThemeRenderer, type View } from './common.ts';
import { displayDate, displayTime, escAttr, escUrl, escText, escTitle, isoDateTime, monthLabel } from './text.ts';

const REPLIES = ['<span class="leave-reply">Leave a reply</span>', '1 Reply', '% Replies'] as const;

function commentsLink(site: Site, p: Post): string {
  if (!p.open) return '';
  const href = site.abs(p.path) + (p.commentCount === 0 ? '#respond' : '#comments');
  return `\t\t\t\t<div class="comments-link">\n\t\t\t\t\t<a href="${href}" title="Comment on ${escAttr(p.title)}">${countWords(p.commentCount, REPLIES)}</a>\t\t\t\t</div><!-- .comments-link -->`;
}

/** twentytwelve_entry_meta(): one sentence, its wording depending on which parts exist. */
function entryMeta(site: Site, p: Post): string {
  const cats = p.categories.map((c) => `<a href="${site.abs(c.path)}" title="View all posts in ${escAttr(c.name)}" rel="category tag">${escTitle(c.name)}</a>`).join(', ');
  const tags = p.tags.map((t) => `<a href="${site.abs(t.path)}" rel="tag">${escTitle(t.name)}</a>`).join(', ');
  const date = `<a href="${site.abs(p.path)}" title="${displayTime(p.local, 'en')}" rel="bookmark"><time class="entry-date" datetime="${isoDateTime(p.local, site.data.utcOffset)}">${displayDate(p.local, 'en')}</time></a>`;
  const author = `<span class="author vcard"><a class="url fn n" href="${site.abs(p.author.path)}" title="View all posts by ${escAttr(p.author.name)}" rel="author">${escText(p.author.name)}</a></span>`;
  const by = `<span class="by-author"> by ${author}</span>`;
  return tags
    ? `This entry was posted in ${cats} and tagged ${tags} on ${date}${by}.`
    : `This entry was posted in ${cats} on ${date}${by}.`;
}

function article(site: Site, p: Post, single: boolean, featured: boolean): string {
  const title = single
    ? `<h1 class="entry-title">${escTitle(p.title)}</h1>`
    : `<h1 class="entry-title">\n\t\t\t\t<a href="${site.abs(p.path)}" rel="bookmark">${escTitle(p.title)}</a>\n\t\t\t</h1>`;
  const body = single
    ? fullContent(site, p, captionDiv)
    : fullContent(site, { ...p, data: { ...p.data, body: p.teaser } }, captionDiv).replace(/<p><span id="more-\d+"><\/span><\/p>\n?/, '') +
      (p.hasMore ? `\n<p> <a href="${site.abs(p.path)}#more-${p.id}" class="more-link">Continue reading <span class="meta-nav">&rarr;</span></a></p>` : '');
  return `
\t<article id="post-${p.id}" class="${postClass(p)}">
\t\t${featured ? '<div class="featured-post">\n\t\t\tFeatured post\t\t</div>\n\t\t' : ''}<header class="entry-header">
\t\t\t${title}
${single ? '\t\t\t<!-- 12 Comments -->\n' : ''}${commentsLink(site, p)}
\t\t</header><!-- .entry-header -->

\t\t<div class="entry-content">
${body}
\t\t</div><!-- .entry-content -->

\t\t<footer class="entry-meta">
\t\t\t${entryMeta(site, p)}
\t\t\t\t\t</footer><!-- .entry-meta -->
\t</article><!-- #post -->`;
}

function comment(site: Site, p: Post, c: Comment, parity: { n: number }): string {
  const eo = parity.n++ % 2 === 0 ? 'even' : 'odd';
  const isAuthor = c.author === p.author.name;
  const li = `<li class="comment ${eo} ${c.depth === 1 ? `thread-${eo}` : ''} depth-${c.depth}${c.children.length ? ' parent' : ''}${isAuthor ? ' bypostauthor' : ''}" id="li-comment-${c.id}">
\t\t<article id="comment-${c.id}" class="comment">
\t\t\t<header class="comment-meta comment-author vcard">
\t\t\t\t${avatar(c.author, 44)}<cite><b class="fn">${c.url ? `<a href='${escAttr(c.url)}' rel='external nofollow' class='url'>${escText(c.author)}</a>` : escText(c.author)}</b> ${isAuthor ? '<span>Post author</span>' : ''}</cite><a href="${site.abs(p.path)}#comment-${c.id}"><time datetime="${isoDateTime(c.local, site.data.utcOffset)}">${displayDate(c.local, 'en')} at ${displayTime(c.local, 'en')}</time></a>\t\t\t</header><!-- .comment-meta -->
\t\t\t<section class="comment-content comment">
\t\t\t\t<p>${c.text}</p>
\t\t\t\t\t\t\t</section><!-- .comment-content -->
\t\t\t<div class="reply">
\t\t\t\t${p.open ? `<a class='comment-reply-link' href='${escUrl(site.abs(withParam(p.path, `replytocom=${c.id}`)))}#respond' onclick='return addComment.moveForm("comment-${c.id}", "${c.id}", "respond", "${p.id}")'>Reply</a> <span>&darr;</span>` : ''}\t\t\t</div><!-- .reply -->
\t\t</article><!-- #comment-## -->`;
  const kids = c.children.length ? `\n<ol class="children">\n${c.children.map((k) => comment(site, p, k, parity)).join('\n')}\n</ol><!-- .children -->` : '';
  return `${li}${kids}\n</li><!-- #comment-## -->`;
}

function commentsArea(site: Site, p: Post): string {
  const parts = [`<div id="comments" class="comments-area">`];
  if (p.commentCount > 0) {
    const head = p.commentCount === 1 ? 'One thought on' : `${p.commentCount} thoughts on`;
    parts.push(`\t\t<h2 class="comments-title">\n\t\t\t${head} &ldquo;<span>${escTitle(p.title)}</span>&rdquo;\t\t</h2>`);
    const parity = { n: 0 };
    parts.push(`\t\t<ol class="commentlist">\n${p.thread.map((c) => comment(site, p, c, parity)).join('\n')}\n\t\t</ol><!-- .commentlist -->`);
  }
  if (!p.open) {
    if (p.commentCount > 0) parts.push(`\t\t<p class="nocomments">Comments are closed.</p>`);
  } else {
    parts.push(`\t\t\t\t\t\t\t<div id="respond" class="comment-respond">
\t\t\t\t<h3 id="reply-title" class="comment-reply-title">Leave a Reply <small><a rel="nofollow" id="cancel-comment-reply-link" href="${site.abs(p.path)}#respond" style="display:none;">Cancel reply</a></small></h3>
\t\t\t\t\t<form action="${site.abs('/wp-comments-post.php')}" method="post" id="commentform" class="comment-form">
\t\t\t\t\t\t<p class="comment-notes">Your email address will not be published. Required fields are marked <span class="required">*</span></p>
\t\t\t\t\t\t<p class="comment-form-author"><label for="author">Name <span class="required">*</span></label> <input id="author" name="author" type="text" value="" size="30" aria-required='true' /></p>
\t\t\t\t\t\t<p class="comment-form-comment"><label for="comment">Comment</label> <textarea id="comment" name="comment" cols="45" rows="8" aria-required="true"></textarea></p>
\t\t\t\t\t\t<p class="form-submit"><input name="submit" type="submit" id="submit" value="Post Comment" /> <input type='hidden' name='comment_post_ID' value='${p.id}' id='comment_post_ID' /></p>
\t\t\t\t\t</form>
\t\t\t\t\t\t\t</div><!-- #respond -->`);
  }
  parts.push(`</div><!-- #comments .comments-area -->`);
  return parts.join('\n');
}

function navSingle(site: Site, p: Post): string {
  const i = site.posts.indexOf(p);
  const older = site.posts[i + 1];
  const newer = site.posts[i - 1];
  return `\t\t\t\t<nav class="nav-single">
\t\t\t\t\t<h3 class="assistive-text">Post navigation</h3>
\t\t\t\t\t<span class="nav-previous">${older ? `<a href="${site.abs(older.path)}" rel="prev"><span class="meta-nav">&larr;</span> ${escTitle(older.title)}</a>` : ''}</span>
\t\t\t\t\t<span class="nav-next">${newer ? `<a href="${site.abs(newer.path)}" rel="next">${escTitle(newer.title)} <span class="meta-nav">&rarr;</span></a>` : ''}</span>
\t\t\t\t</nav><!-- .nav-single -->`;
}

function main(site: Site, view: View): string {
  switch (view.kind) {
    case 'post':
      return article(site, view.post, true, false) + '\n' + navSingle(site, view.post) + '\n\n' + commentsArea(site, view.post);
    case 'page':
      return `\t<article id="post-${view.page.id}" class="post-${view.page.id} page type-page status-publish hentry">
\t\t<header class="entry-header">
\t\t\t<h1 class="entry-title">${escTitle(view.page.title)}</h1>
\t\t</header>
\t\t<div class="entry-content">
${view.page.body.map((b) => `<p>${b}</p>`).join('\n')}
\t\t</div><!-- .entry-content -->
\t</article><!-- #post -->`;
    case 'notFound':
      return `\t\t\t<article id="post-0" class="post error404 no-results not-found">
\t\t\t\t<header class="entry-header">
\t\t\t\t\t<h1 class="entry-title">This is somewhat embarrassing, isn&rsquo;t it?</h1>
\t\t\t\t</header>
\t\t\t\t<div class="entry-content">
\t\t\t\t\t<p>It seems we can&rsquo;t find what you&rsquo;re looking for. Perhaps searching can help.</p>
\t\t\t\t\t<form role="search" method="get" id="searchform" action="${site.abs('/')}"><div><label class="screen-reader-text" for="s">Search for:</label><input type="text" value="" name="s" id="s" /><input type="submit" id="searchsubmit" value="Search" /></div></form>
\t\t\t\t</div><!-- .entry-content -->
\t\t\t</article><!-- #post-0 -->`;
    case 'listing': {
      const l = view.listing;
      let header = '';
      if (l.kind === 'category') header = `Category Archives: <span>${escTitle(l.term!.name)}</span>`;
      if (l.kind === 'tag') header = `Tag Archives: <span>${escTitle(l.term!.name)}</span>`;
      if (l.kind === 'author') header = `Author Archives: <span class="vcard"><a class="url fn n" href="${site.abs(l.author!.path)}" title="${escAttr(l.author!.name)}" rel="me">${escText(l.author!.name)}</a></span>`;
      if (l.kind === 'date') header = `Monthly Archives: <span>${monthLabel(l.month!.year, l.month!.month, 'en')}</span>`;
      const desc = l.term?.description ? `<div class="archive-meta"><p>${l.term.description}</p>\n</div>` : '';
      const posts = postsOnPage(l, view.page, site.data.postsPerPage);
      const featured = l.kind === 'home' && view.page === 1;
      const nav = l.pageCount > 1
        ? `\t\t<nav id="nav-below" class="navigation" role="navigation">
\t\t\t<h3 class="assistive-text">Post navigation</h3>
\t\t\t<div class="nav-previous">${view.page < l.pageCount ? `<a href="${site.abs(pagePath(l, view.page + 1))}" ><span class="meta-nav">&larr;</span> Older posts</a>` : ''}</div>
\t\t\t<div class="nav-next">${view.page > 1 ? `<a href="${site.abs(pagePath(l, view.page - 1))}" >Newer posts <span class="meta-nav">&rarr;</span></a>` : ''}</div>
\t\t</nav><!-- #nav-below .navigation -->`
        : '';
      return (header ? `\t\t\t<header class="archive-header">\n\t\t\t\t<h1 class="archive-title">${header}</h1>\n${desc}\t\t\t</header><!-- .archive-header -->\n` : '') +
        posts.map((p) => article(site, p, false, featured && p.sticky)).join('\n') + '\n' + nav;
    }
  }
}

export const renderTwentyTwelve: ThemeRenderer = (site, view) => {
  const d = site.data;
  let title = `${escTitle(d.title)} | ${escTitle(d.tagline)}`;
  if (view.kind === 'post') title = `${escTitle(view.post.title)} | ${escTitle(d.title)}`;
  if (view.kind === 'page') title = `${escTitle(view.page.title)} | ${escTitle(d.title)}`;
  if (view.kind === 'notFound') title = `Page not found | ${escTitle(d.title)}`;
  if (view.kind === 'listing' && view.listing.kind !== 'home') {
    const l = view.listing;
    const name = l.term?.name ?? l.author?.name ?? monthLabel(l.month!.year, l.month!.month, 'en');
    title = `${escTitle(name)} | ${escTitle(d.title)}`;
  }
  if (view.kind === 'listing' && view.page > 1) title = title.replace(' | ', ` | Page ${view.page} | `);
  const menu = [`<li class="${view.kind === 'listing' && view.listing.kind === 'home' ? 'current_page_item' : 'page_item'}"><a href="${site.abs('/')}">Home</a></li>`,
    ...site.pages.map((pg) => `<li class="page_item page-item-${pg.id}"><a href="${site.abs(pg.path)}">${escTitle(pg.title)}</a></li>`)];
  return `${head(site, view, { title, stylesheet: '/wp-content/themes/twentytwelve/style.css', lang: 'en-US' })}

<body class="${bodyClass(site, view, ['custom-font-enabled'])}">
<div id="page" class="hfeed site">
\t<header id="masthead" class="site-header" role="banner">
\t\t<hgroup>
\t\t\t<h1 class="site-title"><a href="${site.abs('/')}" title="${escAttr(d.title)}" rel="home">${escTitle(d.title)}</a></h1>
\t\t\t<h2 class="site-description">${escTitle(d.tagline)}</h2>
\t\t</hgroup>

\t\t<nav id="site-navigation" class="main-navigation" role="navigation">
\t\t\t<button class="menu-toggle">Menu</button>
\t\t\t<a class="assistive-text" href="#content" title="Skip to content">Skip to content</a>
\t\t\t<div class="nav-menu"><ul>${menu.join('')}</ul></div>
\t\t</nav><!-- #site-navigation -->
\t</header><!-- #masthead -->

\t<div id="main" class="wrapper">
\t<div id="primary" class="site-content">
\t\t<div id="content" role="main">
${main(site, view)}
\t\t</div><!-- #content -->
\t</div><!-- #primary -->

\t\t\t<div id="secondary" class="widget-area" role="complementary">
\t\t\t<aside id="search-2" class="widget widget_search"><form role="search" method="get" id="searchform" action="${site.abs('/')}"><div><label class="screen-reader-text" for="s">Search for:</label><input type="text" value="" name="s" id="s" /><input type="submit" id="searchsubmit" value="Search" /></div></form></aside>
${recentPosts(site, 'Recent Posts', 'h3')}
${recentComments(site, { label: 'Recent Comments', h: 'h3', on: 'on', excerpt: false })}
${archives(site, 'Archives', 'h3')}
${categories(site, 'Categories', 'h3')}
\t\t</div><!-- #secondary -->
\t\t</div><!-- #main .wrapper -->
\t<footer id="colophon" role="contentinfo">
\t\t<div class="site-info">
\t\t\t\t\t\t<a href="http://wordpress.org/" title="Semantic Personal Publishing Platform">Proudly powered by WordPress</a>
\t\t</div><!-- .site-info -->
\t</footer><!-- #colophon -->
</div><!-- #page -->
</body>
</html>
`;
};
