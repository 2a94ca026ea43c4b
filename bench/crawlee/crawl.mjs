// The Crawlee side of the benchmark: CheerioCrawler, concurrency 4, reading title and categories from every
// page, as a Crawlee user would write it. The site is reached through the benchmark's nginx as an HTTP proxy,
// so URLs keep the real host name. Prints one JSON line: {pages}.
import { CheerioCrawler, Configuration } from '@crawlee/cheerio';

const [start, proxy] = process.argv.slice(2);
let pages = 0;
const crawler = new CheerioCrawler({
  maxConcurrency: 4,
  minConcurrency: 4,
  maxRequestRetries: 1,
  proxyConfiguration: undefined,
  preNavigationHooks: [(_ctx, gotOptions) => { gotOptions.proxyUrl = proxy; }],
  async requestHandler({ $, enqueueLinks }) {
    pages++;
    $('h1.entry-title, h2.entry-title').text();
    $('a[rel~="category"]').map((_i, el) => $(el).text()).get();
    await enqueueLinks({ strategy: 'same-hostname' });
  },
}, new Configuration({ persistStorage: false, logLevel: 1 }));
await crawler.run([start]);
process.stdout.write(`${JSON.stringify({ pages })}\n`);
