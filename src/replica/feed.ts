/**
 * A blog's RSS 2.0 feed (`/<blog>/feed/`) as WordPress wrote it: the latest ten posts, with categories,
 * dc:creator, the `?p=ID` guid, full content and `<slash:comments>`.
 */
import { escapeHtml, texturize } from './markdown.ts';
import { rfc822 } from './dates.ts';
import { blogUrl, permalink, shortlink, type BlogModel, type SiteModel } from './model.ts';
import { postBodyHtml } from './pages.ts';

const cdata = (s: string): string => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

export function renderFeed(model: SiteModel, blog: BlogModel): string {
  const latest = blog.posts.slice(0, 10);
  const items = latest.map((p) => `	<item>
		<title>${texturize(p.title)}</title>
		<link>${escapeHtml(permalink(p))}</link>
		<comments>${escapeHtml(permalink(p))}#comments</comments>
		<pubDate>${rfc822(p.date)}</pubDate>
		<dc:creator>${escapeHtml(p.author.name)}</dc:creator>
${p.categories.map((c) => `		<category>${cdata(c.name)}</category>`).join('\n')}
		<guid isPermaLink="false">${shortlink(blog.key, p.id)}</guid>
		<description>${cdata(p.excerpt)}</description>
		<content:encoded>${cdata(postBodyHtml(model, blog, p))}</content:encoded>
		<slash:comments>${p.commentCount}</slash:comments>
	</item>`);
  const built = latest[0] ? rfc822(latest[0].date) : '';
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>

<channel>
	<title>${escapeHtml(blog.name)}</title>
	<atom:link href="${blogUrl(blog.key)}feed/" rel="self" type="application/rss+xml" />
	<link>${blogUrl(blog.key)}</link>
	<description>${escapeHtml(blog.description)}</description>
	<lastBuildDate>${built}</lastBuildDate>
	<language>sv-SE</language>
	<sy:updatePeriod>hourly</sy:updatePeriod>
	<sy:updateFrequency>1</sy:updateFrequency>
	<generator>http://wordpress.org/?v=${blog.theme === 'classic' ? '3.2.1' : '4.7.2'}</generator>
${items.join('\n')}
</channel>
</rss>
`;
}
