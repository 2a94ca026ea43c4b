// The four fields every Node peer of the benchmark reads from each page, with the same selectors, so
// Crawlee and the bare limit do the same work per page: title, excerpt, categories, comment count.
// (naring-archive reads far more: bodies as Markdown, dates, authors, comments, the URL inventory.)
export function readFields($) {
  return {
    title: $('h1.entry-title, h2.entry-title, h1.page-title').first().text().trim(),
    excerpt: ($('meta[name="description"]').attr('content') ?? $('.entry-summary, .entry-content p').first().text()).trim(),
    categories: $('a[rel~="category"]').map((_i, el) => $(el).text().trim()).get(),
    comments: $('.comment-author').length,
  };
}

/** Same-origin links of a page without fragments; `?replytocom=` copies skipped (each peer skips them). */
export function sameOriginLinks($, pageUrl) {
  const base = new URL(pageUrl);
  const out = [];
  $('a[href]').each((_i, el) => {
    let u;
    try { u = new URL($(el).attr('href'), base); } catch { return; }
    if (u.origin !== base.origin || u.search.includes('replytocom=')) return;
    u.hash = '';
    out.push(u.href);
  });
  return out;
}
