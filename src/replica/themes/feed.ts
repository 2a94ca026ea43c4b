/**
 * The site's RSS 2.0 feed (`/feed/`) as WordPress writes it: the ten newest posts, pubDate in GMT,
 * `<slash:comments>` counts, categories and tags as `<category>`, the excerpt in `<description>` and
 * the full body in `<content:encoded>`. Always UTF-8: the replica serves feeds as UTF-8.
 */
import type { Site } from './model.ts';
import { fullContent, captionFigure } from './common.ts';
import { rfc822 } from './text.ts';

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cdata = (s: string): string => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

export function renderFeed(site: Site): string {
  const d = site.data;
  const posts = site.posts.slice(0, 10);
  const items = posts.map((p) => {
    const cats = [...p.categories, ...p.tags].map((t) => `\t\t<category>${cdata(t.name)}</category>`).join('\n');
    const excerpt = `${p.excerptText}${p.autoExcerpt ? ' [&#8230;]' : ''}`;
    return `\t<item>
\t\t<title>${xml(p.title)}</title>
\t\t<link>${site.abs(p.path)}</link>
\t\t<comments>${site.abs(p.path)}#comments</comments>
\t\t<pubDate>${rfc822(p.local, d.utcOffset)}</pubDate>
\t\t<dc:creator>${cdata(p.author.name)}</dc:creator>
${cats}
\t\t<guid isPermaLink="false">${site.abs(`/?p=${p.id}`)}</guid>
\t\t<description>${cdata(excerpt)}</description>
\t\t<content:encoded>${cdata(fullContent(site, p, captionFigure))}</content:encoded>
\t\t<slash:comments>${p.commentCount}</slash:comments>
\t</item>`;
  });
  const last = posts[0];
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:atom="http://www.w3.org/2005/Atom"
\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"
\t>

<channel>
\t<title>${xml(d.title)}</title>
\t<atom:link href="${site.abs(site.feedPath)}" rel="self" type="application/rss+xml" />
\t<link>${site.abs('/')}</link>
\t<description>${xml(d.tagline)}</description>
\t<lastBuildDate>${last ? rfc822(last.modified ?? last.local, d.utcOffset) : ''}</lastBuildDate>
\t<language>${d.language === 'en' ? 'en-US' : d.language === 'de' ? 'de-DE' : d.language === 'nb' ? 'nb-NO' : 'da-DK'}</language>
\t<sy:updatePeriod>hourly</sy:updatePeriod>
\t<sy:updateFrequency>1</sy:updateFrequency>
\t<generator>https://wordpress.org/?v=4.7.3</generator>
${items.join('\n')}
\t</channel>
</rss>
`;
}
