/**
 * Twenty Fifteen (WordPress 4.1, 2014), German. Sidebar column first in the source (menu and widgets
 * before the content), `entry-footer` with `posted-on` / `byline` / `cat-links` / `tags-links` /
 * `comments-link` spans, each labelled by a screen-reader-text span; the comment link shows on listings
 * only ("Keine Kommentare" / "Ein Kommentar" / "3 Kommentare"), the single post counts in its comments title.
 */
import type { Comment, Post, Site } from './model.ts';
import { pagePath, postsOnPage, withParam } from './model.ts';
import { archives, avatar, bodyClass, captionFigure, categories, countWords, documentTitle, fullContent, head, postClass, recentComments, recentPosts, siteTitleHtml, tagCloud, type ThemeRenderer, type View } from './common.ts';
import { displayDate, displayTime, escAttr, escUrl, escText, escTitle, isoDateTime, monthLabel } from './text.ts';

const LANG = 'de';

function postedOn(site: Site, p: Post): string {
  const pub = isoDateTime(p.local, site.data.utcOffset);
  const time = p.modified
    ? `<time class="entry-date published" datetime="${pub}">${displayDate(p.local, LANG)}</time><time class="updated" datetime="${isoDateTime(p.modified, site.data.utcOffset)}">${displayDate(p.modified, LANG)}</time>`
    : `<time class="entry-date published updated" datetime="${pub}">${displayDate(p.local, LANG)}</time>`;
  return `<span class="posted-on"><span class="screen-reader-text">Veröffentlicht am </span><a href="${site.abs(p.path)}" rel="bookmark">${time}</a></span>`;
}

function entryFooter(site: Site, p: Post, single: boolean, stickyLabel: boolean): string {
  const parts: string[] = [];
  if (stickyLabel) parts.push(`<span class="sticky-post">Hervorgehoben</span>`);
  parts.push(postedOn(site, p));
  parts.push(`<span class="byline"><span class="author vcard"><span class="screen-reader-text">Autor </span><a class="url fn n" href="${site.abs(p.author.path)}">${escText(p.author.name)}</a></span></span>`);
  parts.push(`<span class="cat-links"><span class="screen-reader-text">Kategorien </span>${p.categories.map((c) => `<a href="${site.abs(c.path)}" rel="category tag">${escTitle(c.name)}</a>`).join(', ')}</span>`);
  if (p.tags.length) parts.push(`<span class="tags-links"><span class="screen-reader-text">Schlagwörter </span>${p.tags.map((t) => `<a href="${site.abs(t.path)}" rel="tag">${escTitle(t.name)}</a>`).join(', ')}</span>`);
  // twentyfifteen_entry_meta(): the comment link only off the single view, and only when open or counted.
  if (!single && (p.open || p.commentCount > 0)) {
    const zero = `Keine Kommentare<span class="screen-reader-text"> zu ${escTitle(p.title)}</span>`;
    const href = site.abs(p.path) + (p.commentCount === 0 ? '#respond' : '#comments');
    parts.push(`<span class="comments-link"><a href="${href}">${countWords(p.commentCount, [zero, 'Ein Kommentar', '% Kommentare'])}</a></span>`);
  }
  return `\t<footer class="entry-footer">\n\t\t${parts.join('')}\n\t\t\t</footer><!-- .entry-footer -->`;
}

function article(site: Site, p: Post, single: boolean, stickyLabel: boolean): string {
  const title = single
    ? `<h1 class="entry-title">${escTitle(p.title)}</h1>`
    : `<h2 class="entry-title"><a href="${site.abs(p.path)}" rel="bookmark">${escTitle(p.title)}</a></h2>`;
  const body = single
    ? fullContent(site, p, captionFigure)
    : fullContent(site, { ...p, data: { ...p.data, body: p.teaser } }, captionFigure) +
      (p.hasMore ? `\n<p> <a href="${site.abs(p.path)}#more-${p.id}" class="more-link">Weiterlesen <span class="screen-reader-text">${escTitle(p.title)}</span></a></p>` : '');
  return `
<article id="post-${p.id}" class="${postClass(p)}">
\t
\t<header class="entry-header">
\t\t${title}${single ? '<!-- 12 Kommentare -->' : ''}\t</header><!-- .entry-header -->

\t<div class="entry-content">
\t\t${body}
\t</div><!-- .entry-content -->

${entryFooter(site, p, single, stickyLabel)}

</article><!-- #post-## -->`;
}

function comment(site: Site, p: Post, c: Comment, parity: { n: number }): string {
  const eo = parity.n++ % 2 === 0 ? 'even' : 'odd';
  const cls = ['comment', eo, c.depth === 1 ? `thread-${eo}` : '', `depth-${c.depth}`, c.children.length ? 'parent' : '', c.author === p.author.name ? 'bypostauthor' : ''].filter(Boolean).join(' ');
  const kids = c.children.length ? `<ol class="children">\n${c.children.map((k) => comment(site, p, k, parity)).join('\n')}\n</ol><!-- .children -->\n` : '';
  return `\t\t<li id="comment-${c.id}" class="${cls}">
\t\t\t<article id="div-comment-${c.id}" class="comment-body">
\t\t\t\t<footer class="comment-meta">
\t\t\t\t\t<div class="comment-author vcard">
\t\t\t\t\t\t${avatar(c.author, 56)}\t\t\t\t\t\t<b class="fn">${escText(c.author)}</b> <span class="says">sagt:</span>\t\t\t\t\t</div><!-- .comment-author -->

\t\t\t\t\t<div class="comment-metadata">
\t\t\t\t\t\t<a href="${site.abs(p.path)}#comment-${c.id}">
\t\t\t\t\t\t\t<time datetime="${isoDateTime(c.local, site.data.utcOffset)}">
\t\t\t\t\t\t\t\t${displayDate(c.local, LANG)} um ${displayTime(c.local, LANG)} Uhr\t\t\t\t\t\t\t</time>
\t\t\t\t\t\t</a>
\t\t\t\t\t</div><!-- .comment-metadata -->
\t\t\t\t</footer><!-- .comment-meta -->

\t\t\t\t<div class="comment-content">
\t\t\t\t\t<p>${c.text}</p>
\t\t\t\t</div><!-- .comment-content -->
${p.open ? `\n\t\t\t\t<div class="reply"><a rel="nofollow" class="comment-reply-link" href="${escUrl(site.abs(withParam(p.path, `replytocom=${c.id}`)))}#respond" onclick='return addComment.moveForm( "div-comment-${c.id}", "${c.id}", "respond", "${p.id}" )' aria-label='Antworte auf ${escAttr(c.author)}'>Antworten</a></div>` : ''}\t\t\t</article><!-- .comment-body -->
${kids}</li><!-- #comment-## -->`;
}

function commentsArea(site: Site, p: Post): string {
  const parts = [`<div id="comments" class="comments-area">`];
  if (p.commentCount > 0) {
    const n = p.commentCount === 1 ? 'Ein Gedanke' : `${p.commentCount} Gedanken`;
    parts.push(`\t\t<h2 class="comments-title">\n\t\t\t${n} zu &#8222;${escTitle(p.title)}&#8220;\t\t</h2>`);
    const parity = { n: 0 };
    parts.push(`\t\t<ol class="comment-list">\n${p.thread.map((c) => comment(site, p, c, parity)).join('\n')}\n\t\t</ol><!-- .comment-list -->`);
  }
  if (!p.open) parts.push(`\t\t<p class="no-comments">Die Kommentare sind geschlossen.</p>`);
  else parts.push(`\t\t<div id="respond" class="comment-respond">
\t\t<h3 id="reply-title" class="comment-reply-title">Schreibe einen Kommentar <small><a rel="nofollow" id="cancel-comment-reply-link" href="${site.abs(p.path)}#respond" style="display:none;">Antworten abbrechen</a></small></h3>\t\t\t<form action="${site.abs('/wp-comments-post.php')}" method="post" id="commentform" class="comment-form" novalidate>
\t\t\t\t<p class="comment-notes"><span id="email-notes">Deine E-Mail-Adresse wird nicht veröffentlicht.</span> Erforderliche Felder sind mit <span class="required">*</span> markiert.</p><p class="comment-form-comment"><label for="comment">Kommentar</label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" aria-required="true" required="required"></textarea></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Kommentar abschicken" /> <input type='hidden' name='comment_post_ID' value='${p.id}' id='comment_post_ID' /></p>\t\t\t</form>
\t\t\t</div><!-- #respond -->`);
  parts.push(`</div><!-- .comments-area -->`);
  return parts.join('\n');
}

function postNav(site: Site, p: Post): string {
  const i = site.posts.indexOf(p);
  const older = site.posts[i + 1];
  const newer = site.posts[i - 1];
  const prev = older ? `<div class="nav-previous"><a href="${site.abs(older.path)}" rel="prev"><span class="meta-nav" aria-hidden="true">Zurück</span> <span class="screen-reader-text">Vorheriger Beitrag:</span> <span class="post-title">${escTitle(older.title)}</span></a></div>` : '';
  const next = newer ? `<div class="nav-next"><a href="${site.abs(newer.path)}" rel="next"><span class="meta-nav" aria-hidden="true">Weiter</span> <span class="screen-reader-text">Nächster Beitrag:</span> <span class="post-title">${escTitle(newer.title)}</span></a></div>` : '';
  return `\n\t<nav class="navigation post-navigation" role="navigation">\n\t\t<h2 class="screen-reader-text">Beitragsnavigation</h2>\n\t\t<div class="nav-links">${prev}${next}</div>\n\t</nav>`;
}

function pagination(site: Site, l: import('./model.ts').Listing, page: number): string {
  if (l.pageCount < 2) return '';
  const links: string[] = [];
  if (page > 1) links.push(`<a class="prev page-numbers" href="${site.abs(pagePath(l, page - 1))}">Vorherige Seite</a>`);
  for (let n = 1; n <= l.pageCount; n++) {
    links.push(n === page
      ? `<span class="page-numbers current"><span class="meta-nav screen-reader-text">Seite </span>${n}</span>`
      : `<a class="page-numbers" href="${site.abs(pagePath(l, n))}"><span class="meta-nav screen-reader-text">Seite </span>${n}</a>`);
  }
  if (page < l.pageCount) links.push(`<a class="next page-numbers" href="${site.abs(pagePath(l, page + 1))}">Nächste Seite</a>`);
  return `\n\t<nav class="navigation pagination" role="navigation">\n\t\t<h2 class="screen-reader-text">Beitragsnavigation</h2>\n\t\t<div class="nav-links">${links.join('\n')}</div>\n\t</nav>`;
}

function main(site: Site, view: View): string {
  switch (view.kind) {
    case 'post':
      return article(site, view.post, true, false) + postNav(site, view.post) + '\n' + commentsArea(site, view.post);
    case 'page':
      return `<article id="post-${view.page.id}" class="post-${view.page.id} page type-page status-publish hentry">
\t<header class="entry-header">
\t\t<h1 class="entry-title">${escTitle(view.page.title)}</h1>\t</header><!-- .entry-header -->
\t<div class="entry-content">
\t\t${view.page.body.map((b) => `<p>${b}</p>`).join('\n')}
\t</div><!-- .entry-content -->
</article><!-- #post-## -->`;
    case 'notFound':
      return `\t\t\t<section class="error-404 not-found">
\t\t\t\t<header class="page-header">
\t\t\t\t\t<h1 class="page-title">Hoppla! Diese Seite konnte nicht gefunden werden.</h1>
\t\t\t\t</header><!-- .page-header -->
\t\t\t\t<div class="page-content">
\t\t\t\t\t<p>Es sieht so aus, als wäre an dieser Stelle nichts gefunden worden. Vielleicht hilft eine Suche?</p>
\t\t\t\t</div><!-- .page-content -->
\t\t\t</section><!-- .error-404 -->`;
    case 'listing': {
      const l = view.listing;
      let title = '';
      if (l.kind === 'category') title = `Kategorie: ${escTitle(l.term!.name)}`;
      if (l.kind === 'tag') title = `Schlagwort: ${escTitle(l.term!.name)}`;
      if (l.kind === 'author') title = `Autor: <span class="vcard">${escText(l.author!.name)}</span>`;
      if (l.kind === 'date') title = `Monat: ${monthLabel(l.month!.year, l.month!.month, LANG)}`;
      const desc = l.term?.description ? `<div class="taxonomy-description"><p>${l.term.description}</p>\n</div>` : '';
      const header = title ? `\t\t\t<header class="page-header">\n\t\t\t\t<h1 class="page-title">${title}</h1>${desc}\t\t\t</header><!-- .page-header -->\n` : '';
      const first = l.kind === 'home' && view.page === 1;
      return header + postsOnPage(l, view.page, site.data.postsPerPage).map((p) => article(site, p, false, first && p.sticky)).join('\n') + pagination(site, l, view.page);
    }
  }
}

export const renderTwentyFifteen: ThemeRenderer = (site, view) => {
  const d = site.data;
  const title = documentTitle(site, view, { lang: LANG, notFound: 'Seite nicht gefunden', pageWord: 'Seite' });
  const isHome = view.kind === 'listing' && view.listing.kind === 'home';
  const siteTitle = siteTitleHtml(site, isHome);
  const menu = [`<li id="menu-item-90" class="menu-item menu-item-type-custom menu-item-object-custom${isHome ? ' current-menu-item current_page_item' : ''} menu-item-90"><a href="${site.abs('/')}">Start</a></li>`,
    ...site.pages.map((pg) => `<li id="menu-item-${pg.id + 100}" class="menu-item menu-item-type-post_type menu-item-object-page menu-item-${pg.id + 100}"><a href="${site.abs(pg.path)}">${escTitle(pg.title)}</a></li>`)];
  return `${head(site, view, { title, stylesheet: '/wp-content/themes/twentyfifteen/style.css', lang: 'de-DE' })}

<body class="${bodyClass(site, view)}">
<div id="page" class="hfeed site">
\t<a class="skip-link screen-reader-text" href="#content">Zum Inhalt springen</a>

\t<div id="sidebar" class="sidebar">
\t\t<header id="masthead" class="site-header" role="banner">
\t\t\t<div class="site-branding">
\t\t\t\t\t\t\t\t\t\t${siteTitle}
\t\t\t\t\t\t\t\t\t\t<p class="site-description">${escTitle(d.tagline)}</p>
\t\t\t\t\t\t\t\t\t<button class="secondary-toggle">Menü und Widgets</button>
\t\t\t</div><!-- .site-branding -->
\t\t</header><!-- .site-header -->

\t\t\t<div id="secondary" class="secondary">

\t\t\t\t\t<nav id="site-navigation" class="main-navigation" role="navigation">
\t\t\t\t<div class="menu-hauptmenue-container"><ul id="menu-hauptmenue" class="nav-menu">${menu.join('\n')}</ul></div>\t\t\t</nav><!-- .main-navigation -->

\t\t\t\t\t<div id="widget-area" class="widget-area" role="complementary">
\t\t\t\t${recentPosts(site, 'Neueste Beiträge', 'h2')}
${recentComments(site, { label: 'Neueste Kommentare', h: 'h2', on: 'bei', excerpt: true })}
${archives(site, 'Archive', 'h2')}
${categories(site, 'Kategorien', 'h2')}
${tagCloud(site, 'Schlagwörter', 'h2')}
\t\t\t</div><!-- .widget-area -->
\t\t
\t</div><!-- .secondary -->

\t</div><!-- .sidebar -->

\t<div id="content" class="site-content">

\t<div id="primary" class="content-area">
\t\t<main id="main" class="site-main" role="main">
${main(site, view)}
\t\t</main><!-- .site-main -->
\t</div><!-- .content-area -->


\t</div><!-- .site-content -->

\t<footer id="colophon" class="site-footer" role="contentinfo">
\t\t<div class="site-info">
\t\t\t\t\t\t<a href="https://de.wordpress.org/">Stolz präsentiert von WordPress</a>
\t\t</div><!-- .site-info -->
\t</footer><!-- .site-footer -->

</div><!-- .site -->

</body>
</html>
`;
};
