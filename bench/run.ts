/**
 * Side-by-side benchmark: crawl (and extract) a generated N-post replica served by loopback nginx, with
 * wget --mirror, Crawlee's CheerioCrawler and naring-archive, and print medians and ratios.
 * The machine is shared and noisy: quote the medians and the ratios, not single runs.
 *
 *   node --import tsx bench/run.ts --posts 2000 --runs 3 [--tools wget,crawlee,ours] [--concurrency 4]
 *
 * Wall time and peak RSS come from GNU time (/usr/bin/time -f '%e %M'). Nothing here runs in `npm test`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSite } from '../src/replica/generate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench', 'out');
const HOST = 'www.naringsbloggen.se';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const posts = Number(arg('posts', '2000'));
const runs = Number(arg('runs', '3'));
const tools = arg('tools', 'wget,crawlee,ours').split(',');
const concurrency = Number(arg('concurrency', '4'));

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

function du(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    n += st.isDirectory() ? du(p) : st.size;
  }
  return n;
}

/** nginx serving the replica folder format: index.html / index.xml folders, the alias rewrites, ?p= redirects. */
function nginxConf(site: string, prefix: string, port: number): string {
  const server = JSON.parse(readFileSync(join(site, '_server.json'), 'utf8')) as { rewrites?: Record<string, string>; redirects?: Record<string, string> };
  const q = (s: string) => `"${s.replace(/["\\$]/g, (c) => `\\${c}`)}"`;
  const rewrites = Object.entries(server.rewrites ?? {}).map(([k, v]) => `    ${q(decodeURIComponent(k))} /${q(v).slice(1)};`).join('\n');
  const redirects = Object.entries(server.redirects ?? {}).map(([k, v]) => `    ${q(k)} ${q(`http://${HOST}${v}`)};`).join('\n');
  return `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/tmp-body; proxy_temp_path ${prefix}/tmp-proxy; fastcgi_temp_path ${prefix}/tmp-fcgi;
  uwsgi_temp_path ${prefix}/tmp-uwsgi; scgi_temp_path ${prefix}/tmp-scgi;
  types { text/html html; application/rss+xml xml; image/jpeg jpg; image/png png; text/plain txt; }
  charset utf-8; charset_types application/rss+xml;
  map_hash_bucket_size 256; map_hash_max_size 1048576;
  map $uri $alias_file {
    default "";
${rewrites}
  }
  map $request_uri $shortlink {
    default "";
${redirects}
  }
  server {
    listen 127.0.0.1:${port};
    server_name ${HOST};
    root ${site};
    index index.html index.xml;
    if ($shortlink) { return 301 $shortlink; }
    if ($alias_file) { rewrite ^ $alias_file last; }
  }
}
`;
}

interface Sample { wall: number; rssMb: number; pages: number }

function timed(cmd: string[], env: NodeJS.ProcessEnv = {}): { wall: number; rssMb: number; stdout: string } {
  const tfile = join(OUT, 'time.txt');
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', tfile, ...cmd], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 26 });
  // wget: 8 = some URLs answered 4xx (the deliberate 404), 3 = a file/folder name clash on disk (/om vs /om/)
  if (r.status !== 0 && r.status !== 1 && r.status !== 3 && r.status !== 8) throw new Error(`${cmd.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const [wall, kb] = readFileSync(tfile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  return { wall: wall!, rssMb: kb! / 1024, stdout: r.stdout };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const site = join(OUT, `site-${posts}`);
  if (!existsSync(join(site, '_server.json'))) {
    process.stderr.write(`generating a ${posts}-post replica in ${site} …\n`);
    rmSync(site, { recursive: true, force: true });
    await generateSite({ outDir: site, syntheticPosts: posts });
  }
  process.stderr.write(`site: ${(du(site) / 1e6).toFixed(1)} MB\n`);
  const port = await freePort();
  const prefix = join(OUT, 'nginx');
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'nginx.conf'), nginxConf(resolve(site), prefix, port));
  const nginx = spawn('nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', 'stderr', '-g', 'daemon off;'], { stdio: 'inherit' });
  await new Promise((r) => setTimeout(r, 500));
  const proxy = `http://127.0.0.1:${port}`;
  const start = `http://${HOST}/`;
  const results: Record<string, Sample[]> = {};
  try {
    if (tools.includes('crawlee') && !existsSync(join(ROOT, 'bench/crawlee/node_modules/@crawlee/cheerio'))) {
      process.stderr.write('installing Crawlee for the comparison (once) …\n');
      spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', join(ROOT, 'bench/crawlee')], { stdio: 'inherit' });
    }
    for (let i = 0; i < runs; i++) {
      for (const tool of tools) {
        const dir = join(OUT, `run-${tool}`);
        rmSync(dir, { recursive: true, force: true });
        let s: Sample;
        if (tool === 'wget') {
          const t = timed(['wget', '--mirror', '-q', '-e', 'use_proxy=yes', '-e', `http_proxy=${proxy}`, '-P', dir, start]);
          const files = existsSync(dir) ? spawnSync('find', [dir, '-type', 'f'], { encoding: 'utf8' }).stdout.trim().split('\n').length : 0;
          s = { ...t, pages: files };
        } else if (tool === 'crawlee') {
          const t = timed(['node', join(ROOT, 'bench/crawlee/crawl.mjs'), start, proxy], { CRAWLEE_STORAGE_DIR: dir });
          s = { ...t, pages: (JSON.parse(t.stdout.trim().split('\n').pop() ?? '{}') as { pages?: number }).pages ?? 0 };
        } else {
          const bin = join(ROOT, 'bin/naring-archive.js');
          const c = timed(['node', bin, 'crawl', start, '--out', join(dir, 'crawl'), '--connect-to', `${HOST}:80:127.0.0.1:${port}`,
            '--concurrency', String(concurrency), '--rate', '100000', '--no-progress', '--json']);
          const summary = JSON.parse(c.stdout) as { archived?: number; fetched?: number; pages?: number };
          (results['ours-crawl'] ??= []).push({ wall: c.wall, rssMb: c.rssMb, pages: summary.archived ?? summary.fetched ?? summary.pages ?? 0 });
          const e = timed(['node', bin, 'extract', join(dir, 'crawl'), '--out', join(dir, 'data'), '--json']);
          const posts = (JSON.parse(readFileSync(join(dir, 'data', 'posts.json'), 'utf8')) as unknown[]).length;
          (results['ours-extract'] ??= []).push({ wall: e.wall, rssMb: e.rssMb, pages: posts });
          s = { wall: c.wall + e.wall, rssMb: Math.max(c.rssMb, e.rssMb), pages: posts };
        }
        (results[tool === 'ours' ? 'ours-crawl+extract' : tool] ??= []).push(s);
        process.stderr.write(`run ${i + 1}/${runs} ${tool}: ${s.wall.toFixed(1)} s, ${s.rssMb.toFixed(0)} MB, ${s.pages} pages/files\n`);
      }
    }
  } finally {
    nginx.kill('SIGTERM');
  }
  const base = results.wget ? median(results.wget.map((x) => x.wall)) : null;
  const lines = [`| tool | median wall | median peak RSS | count | wall ÷ wget |`, `|---|---|---|---|---|`];
  for (const [tool, xs] of Object.entries(results)) {
    const w = median(xs.map((x) => x.wall));
    lines.push(`| ${tool} | ${w.toFixed(2)} s | ${median(xs.map((x) => x.rssMb)).toFixed(0)} MB | ${median(xs.map((x) => x.pages))} | ${base ? (w / base).toFixed(1) + '×' : '–'} |`);
  }
  process.stdout.write(`${posts} posts, ${runs} runs, concurrency ${concurrency}\n${lines.join('\n')}\n`);
}

main().catch((err) => { process.stderr.write(`${(err as Error).stack}\n`); process.exit(2); });
