// The bare limit of the benchmark: the least a Node crawler on this stack can do per page. Fetches every
// same-origin page reachable from the start URL with undici (concurrency 4, keep-alive), parses each HTML
// answer with cheerio, reads the four fields and the links; nothing is written. Prints one JSON line: {pages}.
//   node bench/peers/bare.mjs http://127.0.0.1:18080/ [concurrency]
import { load } from 'cheerio';
import { Agent, request } from 'undici';
import { readFields, sameOriginLinks } from './fields.mjs';

const [start, conc = '4'] = process.argv.slice(2);
const concurrency = Number(conc);
const dispatcher = new Agent({ connections: concurrency, pipelining: 1 });
const seen = new Set([start]);
const queue = [start];
let pages = 0;
let fields = 0;

function enqueue(url) {
  if (!seen.has(url)) { seen.add(url); queue.push(url); }
}

async function fetchOne(url) {
  const res = await request(url, { dispatcher });
  const type = String(res.headers['content-type'] ?? '');
  pages++;
  if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
    await res.body.dump();
    enqueue(new URL(String(res.headers.location), url).href);
    return;
  }
  if (!type.includes('html')) { await res.body.dump(); return; }
  // htmlparser2 under cheerio, as naring-archive and Crawlee use (cheerio's default, parse5, is ~2× slower)
  const $ = load(await res.body.text(), { xml: { xmlMode: false, decodeEntities: true } });
  if (readFields($).title) fields++;
  for (const link of sameOriginLinks($, url)) enqueue(link);
}

let active = 0;
await new Promise((done, fail) => {
  const pump = () => {
    while (active < concurrency && queue.length > 0) {
      active++;
      fetchOne(queue.shift()).then(() => { active--; pump(); }, fail);
    }
    if (active === 0 && queue.length === 0) done();
  };
  pump();
});
await dispatcher.close();
process.stdout.write(`${JSON.stringify({ pages, withTitle: fields })}\n`);
