/**
 * Twenty Seventeen (WordPress 4.7, 2016), Norwegian Bokmål, with the small child-theme change many sites
 * made: a comment count in the listing's entry-meta ("0 kommentarer" / "1 kommentar" / "5 kommentarer").
 * Listings show only the date above the title; author, categories and tags appear on the single post only
 * (byline, `cat-links` / `tags-links` with SVG icons). An SEO plugin adds OpenGraph and JSON-LD.
 */
import type { Comment, Listing, Post, Site } from './model.ts';
import { pagePath, postsOnPage, withParam } from './model.ts';
import { archives, avatar, bodyClass, captionFigure, categories, countWords, documentTitle, fullContent, head, postClass, recentComments, recentPosts, siteTitleHtml, type ThemeRenderer, type View } from './common.ts';
import { displayDate, displayTime, escAttr, escUrl, escText, escTitle, isoDateTime, monthLabel, plainText } from './text.ts';

const LANG = 'nb';
const icon = (name: string): string => `<svg class="icon icon-${name}" aria-hidden="true" role="img"> <use href="#icon-${name}" xlink:href="#icon-${name}"></use> </svg>`;

function timeLink(site: Site, p: Post): string {
  const pub = isoDateTime(p.local, site.data.utcOffset);
  const time = p.modified
    ? `<time class="entry-date published" datetime="${pub}">${displayDate(p.local, LANG)}</time><time class="updated" datetime="${isoDateTime(p.modified, site.data.utcOffset)}">${displayDate(p.modified, LANG)}</time>`
    : `<time class="entry-date published updated" datetime="${pub}">${displayDate(p.local, LANG)}</time>`;
  return `<span class="screen-reader-text">Publisert</span> <a href="${site.abs(p.path)}" rel="bookmark">${time}</a>`;
}

function commentsLink(site: Site, p: Post): string {
  if (!p.open && p.commentCount === 0) return `<span class="comments-link"><span>Kommentarer er stengt</span></span>`;
  const href = site.abs(p.path) + (p.commentCount === 0 ? '#respond' : '#comments');
  return `<span class="comments-link">${icon('comment')}<a href="${href}">${countWords(p.commentCount, ['0 kommentarer', '1 kommentar', '% kommentarer'])}</a></span>`;
}

function article(site: Site, p: Post, single: boolean, pin: boolean): string {
  const meta = single
    ? `<span class="posted-on">${timeLink(site, p)}</span><span class="byline"> av <span class="author vcard"><a class="url fn n" href="${site.abs(p.author.path)}">${escText(p.author.name)}</a></span></span>`
    : `<span class="posted-on">${timeLink(site, p)}</span>${commentsLink(site, p)}`;
  const title = single
    ? `<h1 class="entry-title">${escTitle(p.title)}</h1>`
    : `<h2 class="entry-title"><a href="${site.abs(p.path)}" rel="bookmark">${escTitle(p.title)}</a></h2>`;
  const body = single
    ? fullContent(site, p, captionFigure)
    : fullContent(site, { ...p, data: { ...p.data, body: p.teaser } }, captionFigure) +
      (p.hasMore ? `\n<p class="link-more"><a href="${site.abs(p.path)}#more-${p.id}" class="more-link">Les mer<span class="screen-reader-text"> &#171;${escTitle(p.title)}&#187;</span></a></p>` : '');
  const footer = single
    ? `\n\t\t<footer class="entry-footer"><span class="cat-tags-links"><span class="cat-links">${icon('folder-open')}<span class="screen-reader-text">Kategorier</span>${p.categories.map((c) => `<a href="${site.abs(c.path)}" rel="category tag">${escTitle(c.name)}</a>`).join(', ')}</span>` +
      (p.tags.length ? `<span class="tags-links">${icon('hashtag')}<span class="screen-reader-text">Stikkord</span>${p.tags.map((t) => `<a href="${site.abs(t.path)}" rel="tag">${escTitle(t.name)}</a>`).join(', ')}</span>` : '') +
      `</span></footer> <!-- .entry-footer -->`
    : '';
  return `
<article id="post-${p.id}" class="${postClass(p)}">
\t\t${pin ? icon('thumb-tack') : ''}
\t<header class="entry-header">
\t\t<div class="entry-meta">${meta}</div><!-- .entry-meta -->${title}${single ? '<!-- 12 kommentarer -->' : ''}\t</header><!-- .entry-header -->

\t
\t<div class="entry-content">
\t\t${body}
\t</div><!-- .entry-content -->
${footer}
</article><!-- #post-## -->`;
}

function comment(site: Site, p: Post, c: Comment, parity: { n: number }): string {
  const eo = parity.n++ % 2 === 0 ? 'even' : 'odd';
  const cls = ['comment', c.author === p.author.name ? 'byuser bypostauthor' : '', eo, c.depth === 1 ? `thread-${eo}` : '', `depth-${c.depth}`, c.children.length ? 'parent' : ''].filter(Boolean).join(' ');
  const reply = p.open ? `<div class="reply"><a rel="nofollow" class="comment-reply-link" href="${escUrl(site.abs(withParam(p.path, `replytocom=${c.id}`)))}#respond" onclick='return addComment.moveForm( "div-comment-${c.id}", "${c.id}", "respond", "${p.id}" )' aria-label='Svar til ${escAttr(c.author)}'>${icon('mail-reply')}Svar</a></div>` : '';
  const kids = c.children.length ? `<ol class="children">\n${c.children.map((k) => comment(site, p, k, parity)).join('\n')}\n</ol><!-- .children -->\n` : '';
  return `\t\t<li id="comment-${c.id}" class="${cls}">
\t\t\t<article id="div-comment-${c.id}" class="comment-body">
\t\t\t\t<footer class="comment-meta">
\t\t\t\t\t<div class="comment-author vcard">
\t\t\t\t\t\t${avatar(c.author, 100)}\t\t\t\t\t\t<b class="fn">${escText(c.author)}</b> <span class="says">sier:</span>\t\t\t\t\t</div><!-- .comment-author -->
\t\t\t\t\t<div class="comment-metadata">
\t\t\t\t\t\t<a href="${site.abs(p.path)}#comment-${c.id}"><time datetime="${isoDateTime(c.local, site.data.utcOffset)}">${displayDate(c.local, LANG)} ${displayTime(c.local, LANG)}</time></a>
\t\t\t\t\t</div><!-- .comment-metadata -->
\t\t\t\t</footer><!-- .comment-meta -->
\t\t\t\t<div class="comment-content">
\t\t\t\t\t<p>${c.text}</p>
\t\t\t\t</div><!-- .comment-content -->
\t\t\t\t${reply}\t\t\t</article><!-- .comment-body -->
${kids}</li><!-- #comment-## -->`;
}

function commentsArea(site: Site, p: Post): string {
  const parts = [`<div id="comments" class="comments-area">`];
  if (p.commentCount > 0) {
    const n = p.commentCount === 1 ? 'Ett svar' : `${p.commentCount} svar`;
    parts.push(`\t\t<h2 class="comments-title">\n\t\t\t${n} til &#171;${escTitle(p.title)}&#187;\t\t</h2>`);
    const parity = { n: 0 };
    parts.push(`\t\t<ol class="comment-list">\n${p.thread.map((c) => comment(site, p, c, parity)).join('\n')}\n\t\t</ol>`);
  }
  if (!p.open) parts.push(`\t\t<p class="no-comments">Kommentarer er stengt.</p>`);
  else parts.push(`\t\t<div id="respond" class="comment-respond">
\t\t<h3 id="reply-title" class="comment-reply-title">Legg igjen en kommentar <small><a rel="nofollow" id="cancel-comment-reply-link" href="${site.abs(p.path)}#respond" style="display:none;">Avbryt svar</a></small></h3>\t\t\t<form action="${site.abs('/wp-comments-post.php')}" method="post" id="commentform" class="comment-form" novalidate>
\t\t\t\t<p class="comment-notes"><span id="email-notes">Din e-postadresse vil ikke bli publisert.</span> Obligatoriske felt er merket med <span class="required">*</span></p><p class="comment-form-comment"><label for="comment">Kommentar</label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" aria-required="true" required="required"></textarea></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Publiser kommentar" /> <input type='hidden' name='comment_post_ID' value='${p.id}' id='comment_post_ID' /></p>\t\t\t</form>
\t\t\t</div><!-- #respond -->`);
  parts.push(`</div><!-- #comments -->`);
  return parts.join('\n');
}

function postNav(site: Site, p: Post): string {
  const i = site.posts.indexOf(p);
  const older = site.posts[i + 1];
  const newer = site.posts[i - 1];
  const prev = older ? `<div class="nav-previous"><a href="${site.abs(older.path)}" rel="prev"><span class="screen-reader-text">Forrige innlegg</span><span aria-hidden="true" class="nav-subtitle">Forrige</span> <span class="nav-title"><span class="nav-title-icon-wrapper">${icon('arrow-left')}</span>${escTitle(older.title)}</span></a></div>` : '';
  const next = newer ? `<div class="nav-next"><a href="${site.abs(newer.path)}" rel="next"><span class="screen-reader-text">Neste innlegg</span><span aria-hidden="true" class="nav-subtitle">Neste</span> <span class="nav-title">${escTitle(newer.title)}<span class="nav-title-icon-wrapper">${icon('arrow-right')}</span></span></a></div>` : '';
  return `\n\t<nav class="navigation post-navigation" role="navigation">\n\t\t<h2 class="screen-reader-text">Innleggsnavigasjon</h2>\n\t\t<div class="nav-links">${prev}${next}</div>\n\t</nav>`;
}

function pagination(site: Site, l: Listing, page: number): string {
  if (l.pageCount < 2) return '';
  const links: string[] = [];
  if (page > 1) links.push(`<a class="prev page-numbers" href="${site.abs(pagePath(l, page - 1))}">${icon('arrow-left')}<span class="screen-reader-text">Forrige side</span></a>`);
  for (let n = 1; n <= l.pageCount; n++) {
    links.push(n === page
      ? `<span aria-current='page' class='page-numbers current'><span class="meta-nav screen-reader-text">Side </span>${n}</span>`
      : `<a class='page-numbers' href='${site.abs(pagePath(l, n))}'><span class="meta-nav screen-reader-text">Side </span>${n}</a>`);
  }
  if (page < l.pageCount) links.push(`<a class="next page-numbers" href="${site.abs(pagePath(l, page + 1))}"><span class="screen-reader-text">Neste side</span>${icon('arrow-right')}</a>`);
  return `\n\t<nav class="navigation pagination" role="navigation">\n\t\t<h2 class="screen-reader-text">Innleggsnavigasjon</h2>\n\t\t<div class="nav-links">${links.join('\n')}</div>\n\t</nav>`;
}

/** What an SEO plugin put in the head of a post: OpenGraph (og:title with the site name appended!) and JSON-LD. */
function seoHead(site: Site, p: Post): string {
  const d = site.data;
  const description = p.data.excerpt ?? plainText(p.teaser.join(' '));
  const primary = [...p.categories].sort((a, b) => a.id - b.id)[0]!;
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    mainEntityOfPage: site.abs(p.path),
    headline: p.title,
    datePublished: isoDateTime(p.local, d.utcOffset),
    dateModified: isoDateTime(p.modified ?? p.local, d.utcOffset),
    author: { '@type': 'Person', name: p.author.name },
    publisher: { '@type': 'Organization', name: d.title },
    articleSection: primary.name,
    keywords: p.tags.map((t) => t.name).join(','),
    commentCount: p.commentCount,
    inLanguage: 'nb-NO',
  };
  return [
    `<!-- This site is optimized with the Yoast SEO plugin v4.4 - https://yoast.com/wordpress/plugins/seo/ -->`,
    `<meta name="description" content="${escAttr(description)}"/>`,
    `<meta property="og:locale" content="nb_NO" />`,
    `<meta property="og:type" content="article" />`,
    `<meta property="og:title" content="${escAttr(p.title)} - ${escAttr(d.title)}" />`,
    `<meta property="og:description" content="${escAttr(description)}" />`,
    `<meta property="og:url" content="${site.abs(p.path)}" />`,
    `<meta property="og:site_name" content="${escAttr(d.title)}" />`,
    ...p.tags.map((t) => `<meta property="article:tag" content="${escAttr(t.name)}" />`),
    `<meta property="article:section" content="${escAttr(primary.name)}" />`,
    `<meta property="article:published_time" content="${isoDateTime(p.local, d.utcOffset)}" />`,
    ...(p.modified ? [`<meta property="article:modified_time" content="${isoDateTime(p.modified, d.utcOffset)}" />`] : []),
    `<!-- / Yoast SEO plugin. -->`,
    `<script type="application/ld+json">${JSON.stringify(ld).replace(/\//g, '\\/')}</script>`,
  ].join('\n');
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
\t\t\t\t\t<h1 class="page-title">Oops! Den siden kan ikke finnes.</h1>
\t\t\t\t</header><!-- .page-header -->
\t\t\t\t<div class="page-content">
\t\t\t\t\t<p>Det ser ut til at ingenting ble funnet på dette stedet. Kanskje prøve et søk?</p>
\t\t\t\t</div><!-- .page-content -->
\t\t\t</section><!-- .error-404 -->`;
    case 'listing': {
      const l = view.listing;
      const pin = l.kind === 'home' && view.page === 1;
      return postsOnPage(l, view.page, site.data.postsPerPage).map((p) => article(site, p, false, pin && p.sticky)).join('\n') + pagination(site, l, view.page);
    }
  }
}

function archiveHeader(site: Site, view: View): string {
  if (view.kind !== 'listing' || view.listing.kind === 'home') return '';
  const l = view.listing;
  let title = '';
  if (l.kind === 'category') title = `Kategori: ${escTitle(l.term!.name)}`;
  if (l.kind === 'tag') title = `Stikkord: ${escTitle(l.term!.name)}`;
  if (l.kind === 'author') title = `Forfatter: <span class="vcard">${escText(l.author!.name)}</span>`;
  if (l.kind === 'date') title = `Måned: ${monthLabel(l.month!.year, l.month!.month, LANG)}`;
  const desc = l.term?.description ? `<div class="taxonomy-description"><p>${l.term.description}</p>\n</div>` : '';
  return `\t\t<header class="page-header">\n\t\t\t<h1 class="page-title">${title}</h1>${desc}\t\t</header><!-- .page-header -->\n`;
}

export const renderTwentySeventeen: ThemeRenderer = (site, view) => {
  const d = site.data;
  const title = documentTitle(site, view, { lang: LANG, notFound: 'Fant ikke siden', pageWord: 'Side' });
  const isHome = view.kind === 'listing' && view.listing.kind === 'home';
  const siteTitle = siteTitleHtml(site, isHome);
  const menu = [`<li id="menu-item-80" class="menu-item menu-item-type-custom menu-item-object-custom${isHome ? ' current-menu-item current_page_item' : ''} menu-item-80"><a href="${site.abs('/')}">Hjem</a></li>`,
    ...site.categories.filter((c) => c.count > 0 && !c.slug.includes('ukategorisert')).slice(0, 3).map((c) => `<li id="menu-item-${c.id + 80}" class="menu-item menu-item-type-taxonomy menu-item-object-category menu-item-${c.id + 80}"><a href="${site.abs(c.path)}">${escTitle(c.name)}</a></li>`),
    ...site.pages.map((pg) => `<li id="menu-item-${pg.id + 100}" class="menu-item menu-item-type-post_type menu-item-object-page menu-item-${pg.id + 100}"><a href="${site.abs(pg.path)}">${escTitle(pg.title)}</a></li>`)];
  const extra = view.kind === 'post' ? seoHead(site, view.post) : undefined;
  const layout = view.kind === 'page' ? 'page-one-column' : 'has-sidebar';
  return `${head(site, view, { title, stylesheet: '/wp-content/themes/twentyseventeen/style.css', lang: 'nb-NO', extra })}

<body class="${bodyClass(site, view, ['hfeed', layout, 'colors-light'])}">
<div id="page" class="site">
\t<a class="skip-link screen-reader-text" href="#content">Hopp til innhold</a>

\t<header id="masthead" class="site-header" role="banner">

\t\t<div class="custom-header">
\t<div class="site-branding">
\t<div class="wrap">
\t\t<div class="site-branding-text">
\t\t\t${siteTitle}
\t\t\t\t<p class="site-description">${escTitle(d.tagline)}</p>
\t\t</div><!-- .site-branding-text -->
\t</div><!-- .wrap -->
</div><!-- .site-branding -->
</div><!-- .custom-header -->

\t\t\t<div class="navigation-top">
\t\t\t\t<div class="wrap">
\t\t\t\t\t<nav id="site-navigation" class="main-navigation" role="navigation" aria-label="Toppmeny">
\t<button class="menu-toggle" aria-controls="top-menu" aria-expanded="false">${icon('bars')}Meny</button>
\t<div class="menu-toppmeny-container"><ul id="top-menu" class="menu">${menu.join('\n')}</ul></div>
</nav><!-- #site-navigation -->
\t\t\t\t</div><!-- .wrap -->
\t\t\t</div><!-- .navigation-top -->
\t\t
\t</header><!-- #masthead -->

\t<div class="site-content-contain">
\t\t<div id="content" class="site-content">

<div class="wrap">
${archiveHeader(site, view)}\t<div id="primary" class="content-area">
\t\t<main id="main" class="site-main" role="main">
${main(site, view)}
\t\t</main><!-- #main -->
\t</div><!-- #primary -->
${view.kind === 'page' ? '' : `\n<aside id="secondary" class="widget-area" role="complementary" aria-label="Blogg-sidestolpe">
\t${recentPosts(site, 'Siste innlegg', 'h2')}
${recentComments(site, { label: 'Siste kommentarer', h: 'h2', on: 'til', excerpt: false })}
${archives(site, 'Arkiv', 'h2')}
${categories(site, 'Kategorier', 'h2')}
</aside><!-- #secondary -->`}
</div><!-- .wrap -->

\t\t</div><!-- #content -->

\t\t<footer id="colophon" class="site-footer" role="contentinfo">
\t\t\t<div class="wrap">
\t\t\t\t<div class="site-info">
\t<a href="https://nb.wordpress.org/" class="imprint">
\t\tStolt drevet av WordPress\t</a>
</div><!-- .site-info -->
\t\t\t</div><!-- .wrap -->
\t\t</footer><!-- #colophon -->
\t</div><!-- .site-content-contain -->
</div><!-- #page -->
</body>
</html>
`;
};
