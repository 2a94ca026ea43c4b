/**
 * Twenty Ten (WordPress 3.0, 2010), Danish, on a blog whose charset was ISO-8859-1. `entry-meta` above
 * ("Udgivet den … af …"), `entry-utility` below (`cat-links` | `tag-links` | `comments-link`: "Ingen
 * kommentarer" / "1 kommentar" / "4 kommentarer", or "Kommentarer lukket" as plain text), excerpts with a
 * continue link on archives, widgets as `<li class="widget-container">`, replies in `<ul class="children">`.
 */
import type { Comment, Listing, Post, Site } from './model.ts';
import { pagePath, postsOnPage, withParam } from './model.ts';
import { archives, avatar, bodyClass, captionDiv, categories, countWords, fullContent, head, postClass, recentComments, recentPosts, type ThemeRenderer, type View } from './common.ts';
import { displayDate, displayTime, escAttr, escUrl, escText, escTitle, monthLabel } from './text.ts';

const LANG = 'da';
const CONTINUE = 'Fortsæt med at læse <span class="meta-nav">&rarr;</span>';

function entryMeta(site: Site, p: Post): string {
  return `<div class="entry-meta">
\t\t\t\t\t<span class="meta-prep meta-prep-author">Udgivet den</span> <a href="${site.abs(p.path)}" title="${displayTime(p.local, LANG).replace('kl. ', '')}" rel="bookmark"><span class="entry-date">${displayDate(p.local, LANG)}</span></a> <span class="meta-sep">af</span> <span class="author vcard"><a class="url fn n" href="${site.abs(p.author.path)}" title="Vis alle indlæg af ${escAttr(p.author.name)}">${escText(p.author.name)}</a></span>\t\t\t\t</div><!-- .entry-meta -->`;
}

const catLinks = (site: Site, p: Post): string => p.categories.map((c) => `<a href="${site.abs(c.path)}" title="Vis alle indlæg i ${escAttr(c.name)}" rel="category tag">${escTitle(c.name)}</a>`).join(', ');
const tagLinks = (site: Site, p: Post): string => p.tags.map((t) => `<a href="${site.abs(t.path)}" rel="tag">${escTitle(t.name)}</a>`).join(', ');

/** comments_popup_link(): with comments closed and none made, WordPress prints its "Comments Off" text, not a link. */
function commentsPopup(site: Site, p: Post): string {
  if (!p.open && p.commentCount === 0) return `<span>Kommentarer lukket</span>`;
  const href = site.abs(p.path) + (p.commentCount === 0 ? '#respond' : '#comments');
  return `<a href="${href}" title="Kommentarer til ${escAttr(p.title)}">${countWords(p.commentCount, ['Ingen kommentarer', '1 kommentar', '% kommentarer'])}</a>`;
}

function listingPost(site: Site, p: Post, summary: boolean): string {
  let body: string;
  if (summary) {
    // the_excerpt() on archives, with Twenty Ten's own "more" text in place of WordPress's [...]
    // Only a trimmed or hand-written excerpt gets the link (twentyten_auto_excerpt_more / _custom_excerpt_more).
    const more = ` <a href="${site.abs(p.path)}">${CONTINUE}</a>`;
    const tail = p.autoExcerpt ? ` &hellip;${more}` : p.data.excerpt !== undefined ? more : '';
    body = `\t\t\t\t<div class="entry-summary">\n\t\t\t\t<p>${escText(p.excerptText)}${tail}</p>\n\t\t\t</div><!-- .entry-summary -->`;
  } else {
    const teaser = fullContent(site, { ...p, data: { ...p.data, body: p.teaser } }, captionDiv);
    const more = p.hasMore ? `\n<p> <a href="${site.abs(p.path)}#more-${p.id}" class="more-link">${CONTINUE}</a></p>` : '';
    body = `\t\t\t\t<div class="entry-content">\n\t\t\t\t${teaser}${more}\n\t\t\t\t\t\t\t\t\t\t\t</div><!-- .entry-content -->`;
  }
  const utility = [`<span class="cat-links">\n\t\t\t\t\t\t<span class="entry-utility-prep entry-utility-prep-cat-links">Udgivet i</span> ${catLinks(site, p)}\t\t\t\t\t</span>\n\t\t\t\t\t<span class="meta-sep">|</span>`];
  if (p.tags.length) utility.push(`<span class="tag-links">\n\t\t\t\t\t\t<span class="entry-utility-prep entry-utility-prep-tag-links">Tagget</span> ${tagLinks(site, p)}\t\t\t\t\t</span>\n\t\t\t\t\t<span class="meta-sep">|</span>`);
  utility.push(`<span class="comments-link">${commentsPopup(site, p)}</span>`);
  return `
\t\t\t<div id="post-${p.id}" class="${postClass(p)}">
\t\t\t<h2 class="entry-title"><a href="${site.abs(p.path)}" title="Permalink til ${escAttr(p.title)}" rel="bookmark">${escTitle(p.title)}</a></h2>

\t\t\t${entryMeta(site, p)}

${body}

\t\t\t<div class="entry-utility">
\t\t\t\t\t\t\t\t\t${utility.join('\n\t\t\t\t\t')}
\t\t\t\t\t\t\t</div><!-- .entry-utility -->
\t\t</div><!-- #post-## -->

\t\t`;
}

function comment(site: Site, p: Post, c: Comment, parity: { n: number }): string {
  const eo = parity.n++ % 2 === 0 ? 'even' : 'odd';
  const kids = c.children.length ? `\n<ul class='children'>\n${c.children.map((k) => comment(site, p, k, parity)).join('\n')}\n</ul>\n` : '';
  return `\t<li class="comment ${eo}${c.depth === 1 ? ` thread-${eo}` : ''} depth-${c.depth}" id="li-comment-${c.id}">
\t\t<div id="comment-${c.id}">
\t\t<div class="comment-author vcard">
\t\t\t${avatar(c.author, 40)}\t\t\t<cite class="fn">${escText(c.author)}</cite> <span class="says">siger:</span>\t\t</div><!-- .comment-author .vcard -->

\t\t<div class="comment-meta commentmetadata"><a href="${site.abs(p.path)}#comment-${c.id}">
\t\t\t${displayDate(c.local, LANG)} ${displayTime(c.local, LANG)}</a>\t\t</div><!-- .comment-meta .commentmetadata -->

\t\t<div class="comment-body"><p>${c.text}</p>
</div>

\t\t<div class="reply">
\t\t\t${p.open ? `<a class='comment-reply-link' href='${escUrl(site.abs(withParam(p.path, `replytocom=${c.id}`)))}#respond' onclick='return addComment.moveForm("comment-${c.id}", "${c.id}", "respond", "${p.id}")'>Svar</a>` : ''}\t\t</div><!-- .reply -->
\t</div><!-- #comment-##  -->
${kids}
</li>`;
}

function single(site: Site, p: Post): string {
  const i = site.posts.indexOf(p);
  const older = site.posts[i + 1];
  const newer = site.posts[i - 1];
  const nav = (id: string): string => `\t\t\t\t<div id="${id}" class="navigation">
\t\t\t\t\t<div class="nav-previous">${older ? `<a href="${site.abs(older.path)}" rel="prev"><span class="meta-nav">&larr;</span> ${escTitle(older.title)}</a>` : ''}</div>
\t\t\t\t\t<div class="nav-next">${newer ? `<a href="${site.abs(newer.path)}" rel="next">${escTitle(newer.title)} <span class="meta-nav">&rarr;</span></a>` : ''}</div>
\t\t\t\t</div><!-- #${id} -->`;
  const tags = p.tags.length ? ` og tagget ${tagLinks(site, p)}` : '';
  const comments: string[] = [`\t\t\t<div id="comments">`];
  if (p.commentCount > 0) {
    const n = p.commentCount === 1 ? 'Et svar' : `${p.commentCount} svar`;
    const parity = { n: 0 };
    comments.push(`\t\t\t<h3 id="comments-title">${n} til <em>${escTitle(p.title)}</em></h3>`);
    comments.push(`\t\t\t<ol class="commentlist">\n${p.thread.map((c) => comment(site, p, c, parity)).join('\n')}\n\t\t\t</ol>`);
  }
  if (!p.open) comments.push(`\t<p class="nocomments">Kommentarer er lukket.</p>`);
  else comments.push(`\t\t\t\t\t\t\t\t<div id="respond">
\t\t\t\t<h3 id="reply-title">Skriv et svar <small><a rel="nofollow" id="cancel-comment-reply-link" href="${site.abs(p.path)}#respond" style="display:none;">Annuller svar</a></small></h3>
\t\t\t\t\t\t\t\t\t<form action="${site.abs('/wp-comments-post.php')}" method="post" id="commentform">
\t\t\t\t\t\t<p class="comment-form-comment"><label for="comment">Kommentar</label><textarea id="comment" name="comment" cols="45" rows="8" aria-required="true"></textarea></p>
\t\t\t\t\t\t<p class="form-submit"><input name="submit" type="submit" id="submit" value="Send kommentar" /><input type='hidden' name='comment_post_ID' value='${p.id}' id='comment_post_ID' /></p>
\t\t\t\t\t</form>
\t\t\t\t\t\t\t</div><!-- #respond -->`);
  comments.push(`</div><!-- #comments -->`);
  return `${nav('nav-above')}

\t\t\t\t<div id="post-${p.id}" class="${postClass(p)}">
\t\t\t\t\t<h1 class="entry-title">${escTitle(p.title)}</h1><!-- 12 kommentarer -->

\t\t\t\t\t${entryMeta(site, p)}

\t\t\t\t\t<div class="entry-content">
${fullContent(site, p, captionDiv)}
\t\t\t\t\t\t\t\t\t\t\t</div><!-- .entry-content -->

\t\t\t\t\t<div class="entry-utility">
\t\t\t\t\t\tDette indlæg blev udgivet i ${catLinks(site, p)}${tags}. Bogmærk <a href="${site.abs(p.path)}" title="Permalink til ${escAttr(p.title)}" rel="bookmark">permalinket</a>.\t\t\t\t\t\t\t\t\t\t\t</div><!-- .entry-utility -->
\t\t\t\t</div><!-- #post-## -->

${nav('nav-below')}

${comments.join('\n')}`;
}

function listingNav(site: Site, l: Listing, page: number, id: string): string {
  if (l.pageCount < 2) return '';
  return `\t<div id="${id}" class="navigation">
\t\t<div class="nav-previous">${page < l.pageCount ? `<a href="${escUrl(site.abs(pagePath(l, page + 1)))}" ><span class="meta-nav">&larr;</span> Ældre indlæg</a>` : ''}</div>
\t\t<div class="nav-next">${page > 1 ? `<a href="${escUrl(site.abs(pagePath(l, page - 1)))}" >Nyere indlæg <span class="meta-nav">&rarr;</span></a>` : ''}</div>
\t</div><!-- #${id} -->\n`;
}

function main(site: Site, view: View): string {
  switch (view.kind) {
    case 'post':
      return single(site, view.post);
    case 'page':
      return `\t\t\t\t<div id="post-${view.page.id}" class="post-${view.page.id} page type-page status-publish hentry">
\t\t\t\t\t\t\t\t\t\t\t<h1 class="entry-title">${escTitle(view.page.title)}</h1>
\t\t\t\t\t<div class="entry-content">
${view.page.body.map((b) => `<p>${b}</p>`).join('\n')}
\t\t\t\t\t</div><!-- .entry-content -->
\t\t\t\t</div><!-- #post-## -->`;
    case 'notFound':
      return `\t\t\t<div id="post-0" class="post error404 not-found">
\t\t\t\t<h1 class="entry-title">Ikke fundet</h1>
\t\t\t\t<div class="entry-content">
\t\t\t\t\t<p>Beklager, men den side du bad om kunne ikke findes. Måske kan det hjælpe at søge?</p>
\t\t\t\t</div><!-- .entry-content -->
\t\t\t</div><!-- #post-0 -->`;
    case 'listing': {
      const l = view.listing;
      let title = '';
      if (l.kind === 'category') title = `<h1 class="page-title">Kategoriarkiv: <span>${escTitle(l.term!.name)}</span></h1>`;
      if (l.kind === 'tag') title = `<h1 class="page-title">Tag-arkiv: <span>${escTitle(l.term!.name)}</span></h1>`;
      if (l.kind === 'author') title = `<h1 class="page-title author">Forfatterarkiv: <span class="vcard"><a class="url fn n" href="${site.abs(l.author!.path)}" title="${escAttr(l.author!.name)}" rel="me">${escText(l.author!.name)}</a></span></h1>`;
      if (l.kind === 'date') title = `<h1 class="page-title">Månedligt arkiv: <span>${monthLabel(l.month!.year, l.month!.month, LANG)}</span></h1>`;
      const desc = l.term?.description ? `<div class="archive-meta"><p>${l.term.description}</p>\n</div>` : '';
      const summary = l.kind !== 'home';
      return `${title ? `\t\t\t\t${title}\n${desc}` : ''}${listingNav(site, l, view.page, 'nav-above')}` +
        postsOnPage(l, view.page, site.data.postsPerPage).map((p) => listingPost(site, p, summary)).join('') + listingNav(site, l, view.page, 'nav-below');
    }
  }
}

export const renderTwentyTen: ThemeRenderer = (site, view) => {
  const d = site.data;
  let title = `${escTitle(d.title)} | ${escTitle(d.tagline)}`;
  if (view.kind === 'post') title = `${escTitle(view.post.title)} | ${escTitle(d.title)}`;
  if (view.kind === 'page') title = `${escTitle(view.page.title)} | ${escTitle(d.title)}`;
  if (view.kind === 'notFound') title = `Ikke fundet | ${escTitle(d.title)}`;
  if (view.kind === 'listing' && view.listing.kind !== 'home') {
    const l = view.listing;
    title = `${escTitle(l.term?.name ?? l.author?.name ?? monthLabel(l.month!.year, l.month!.month, LANG))} | ${escTitle(d.title)}`;
  }
  if (view.kind === 'listing' && view.page > 1) title += ` | Side ${view.page}`;
  const isHome = view.kind === 'listing' && view.listing.kind === 'home';
  const tag = isHome ? 'h1' : 'div';
  const menu = [`<li class="${isHome ? 'current_page_item' : 'page_item'}"><a href="${site.abs('/')}" title="Hjem">Hjem</a></li>`,
    ...site.pages.map((pg) => `<li class="page_item page-item-${pg.id}"><a href="${site.abs(pg.path)}" title="${escAttr(pg.title)}">${escTitle(pg.title)}</a></li>`)];
  // Old blogs kept their pre-permalink feed link in a text widget; it still answers, with a redirect.
  const textWidget = `<aside id="text-3" class="widget widget_text"><h3 class="widget-title">Abonnér</h3>\t\t\t<div class="textwidget">Følg bloggen via <a href="${site.abs('/?feed=rss2')}">RSS</a>.</div>\n\t\t</aside>`;
  const widgets = [
    recentPosts(site, 'Seneste indlæg', 'h3'),
    recentComments(site, { label: 'Seneste kommentarer', h: 'h3', on: 'til', excerpt: true }),
    archives(site, 'Arkiver', 'h3'),
    categories(site, 'Kategorier', 'h3'),
    textWidget,
  ].join('\n').replace(/<aside id="([^"]+)" class="widget /g, '<li id="$1" class="widget-container ').replace(/<\/aside>/g, '</li>');
  return `${head(site, view, { title, stylesheet: '/wp-content/themes/twentyten/style.css', lang: 'da-DK' })}

<body class="${bodyClass(site, view)}">
<div id="wrapper" class="hfeed">
\t<div id="header">
\t\t<div id="masthead">
\t\t\t<div id="branding" role="banner">
\t\t\t\t\t\t\t\t<${tag} id="site-title">
\t\t\t\t\t<span>
\t\t\t\t\t\t<a href="${site.abs('/')}" title="${escAttr(d.title)}" rel="home">${escTitle(d.title)}</a>
\t\t\t\t\t</span>
\t\t\t\t</${tag}>
\t\t\t\t<div id="site-description">${escTitle(d.tagline)}</div>
\t\t\t</div><!-- #branding -->

\t\t\t<div id="access" role="navigation">
\t\t\t\t\t\t\t\t<div class="skip-link screen-reader-text"><a href="#content" title="Gå til indhold">Gå til indhold</a></div>
\t\t\t\t<div class="menu"><ul>${menu.join('')}</ul></div>
\t\t\t</div><!-- #access -->
\t\t</div><!-- #masthead -->
\t</div><!-- #header -->

\t<div id="main">

\t\t<div id="container">
\t\t\t<div id="content" role="main">

${main(site, view)}

\t\t\t</div><!-- #content -->
\t\t</div><!-- #container -->

\t\t<div id="primary" class="widget-area" role="complementary">
\t\t\t<ul class="xoxo">
${widgets}
\t\t\t</ul>
\t\t</div><!-- #primary .widget-area -->

\t</div><!-- #main -->

\t<div id="footer" role="contentinfo">
\t\t<div id="colophon">
\t\t\t<div id="site-info">
\t\t\t\t<a href="${site.abs('/')}" title="${escAttr(d.title)}" rel="home">${escTitle(d.title)}</a>
\t\t\t</div><!-- #site-info -->
\t\t\t<div id="site-generator">
\t\t\t\t<a href="http://wordpress.org/" title="Semantisk personlig publiceringsplatform">Drevet af WordPress.</a>
\t\t\t</div><!-- #site-generator -->
\t\t</div><!-- #colophon -->
\t</div><!-- #footer -->

</div><!-- #wrapper -->

</body>
</html>
`;
};
