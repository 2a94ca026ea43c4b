/**
 * The benchmark's site: an N-post replica (generateSite) whose absolute links are rewritten from the real
 * host to the loopback origin nginx listens on, so every peer (wget, Crawlee, the bare script,
 * naring-archive) reaches the same pages directly: no proxy, no --connect-to, no Host header tricks.
 * Sites are cached under bench/out/ (gitignored), one folder per size and origin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { SITE_URL } from '../src/replica/data.ts';
import { generateSite } from '../src/replica/generate.ts';

const STAMP = '_bench.json';

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

/** Rewrites SITE_URL to `origin` in every text file, byte for byte elsewhere (latin1 keeps bytes as they are). */
function rehost(dir: string, origin: string): { files: number; bytes: number } {
  let n = 0;
  let bytes = 0;
  for (const p of files(dir)) {
    if (!/\.(html|xml|json|txt)$/.test(p)) continue;
    const text = readFileSync(p, 'latin1');
    bytes += text.length;
    if (!text.includes(SITE_URL)) continue;
    writeFileSync(p, Buffer.from(text.replaceAll(SITE_URL, origin), 'latin1'));
    n++;
  }
  return { files: n, bytes };
}

export interface Site {
  dir: string;
  posts: number;
  htmlBytes: number;
}

/** The cached site of `posts` posts for `origin`, generated (and rehosted) when missing. */
export async function ensureSite(outRoot: string, posts: number, origin: string, log: (s: string) => void): Promise<Site> {
  const dir = join(outRoot, `site-${posts}-${new URL(origin).port}`);
  const stampPath = join(dir, STAMP);
  if (existsSync(stampPath)) {
    const stamp = JSON.parse(readFileSync(stampPath, 'utf8')) as Site & { origin: string };
    if (stamp.origin === origin && stamp.posts === posts) return { dir, posts, htmlBytes: stamp.htmlBytes };
  }
  const tmp = `${dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  log(`generating a ${posts}-post replica for ${origin} (once; cached in ${dir}) …`);
  const t0 = Date.now();
  await generateSite({ outDir: tmp, syntheticPosts: posts });
  const { bytes } = rehost(tmp, origin);
  writeFileSync(join(tmp, STAMP), `${JSON.stringify({ origin, posts, htmlBytes: bytes })}\n`);
  renameSync(tmp, dir);
  log(`  … ${(bytes / 1e6).toFixed(0)} MB of text in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return { dir, posts, htmlBytes: bytes };
}

/** nginx serving the replica folder format: index.html / index.xml folders, the alias rewrites, ?p= redirects, 404.html. */
export function nginxConf(siteDir: string, prefix: string, origin: string): string {
  const { port, hostname } = new URL(origin);
  const server = JSON.parse(readFileSync(join(siteDir, '_server.json'), 'utf8')) as { rewrites?: Record<string, string>; redirects?: Record<string, string> };
  const q = (s: string) => `"${s.replace(/["\\$]/g, (c) => `\\${c}`)}"`;
  // $uri is percent-decoded by nginx, so the rewrite keys are too; $request_uri is as sent.
  const rewrites = Object.entries(server.rewrites ?? {}).map(([k, v]) => `    ${q(decodeURIComponent(k))} ${q(v.startsWith('/') ? v : `/${v}`)};`).join('\n');
  const redirects = Object.entries(server.redirects ?? {}).map(([k, v]) => `    ${q(k)} ${q(`${origin}${v}`)};`).join('\n');
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
  keepalive_requests 1000000;
  map_hash_bucket_size 256; map_hash_max_size 4194304;
  map $uri $alias_file {
    default "";
${rewrites}
  }
  map $request_uri $shortlink {
    default "";
${redirects}
  }
  server {
    listen ${hostname}:${port};
    root ${siteDir};
    index index.html index.xml;
    error_page 404 /404.html;
    if ($shortlink) { return 301 $shortlink; }
    if ($alias_file) { rewrite ^ $alias_file last; }
  }
}
`;
}

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = createConnection({ host, port }, () => { s.destroy(); res(true); });
    s.on('error', () => res(false));
  });
}

/** Starts nginx for `site` on `origin`; resolves once it answers. */
export async function startNginx(site: Site, prefix: string, origin: string): Promise<ChildProcess> {
  const { hostname, port } = new URL(origin);
  if (await portOpen(hostname, Number(port))) throw new Error(`${origin} is already taken by another server: pick another with --port N`);
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'nginx.conf'), nginxConf(site.dir, prefix, origin));
  const nginx = spawn('nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', 'stderr', '-g', 'daemon off;'], { stdio: ['ignore', 'inherit', 'inherit'] });
  // 50,000 posts make maps of 100,000 redirects and 60,000 rewrites: nginx takes a while to hash them
  for (let i = 0; i < 1200; i++) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited ${nginx.exitCode}: see ${prefix}/error.log`);
    if (await portOpen(hostname, Number(port))) return nginx;
    await new Promise((r) => setTimeout(r, 100));
  }
  nginx.kill('SIGTERM');
  throw new Error(`nginx did not answer on ${origin} within 120 s: see ${prefix}/error.log`);
}
