import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFeed, looksLikeFeed, readFeed } from '../../../src/scrapers/extract/feed.ts';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
<channel><title>Innovationsbloggen</title>
<item><title>Väntan är över &#8211; här</title><link>http://blog.test/innovation/vision/vantan/</link>
<pubDate>Tue, 02 Oct 2012 12:05:00 +0000</pubDate><dc:creator><![CDATA[Charlotte B]]></dc:creator>
<category><![CDATA[Vision]]></category><category><![CDATA[EU]]></category>
<guid isPermaLink="false">http://blog.test/innovation/?p=115</guid>
<description><![CDATA[I dag presenterar regeringen strategin &#8230; [&#8230;]]]></description>
<slash:comments>3</slash:comments></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0">
<entry><title>Boats</title><link rel="alternate" href="http://b.test/boats/"/><link rel="replies" href="http://b.test/boats/#comments" thr:count="2"/>
<id>http://b.test/?p=9</id><published>2013-06-05T10:00:00Z</published><author><name>Tom</name></author><category term="Club News"/>
<summary>Short &amp; sweet</summary></entry></feed>`;

test('RSS 2.0 items as WordPress writes them: guid shortlink, slash:comments, dc:creator, categories, excerpt', () => {
  assert.ok(looksLikeFeed(RSS));
  assert.deepEqual(extractFeed(RSS, 'http://blog.test/innovation/feed/'), [{
    url: 'http://blog.test/innovation/vision/vantan/',
    guid: 'http://blog.test/innovation/?p=115',
    title: 'Väntan är över – här',
    excerpt: 'I dag presenterar regeringen strategin … […]',
    categories: ['Vision', 'EU'],
    published: '2012-10-02T12:05:00+00:00',
    author: 'Charlotte B',
    commentCount: 3,
    content: null,
  }]);
});

test('Atom entries: alternate link, thr:count, published, author, category terms', () => {
  assert.deepEqual(extractFeed(ATOM, 'http://b.test/feed/atom/'), [{
    url: 'http://b.test/boats/', guid: 'http://b.test/?p=9', title: 'Boats', excerpt: 'Short & sweet', categories: ['Club News'],
    published: '2013-06-05T10:00:00+00:00', author: 'Tom', commentCount: 2, content: null,
  }]);
  assert.equal(looksLikeFeed('<html><body>x</body></html>'), false);
});

test('a comment feed (items linking to #comment-N) yields no post items', () => {
  const comments = RSS.replace('<link>http://blog.test/innovation/vision/vantan/</link>', '<link>http://blog.test/innovation/vision/vantan/#comment-72</link>');
  assert.deepEqual(extractFeed(comments, 'http://blog.test/innovation/vision/vantan/feed/'), []);
  assert.equal(extractFeed('<?xml version="1.0"?><urlset><url><loc>http://b.test/</loc></url></urlset>', 'http://b.test/sitemap.xml'), null);
});

test('content:encoded is the full body; a post\'s comment feed names the post, its title and how many comments', () => {
  const full = RSS.replace('<slash:comments>', '<content:encoded><![CDATA[<p>Hela <em>texten</em>.</p>]]></content:encoded><slash:comments>');
  assert.equal(extractFeed(full, 'http://blog.test/innovation/feed/')![0]!.content, '<p>Hela <em>texten</em>.</p>');
  const comments = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Kommentare zu: Platte der Woche: 180</title>
<link>http://b.test/2014/03/platte/</link>
<item><title>Von: Anna</title><link>http://b.test/2014/03/platte/#comment-5</link><dc:creator>Anna</dc:creator><pubDate>Sun, 09 Mar 2014 20:15:00 +0000</pubDate><description>Tolle Platte!</description></item>
<item><title>Von: Bo</title><link>http://b.test/2014/03/platte/#comment-6</link></item></channel></rss>`;
  assert.deepEqual(readFeed(comments, 'http://b.test/2014/03/platte/feed/')!.channel, {
    commentsOf: 'http://b.test/2014/03/platte/', commentsTitle: 'Platte der Woche: 180', itemCount: 2,
    comments: [
      { id: '5', author: 'Anna', published: '2014-03-09T20:15:00+00:00', text: 'Tolle Platte!', parentId: null },
      { id: '6', author: '', published: null, text: '', parentId: null },
    ],
  });
  // An empty feed of a sub-blog (`/innovation/feed/`) has the same shape: only a comment title makes it a post's.
  const empty = '<?xml version="1.0"?><rss version="2.0"><channel><title>Innovationsbloggen</title><link>http://blog.test/innovation/</link></channel></rss>';
  assert.equal(readFeed(empty, 'http://blog.test/innovation/feed/')!.channel.commentsOf, null);
  const emptyComments = empty.replace('Innovationsbloggen', 'Comments on: Vision');
  assert.equal(readFeed(emptyComments, 'http://blog.test/innovation/feed/')!.channel.commentsOf, 'http://blog.test/innovation/');
});
