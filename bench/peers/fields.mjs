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

/**
 * Same-origin links of a page without fragments; `?replytocom=` copies skipped (each peer skips them).
 * Reads the attribute straight off the element and only builds a URL for relative links: this is the
 * lean end of the comparison.
 */
export function sameOriginLinks($, pageUrl) {
  const base = new URL(pageUrl);
  const prefix = `${base.origin}/`;
  const out = [];
  for (const el of $('a[href]')) {
    let href = el.attribs.href;
    if (!href.startsWith(prefix)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue; // another origin, mailto:, javascript:
      try { href = new URL(href, base).href; } catch { continue; }
      if (!href.startsWith(prefix)) continue;
    }
    if (href.includes('replytocom=')) continue;
    const hash = href.indexOf('#');
    out.push(hash < 0 ? href : href.slice(0, hash));
  }
  return out;
}
