import { readFile } from 'node:fs/promises';
import type { CommandSpec } from './spec.ts';
import { UsageError, cannotRead } from '../errors.ts';
import { createProgress } from '../progress.ts';
import { parseRedirectRows } from '../exporters/redirects/csv.ts';
import { parseUrlList } from '../exporters/redirects/url-list.ts';
import { verifyRedirects, type RowCheck } from '../scrapers/verify-redirects.ts';
import type { RedirectRow } from '../types.ts';

interface ResolvedOptions {
  file?: string;
  urls?: string;
  base: string;
  host?: string;
  json: boolean;
  concurrency: number;
  checkTargets: boolean;
  targetBase?: string;
  progress: boolean;
}

function resolveOptions(args: unknown[], opts: Record<string, unknown>): ResolvedOptions {
  const base = String(opts.base);
  let u: URL | null = null;
  try { u = new URL(base); } catch { /* reported below */ }
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) throw new UsageError(`--base ${JSON.stringify(base)}: expected the origin of the server to check, e.g. --base http://127.0.0.1:8080`);
  const concurrency = Number(opts.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new UsageError(`--concurrency ${JSON.stringify(String(opts.concurrency))}: expected a whole number of connections from 1 to 256, e.g. --concurrency 8`);
  const host = opts.host === undefined ? undefined : String(opts.host);
  if (host !== undefined && !/^[A-Za-z0-9.-]+(:\d+)?$/.test(host)) throw new UsageError(`--host ${JSON.stringify(host)}: expected a host name for the Host header, e.g. --host www.example.se`);
  let targetBase: string | undefined;
  if (opts.targetBase !== undefined) {
    let t: URL | null = null;
    try { t = new URL(String(opts.targetBase)); } catch { /* reported below */ }
    if (!t || (t.protocol !== 'http:' && t.protocol !== 'https:')) throw new UsageError(`--target-base ${JSON.stringify(String(opts.targetBase))}: expected the origin of the server holding the new site, e.g. --target-base http://127.0.0.1:8081`);
    if (opts.checkTargets !== true) throw new UsageError('--target-base: only used with --check-targets; add --check-targets');
    targetBase = t.origin;
  }
  const file = args[0] === undefined ? undefined : String(args[0]);
  const urls = opts.urls === undefined ? undefined : String(opts.urls);
  if (file === undefined && urls === undefined) throw new UsageError('give the redirects.csv/json to check, or --urls FILE with the old URLs to test (one a line, optionally followed by the expected target)');
  return { file, urls, base: u.origin, host, json: opts.json === true, concurrency, checkTargets: opts.checkTargets === true, targetBase, progress: opts.progress !== false && opts.json !== true };
}

async function readUrlList(file: string, host: string | undefined): Promise<RedirectRow[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw cannotRead(`--urls ${file}`, err, 'give a text file with one old URL a line');
  }
  try {
    const rows = parseUrlList(text, host);
    if (rows.length === 0) throw new Error('no URLs in it');
    return rows;
  } catch (err) {
    throw new UsageError(`--urls ${file}: ${(err as Error).message}; write one old URL a line, optionally followed by its expected target`);
  }
}

/** One line per URL of a --urls list: what came back and whether it is right. */
function urlLine(c: RowCheck): string {
  const got = c.status === null ? 'no answer' : `${c.status} ${c.location ?? '(no Location)'}`;
  return `${c.errors.length === 0 ? 'RIGHT' : 'WRONG'}\t${c.row.from}\t${got}\texpected ${c.row.to || 'a 301 off the old host'}${c.errors.length > 0 ? `\t${c.errors.join('; ')}` : ''}\n`;
}

async function readRows(file: string): Promise<RedirectRow[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw cannotRead(file, err, 'give the redirects.csv or redirects.json that `export redirects` wrote');
  }
  try {
    const rows = parseRedirectRows(text, /\.json$/i.test(file) || /^\s*[[{]/.test(text) ? 'json' : 'csv');
    if (rows.length === 0) throw new Error('no rows');
    return rows;
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}; write it with \`naring-archive export redirects … --format csv\` (or json)`);
  }
}

export const command: CommandSpec = {
  define(parent) {
    return parent
      .command('verify-redirects')
      .description('check a running server against redirects.csv/json: one 301 to exactly the expected URL for every old URL')
      .argument('[redirects]', 'redirects.csv (from,to,status,kind) or redirects.json written by `export redirects`')
      .option('--urls <file>', 'also (or only) test these old URLs, one a line, each optionally followed by its expected target; or the probes.csv of `export redirects --probes`')
      .requiredOption('--base <url>', 'origin of the server to check; every old URL is requested there')
      .option('--host <name>', "Host header for every row (default: each row's own old host)")
      .option('--json', 'print the result as JSON on stdout')
      .option('--concurrency <n>', 'connections at once', '8')
      .option('--check-targets', 'also request every target and require a 200 (no second hop)')
      .option('--target-base <url>', "with --check-targets: request the targets from this server (Host: the target's host), e.g. a staging copy of the new site")
      .option('--no-progress', 'no progress lines on stderr')
      .addHelpText('after', `
Each old URL is sent as written in the file (percent-encoded, both escape spellings when the file has them)
with its old host as Host header, redirects are not followed; a row is wrong unless the status is the row's
(301) and Location is exactly its target. Exit 0 when every row is right, 1 when any is wrong.

Example: check the new nginx before switching DNS
  $ naring-archive export redirects data --rules rules.yaml --format csv --out redirects.csv
  $ naring-archive verify-redirects redirects.csv --base http://10.0.0.5 --concurrency 16

Example: the new site built by Hugo, served on a staging nginx, must answer 200 at every target
  $ naring-archive verify-redirects redirects.csv --base http://10.0.0.5 --check-targets --target-base http://10.0.0.6

Example: URLs past the inventory (feeds, /page/99/, unknown paths), each reported RIGHT or WRONG on stdout
  $ naring-archive export redirects data --rules rules.yaml --format nginx --out redirects.nginx.conf --probes probes.csv
  $ naring-archive verify-redirects --urls probes.csv --base http://10.0.0.5
  $ printf '/feed/atom/\\n/innovation/page/99/ https://new.example/innovation/\\n' > urls.txt
  $ naring-archive verify-redirects --urls urls.txt --host www.example.se --base http://10.0.0.5

Example: machine-readable, for CI
  $ naring-archive verify-redirects redirects.json --base http://127.0.0.1:8080 --json > verify.json`);
  },
  async run(args, opts) {
    const o = resolveOptions(args, opts);
    const listed = o.urls ? await readUrlList(o.urls, o.host) : [];
    const rows = [...(o.file ? await readRows(o.file) : []), ...listed];
    const progress = createProgress({ enabled: o.progress });
    const result = await verifyRedirects(rows, {
      base: o.base,
      host: o.host,
      concurrency: o.concurrency,
      checkTargets: o.checkTargets,
      targetBase: o.targetBase,
      onProgress: (done, total, wrong) => progress.update(`verify-redirects: ${done}/${total} checked, ${wrong} wrong`),
    });
    progress.stop();
    if (result.unreachable === rows.length) {
      const reason = result.wrong[0]?.errors[0] ?? 'no answer';
      throw new UsageError(`--base ${o.base}: no row could be requested (${reason}); start the server or fix --base`);
    }
    if (o.json) {
      const wrong = result.wrong.map((c) => ({ from: c.row.from, expected: { status: c.row.status, location: c.row.to }, got: { status: c.status, location: c.location }, errors: c.errors }));
      const urls = result.all.slice(rows.length - listed.length).map((c) => ({ url: c.row.from, status: c.status, location: c.location, expected: c.row.to || null, right: c.errors.length === 0, errors: c.errors }));
      process.stdout.write(`${JSON.stringify({ checked: result.checked, correct: result.correct, wrong, ...(o.urls ? { urls } : {}) }, null, 2)}\n`);
    } else {
      for (const c of result.all.slice(rows.length - listed.length)) if (o.urls) process.stdout.write(urlLine(c));
      for (const c of result.wrong) process.stderr.write(`WRONG ${c.row.from}: ${c.errors.join('; ')}\n`);
    }
    process.stderr.write(`verify-redirects: ${result.checked} rows checked against ${o.base}: ${result.correct} correct, ${result.wrong.length} wrong\n`);
    return result.wrong.length > 0 ? 1 : 0;
  },
};
