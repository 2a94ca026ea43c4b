/**
 * Real nginx and Apache httpd for tests, without root: each runs in the foreground under its own temporary
 * prefix (config, pid, logs, temp paths) on 127.0.0.1 and a free port, and is stopped by the test that started it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  origin: string;
  port: number;
  /** The temporary prefix (config and logs live here). */
  dir: string;
  /** What the config test (`nginx -t` / `apache2 -t`) printed. */
  configTest: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not listen on ${port} within 10 s:\n${log()}`);
}

async function launch(cmd: string, args: string[], port: number, dir: string, configTest: string): Promise<RunningServer> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => { output += d; });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { output += d; });
  try {
    await waitForPort(port, child, () => output);
  } catch (err) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    dir,
    configTest,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a config test; throws with the server's own words when it fails. */
function configTest(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${out}`);
  return out;
}

/** nginx with `include MAPFILE;` at http level and one server{} for the old hosts that uses the variable. */
export async function startNginx(options: { mapFile: string; serverNames: string[]; site?: { root: string; serverName: string } }): Promise<RunningServer> {
  const dir = await mkdtemp(join(tmpdir(), 'naring-nginx-'));
  const port = await freePort();
  const conf = `worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${options.mapFile};
  server {
    listen 127.0.0.1:${port};
    server_name ${options.serverNames.join(' ')};
    if ($naring_archive_redirect) { return 301 $naring_archive_redirect; }
    return 404;
  }
${options.site ? `  server {
    listen 127.0.0.1:${port};
    server_name ${options.site.serverName};
    root ${options.site.root};
    types { text/html html; image/jpeg jpg jpeg; image/png png; application/pdf pdf; }
  }
` : ''}}
`;
  await writeFile(join(dir, 'nginx.conf'), conf);
  const base = ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', 'stderr'];
  let test: string;
  try {
    test = configTest('nginx', [...base, '-t']);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return launch('nginx', [...base, '-g', 'daemon off;'], port, dir, test);
}

const MODULES = '/usr/lib/apache2/modules';

/**
 * Apache with its own minimal config: `Include SNIPPET` inside a <VirtualHost> for the old hosts, or (with
 * `htaccess`) that file as the DocumentRoot's .htaccess.
 */
export async function startApache(options: { snippet?: string; htaccess?: string | Buffer; serverNames: string[] }): Promise<RunningServer> {
  const dir = await mkdtemp(join(tmpdir(), 'naring-apache-'));
  // Run as root, Apache's children drop to another user; they must still read the map under this folder.
  await chmod(dir, 0o755);
  const port = await freePort();
  const docroot = join(dir, 'htdocs');
  await import('node:fs/promises').then((fs) => fs.mkdir(docroot, { mode: 0o755 }));
  if (options.htaccess !== undefined) await writeFile(join(docroot, '.htaccess'), options.htaccess, { mode: 0o644 });
  const conf = `ServerRoot ${dir}
LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so
LoadModule authz_core_module ${MODULES}/mod_authz_core.so
LoadModule alias_module ${MODULES}/mod_alias.so
LoadModule rewrite_module ${MODULES}/mod_rewrite.so
PidFile ${dir}/httpd.pid
ErrorLog ${dir}/error.log
LogLevel warn
Listen 127.0.0.1:${port}
ServerName localhost
DocumentRoot ${docroot}
<Directory ${docroot}>
  AllowOverride FileInfo
  Require all granted
</Directory>
<VirtualHost 127.0.0.1:${port}>
  ServerName ${options.serverNames[0]}
  ServerAlias ${options.serverNames.slice(1).join(' ') || options.serverNames[0]}
  DocumentRoot ${docroot}
${options.snippet ? `  Include ${options.snippet}\n` : ''}</VirtualHost>
`;
  await writeFile(join(dir, 'httpd.conf'), conf);
  const base = ['-f', join(dir, 'httpd.conf')];
  let test: string;
  try {
    test = configTest('apache2', [...base, '-t']);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return launch('apache2', [...base, '-D', 'FOREGROUND'], port, dir, test);
}
