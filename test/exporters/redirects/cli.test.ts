/** The two commands as a user meets them: --help, bad flags and files (exit 2, one line), what gets written. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.ts';
import { freePort } from '../../servers/servers.ts';
import { samplePages, samplePosts, sampleUrls } from './sample.ts';
import { command as exportRedirects } from '../../../src/commands/export-redirects.ts';
import { command as verifyRedirectsCommand } from '../../../src/commands/verify-redirects.ts';
import { UsageError } from '../../../src/errors.ts';
import { tempDir, writeDataDir } from './helpers.ts';

const RULES = join(import.meta.dirname, '../../../fixtures/rules/naringsbloggen.yaml');
let dir: string;
let data: string;

before(async () => {
  dir = await tempDir('redirects-cli');
  data = await writeDataDir(join(dir, 'data'), { posts: samplePosts(), pages: samplePages(), urls: sampleUrls() });
});
after(async () => rm(dir, { recursive: true, force: true }));

/** Runs a command in this process (spawning the CLI costs seconds), with what it prints on stderr. */
async function runHere(cmd: typeof exportRedirects, args: unknown[], opts: Record<string, unknown>): Promise<{ code: number | null; stderr: string }> {
  const write = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr += String(chunk); return true; }) as typeof process.stderr.write;
  try {
    return { code: await cmd.run(args, opts), stderr };
  } catch (err) {
    if (err instanceof UsageError) return { code: 2, stderr: `${stderr}naring-archive: ${err.message}\n` };
    throw err;
  } finally {
    process.stderr.write = write;
  }
}

function oneLineError(r: { code: number | null; stderr: string }, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at .*\.ts:\d+/);
}

test('--help of both commands shows a worked example', async () => {
  const [a, b] = await Promise.all([runCli(['export', 'redirects', '--help']), runCli(['verify-redirects', '--help'])]);
  assert.equal(a.code, 0);
  assert.match(a.stdout, /\$ naring-archive export redirects data --rules rules\.yaml --format nginx --out/);
  assert.match(a.stdout, /choices: "nginx", "apache", "iis",\s+"netlify", "caddy", "cloudflare", "csv", "json"/);
  assert.equal(b.code, 0);
  assert.match(b.stdout, /\$ naring-archive verify-redirects redirects\.csv --base http/);
});

test('export redirects writes the apache snippet, map and .htaccess, and prints the coverage line', async () => {
  const out = join(dir, 'apache', 'old-site.conf');
  const r = await runHere(exportRedirects, [data], { rules: RULES, format: 'apache', out, serverRoot: '/etc/apache2/naring' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^20 old URLs: 0 by map, \d+ by rule, \d+ by fallback; \d+ rows over 2 host\(s\), http and https$/m);
  assert.deepEqual((await readdir(join(dir, 'apache'))).sort(), ['old-site.conf', 'old-site.htaccess', 'old-site.map']);
  assert.match(await readFile(out, 'utf8'), /RewriteMap naring_archive_redirect "txt:\/etc\/apache2\/naring\/old-site\.map"/);
});

test("an editors' map from --map wins, and the coverage line counts it", async () => {
  const map = join(dir, 'posts.csv');
  await writeFile(map, 'url,title,new_url\nhttp://www.naringsbloggen.se/innovation/om/,Om,/om-bloggen/\n');
  const out = join(dir, 'mapped.csv');
  const r = await runHere(exportRedirects, [data], { rules: RULES, format: 'csv', out, map });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /20 old URLs: 2 by map/);
  assert.match(await readFile(out, 'utf8'), /^http:\/\/naringsbloggen\.se\/innovation\/om\/,https:\/\/www\.regeringen\.se\/om-bloggen\/,301,page$/m);
});

test('a plan with problems lists them, writes nothing and exits 2', async () => {
  const rules = join(dir, 'chain.yaml');
  const map = join(dir, 'chain.csv');
  await writeFile(map, 'from,to\n/innovation/feed/,http://www.naringsbloggen.se/innovation/om/\n');
  await writeFile(rules, `sourceHosts: [www.naringsbloggen.se]\ntarget: https://www.regeringen.se\nallowHosts: [www.regeringen.se, www.naringsbloggen.se]\nmap: chain.csv\nfallback: /\n`);
  const out = join(dir, 'never', 'redirects.conf');
  const r = await runCli(['export', 'redirects', data, '--rules', rules, '--format', 'nginx', '--out', out]);
  oneLineError(r, /^chain: \/innovation\/feed\/ → http:\/\/www\.naringsbloggen\.se\/innovation\/om\/ is itself an old URL/m);
  assert.match(r.stderr, /naring-archive: 2 problem\(s\) in the redirects planned from .*chain\.yaml, listed above; nothing was written/);
  await assert.rejects(readdir(join(dir, 'never')));
});

test('bad flags and files are one line naming the fix', async () => {
  const exp = (args: unknown[], opts: Record<string, unknown>) => runHere(exportRedirects, args, opts);
  const ver = (args: unknown[], opts: Record<string, unknown>) => runHere(verifyRedirectsCommand, args, { concurrency: '8', ...opts });
  oneLineError(await exp([data], { rules: RULES, format: 'lighttpd', out: join(dir, 'x') }), /--format "lighttpd": expected one of nginx, apache/);
  oneLineError(await exp([data], { rules: join(dir, 'nope.yaml'), format: 'csv', out: join(dir, 'x.csv') }), /nope\.yaml: cannot read the rules file \(ENOENT\)/);
  oneLineError(await exp([join(dir, 'nodata')], { rules: RULES, format: 'csv', out: join(dir, 'x.csv') }), /nodata: no such folder; give the folder that `naring-archive extract --out` wrote/);
  oneLineError(await exp([data], { rules: RULES, format: 'csv', out: dir }), /--out .*: is a folder; give the file to write/);
  oneLineError(await exp([data], { rules: RULES, format: 'apache', out: join(dir, 'a.conf'), serverRoot: 'rel/dir' }), /--server-root rel\/dir: expected an absolute folder/);
  // A file where the folder of --out must go is the user's to mend, not "a bug in naring-archive".
  oneLineError(await exp([data], { rules: RULES, format: 'csv', out: join(data, 'posts.json', 'r.csv') }), /--out .*r\.csv: cannot write there \(E(EXIST|NOTDIR)\b.*\); choose a folder you can write to/);
  oneLineError(await ver([join(dir, 'none.csv')], { base: 'http://127.0.0.1:1' }), /none\.csv: cannot read it \(ENOENT\)/);
  const bad = join(dir, 'bad.csv');
  await writeFile(bad, 'from,to,status,kind\n/relative/,https://x/,301,post\n');
  oneLineError(await ver([bad], { base: 'http://127.0.0.1:1' }), /bad\.csv: line 2: "from" must be an absolute http\(s\) URL/);
  oneLineError(await ver([bad], { base: 'ftp://x' }), /--base "ftp:\/\/x": expected the origin of the server to check/);
  oneLineError(await ver([bad], { base: 'http://127.0.0.1:1', concurrency: 'many' }), /--concurrency "many": expected a whole number/);
});

test('verify-redirects against a port where nothing listens is a usage error, not a list of wrong rows', async () => {
  const csv = join(dir, 'one.csv');
  await writeFile(csv, 'from,to,status,kind\nhttp://www.naringsbloggen.se/a/,https://www.regeringen.se/a/,301,post\n');
  const port = await freePort();
  oneLineError(await runHere(verifyRedirectsCommand, [csv], { base: `http://127.0.0.1:${port}`, concurrency: '8', progress: false }), new RegExp(`--base http://127\\.0\\.0\\.1:${port}: no row could be requested \\(request failed: ECONNREFUSED\\); start the server or fix --base`));
});
