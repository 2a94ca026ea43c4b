// The Crawlee side of the benchmark: CheerioCrawler at concurrency 4, as a Crawlee user would write it,
// reading the four fields of every page and following same-hostname links (`?replytocom=` copies
// excluded, as wget's --reject-regex and naring-archive's guard do). Storage in memory only.
// Prints one JSON line: {pages}.   node bench/peers/crawlee.mjs http://127.0.0.1:18080/ [concurrency]
import { CheerioCrawler, Configuration } from '@crawlee/cheerio';
import { readFields } from './fields.mjs';

const [start, conc = '4'] = process.argv.slice(2);
const concurrency = Number(conc);
let pages = 0;
let withTitle = 0;
const crawler = new CheerioCrawler({
  minConcurrency: concurrency,
  maxConcurrency: concurrency,
  maxRequestRetries: 1,
  maxRequestsPerCrawl: 1_000_000,
  async requestHandler({ $, enqueueLinks }) {
    pages++;
    if (readFields($).title) withTitle++;
    await enqueueLinks({ strategy: 'same-hostname', exclude: [/[?&]replytocom=/] });
  },
  // 404 pages and feeds are not errors here: count them as pages handled and move on.
  additionalMimeTypes: ['application/rss+xml', 'application/xml', 'text/xml'],
  ignoreHttpErrorStatusCodes: [404],
}, new Configuration({ persistStorage: false, logLevel: 1 }));
await crawler.run([start]);
process.stdout.write(`${JSON.stringify({ pages, withTitle })}\n`);
