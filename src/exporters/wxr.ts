/**
 * `export wxr`: WordPress eXtended RSS 1.2, the format of WordPress's own Tools → Export, one file per
 * sub-blog (post IDs are per sub-blog, so one file per blog keeps `?p=7` meaning one post). Authors,
 * categories (with the parent WordPress wrote into the category's URL), tags, posts and pages with their
 * slugs, local and GMT dates, HTML bodies (the Markdown rendered by marked), threaded comments, and each
 * image as an attachment item whose URL the importer downloads. Pure: records in, OutputFile[] out.
 */
import { wpBody, wpText } from './wxr-text.ts';
import type { CommentRecord, OutputFile, PostRecord, TermRef } from '../types.ts';
import { decodeSafe, slugify } from '../url.ts';
import { byUrl } from './site-index.ts';
import { wpDates, rfc822 } from './wxr-dates.ts';
import { xmlChars } from './xml-text.ts';
import { safeStem } from './file-names.ts';

/** CDATA as WordPress writes it; a `]]>` inside is split over two sections. */
export function cdata(s: string): string {
  return `<![CDATA[${xmlChars(s).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

function esc(s: string): string {
  return xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The WordPress post ID of a record: from its `?p=ID` shortlink when it has one. */
function shortlinkId(r: PostRecord): number | null {
  for (const a of [r.url, ...r.aliases]) {
    const m = /[?&]p=(\d+)(?:&|$)/.exec(a);
    if (m) return Number(m[1]);
  }
  return null;
}

/** Category parent: WordPress writes `/category/parent/child/`, so the segment before the slug names it. */
function parentSlug(c: TermRef): string {
  try {
    const segs = new URL(c.url).pathname.split('/').filter(Boolean).map(decodeSafe);
    const i = segs.lastIndexOf(c.slug);
    const base = segs.findIndex((s) => s === 'category' || s === 'kategori');
    return i > 0 && base >= 0 && i - 1 > base ? segs[i - 1]! : '';
  } catch {
    return '';
  }
}

function numericIds(comments: readonly CommentRecord[]): Map<string, number> {
  const ids = new Map<string, number>();
  let next = Math.max(0, ...comments.map((c) => (/^\d+$/.test(c.id) ? Number(c.id) : 0))) + 1;
  for (const c of comments) if (!ids.has(c.id)) ids.set(c.id, /^\d+$/.test(c.id) ? Number(c.id) : next++);
  return ids;
}

function commentXml(c: CommentRecord, ids: ReadonlyMap<string, number>): string {
  const d = wpDates(c.published);
  const parent = c.parentId !== null ? ids.get(c.parentId) ?? 0 : 0;
  return `\t\t<wp:comment>
\t\t\t<wp:comment_id>${ids.get(c.id)}</wp:comment_id>
\t\t\t<wp:comment_author>${cdata(wpText(c.author))}</wp:comment_author>
\t\t\t<wp:comment_author_email></wp:comment_author_email>
\t\t\t<wp:comment_author_url></wp:comment_author_url>
\t\t\t<wp:comment_author_IP></wp:comment_author_IP>
\t\t\t<wp:comment_date>${cdata(d.local)}</wp:comment_date>
\t\t\t<wp:comment_date_gmt>${cdata(d.gmt)}</wp:comment_date_gmt>
\t\t\t<wp:comment_content>${cdata(wpText(c.text))}</wp:comment_content>
\t\t\t<wp:comment_approved>1</wp:comment_approved>
\t\t\t<wp:comment_type></wp:comment_type>
\t\t\t<wp:comment_parent>${parent}</wp:comment_parent>
\t\t\t<wp:comment_user_id>0</wp:comment_user_id>
\t\t</wp:comment>\n`;
}

function authorLogin(a: PostRecord['author']): string {
  return a ? a.slug || slugify(a.name) || 'author' : 'unknown';
}

function itemXml(r: PostRecord, id: number, type: 'post' | 'page', body: string): string {
  const d = wpDates(r.published);
  const ids = numericIds(r.comments);
  const terms = [
    ...r.categories.map((c) => `\t\t<category domain="category" nicename="${esc(c.slug || slugify(c.name))}">${cdata(wpText(c.name))}</category>\n`),
    ...r.tags.map((t) => `\t\t<category domain="post_tag" nicename="${esc(t.slug || slugify(t.name))}">${cdata(wpText(t.name))}</category>\n`),
  ].join('');
  return `\t<item>
\t\t<title>${cdata(wpText(r.title))}</title>
\t\t<link>${esc(r.url)}</link>
\t\t<pubDate>${r.published ? rfc822(r.published) : ''}</pubDate>
\t\t<dc:creator>${cdata(authorLogin(r.author))}</dc:creator>
\t\t<guid isPermaLink="false">${esc(r.url)}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(body)}</content:encoded>
\t\t<excerpt:encoded>${cdata(wpText(r.excerpt))}</excerpt:encoded>
\t\t<wp:post_id>${id}</wp:post_id>
\t\t<wp:post_date>${cdata(d.local)}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(d.gmt)}</wp:post_date_gmt>
\t\t<wp:comment_status>closed</wp:comment_status>
\t\t<wp:ping_status>closed</wp:ping_status>
\t\t<wp:post_name>${cdata(r.slug)}</wp:post_name>
\t\t<wp:status>${r.published ? 'publish' : 'draft'}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type>${type}</wp:post_type>
\t\t<wp:post_password></wp:post_password>
\t\t<wp:is_sticky>0</wp:is_sticky>
${terms}${r.comments.map((c) => commentXml(c, ids)).join('')}\t</item>\n`;
}

function attachmentXml(img: PostRecord['images'][number], id: number, parent: PostRecord, parentId: number): string {
  const name = decodeSafe(new URL(img.url, parent.url).pathname.split('/').pop() ?? 'image');
  const d = wpDates(parent.published);
  return `\t<item>
\t\t<title>${cdata(wpText(img.alt || name))}</title>
\t\t<link>${esc(new URL(img.url, parent.url).href)}</link>
\t\t<dc:creator>${cdata(authorLogin(parent.author))}</dc:creator>
\t\t<guid isPermaLink="false">${esc(new URL(img.url, parent.url).href)}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(wpText(img.credit ?? ''))}</content:encoded>
\t\t<excerpt:encoded>${cdata(wpText(img.caption ?? ''))}</excerpt:encoded>
\t\t<wp:post_id>${id}</wp:post_id>
\t\t<wp:post_date>${cdata(d.local)}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(d.gmt)}</wp:post_date_gmt>
\t\t<wp:post_name>${cdata(safeStem(slugify(name.replace(/\.[^.]*$/, '')), 'image'))}</wp:post_name>
\t\t<wp:status>inherit</wp:status>
\t\t<wp:post_parent>${parentId}</wp:post_parent>
\t\t<wp:post_type>attachment</wp:post_type>
\t\t<wp:attachment_url>${esc(new URL(img.url, parent.url).href)}</wp:attachment_url>
\t</item>\n`;
}

/** The WXR file of one sub-blog. */
export function toWxr(blog: string, posts: readonly PostRecord[], pages: readonly PostRecord[]): string {
  const records = [...byUrl(posts).map((r) => ({ r, type: 'post' as const })), ...byUrl(pages).map((r) => ({ r, type: 'page' as const }))];
  const first = records[0]?.r.url ?? 'http://localhost/';
  const origin = new URL(first).origin;
  const blogUrl = `${origin}${blog ? `/${encodeURIComponent(blog)}` : ''}`;
  // IDs: the site's own (shortlinks) where known and unique; the rest numbered after the highest.
  const used = new Set<number>();
  const idOf = new Map<PostRecord, number>();
  for (const { r } of records) { const id = shortlinkId(r); if (id !== null && !used.has(id)) { used.add(id); idOf.set(r, id); } }
  let next = Math.max(0, ...used) + 1;
  for (const { r } of records) if (!idOf.has(r)) { idOf.set(r, next); used.add(next++); }
  const authors = new Map<string, string>();
  const cats = new Map<string, TermRef>();
  const tags = new Map<string, TermRef>();
  for (const { r } of records) {
    if (r.author) authors.set(authorLogin(r.author), r.author.name);
    for (const c of r.categories) if (!cats.has(c.slug || c.name)) cats.set(c.slug || c.name, c);
    for (const t of r.tags) if (!tags.has(t.slug || t.name)) tags.set(t.slug || t.name, t);
  }
  let termId = 1;
  const head = [
    ...[...authors].sort().map(([login, name], i) => `\t<wp:author><wp:author_id>${i + 1}</wp:author_id><wp:author_login>${cdata(login)}</wp:author_login><wp:author_email></wp:author_email><wp:author_display_name>${cdata(wpText(name))}</wp:author_display_name><wp:author_first_name></wp:author_first_name><wp:author_last_name></wp:author_last_name></wp:author>\n`),
    ...[...cats.values()].map((c) => `\t<wp:category><wp:term_id>${termId++}</wp:term_id><wp:category_nicename>${cdata(c.slug || slugify(c.name))}</wp:category_nicename><wp:category_parent>${cdata(parentSlug(c))}</wp:category_parent><wp:cat_name>${cdata(wpText(c.name))}</wp:cat_name></wp:category>\n`),
    ...[...tags.values()].map((t) => `\t<wp:tag><wp:term_id>${termId++}</wp:term_id><wp:tag_slug>${cdata(t.slug || slugify(t.name))}</wp:tag_slug><wp:tag_name>${cdata(wpText(t.name))}</wp:tag_name></wp:tag>\n`),
  ].join('');
  const items: string[] = [];
  for (const { r, type } of records) {
    items.push(itemXml(r, idOf.get(r)!, type, wpBody(r.contentMarkdown)));
    for (const img of r.images) items.push(attachmentXml(img, next++, r, idOf.get(r)!));
  }
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>${cdata(blog || new URL(first).host)}</title>
\t<link>${esc(blogUrl)}</link>
\t<description></description>
\t<language>sv-SE</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>${esc(origin)}</wp:base_site_url>
\t<wp:base_blog_url>${esc(blogUrl)}</wp:base_blog_url>
${head}${items.join('')}</channel>
</rss>
`;
}

/** One file per sub-blog: `<blog>.wxr.xml` (`site.wxr.xml` for a single-blog site). */
export function toWxrFiles(input: { posts: readonly PostRecord[]; pages: readonly PostRecord[] }): OutputFile[] {
  const blogs = [...new Set([...input.posts, ...input.pages].map((r) => r.blog))].sort();
  return blogs.map((blog) => ({
    path: `${safeStem(blog || 'site', 'site')}.wxr.xml`,
    contents: toWxr(blog, input.posts.filter((r) => r.blog === blog), input.pages.filter((r) => r.blog === blog)),
  }));
}
