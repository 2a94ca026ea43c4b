/**
 * `import mirror`: a folder saved by wget, HTTrack, Simply Static or WP2Static becomes a crawl folder, each
 * file a `resource` record under the URL the old site served it at (mirror-names.ts). Files are taken in
 * sorted order, so two runs over one folder archive the same records in the same order; files that map to
 * no URL, or to a URL another file already holds, are listed in crawl-summary.json (`unmapped`).
 */
import { existsSync, readdirSync, realpathSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../../errors.ts';
import type { CrawlSummary } from '../crawl-summary.ts';
import { backupOf, httrackSourceUrl, sniffContentType, urlOfMirrorFile } from './mirror-names.ts';
import { ImportSink } from './sink.ts';

export interface MirrorOptions {
  folder: string;
  baseUrl: string;
  outDir: string;
  resume: boolean;
  onProgress?(done: number, total: number): void;
}

export interface MirrorResult {
  summary: CrawlSummary;
  unmapped: { path: string; reason: string }[];
}

interface Planned { url: string; path: string; from: string }

/** wget puts the files in a folder named after the host (`www.site.se/`, `127.0.0.1:8080/`): start there. */
export function mirrorRoot(folder: string, baseUrl: string): string {
  const host = new URL(baseUrl).host;
  for (const name of [host, host.replace(/^www\./, ''), `www.${host}`]) {
    const inner = join(folder, name);
    if (!existsSync(join(folder, 'index.html')) && existsSync(inner) && statSync(inner).isDirectory()) return inner;
  }
  return folder;
}

/** Every file under `root` as a POSIX relative path, sorted; symlinked folders followed once (no loops). */
function listFiles(root: string): string[] {
  const out: string[] = [];
  const seenDirs = new Set<string>();
  const walk = (dir: string, rel: string) => {
    const real = realpathSync(dir);
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const st = statSync(abs, { throwIfNoEntry: false });
      if (!st) continue;
      const r = rel ? `${rel}/${name}` : name;
      if (st.isDirectory()) walk(abs, r);
      else if (st.isFile()) out.push(r);
    }
  };
  walk(root, '');
  return out;
}

function readHead(path: string, n = 4096): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/** Which file stands for which URL: `.orig` backups before the converted copy, else the first in order. */
export function planMirror(root: string, baseUrl: string): { planned: Planned[]; unmapped: { path: string; reason: string }[] } {
  const files = listFiles(root);
  const byUrl = new Map<string, Planned>();
  const unmapped: { path: string; reason: string }[] = [];
  const scheme = new URL(baseUrl).protocol;
  const backups = new Set(files.filter((f) => backupOf(f) !== null));
  for (const path of files) {
    // wget names the backup of `x.html` whose `.html` it added itself `x.orig`, of any other file `x.orig`.
    const backup = [`${path}.orig`, `${path.replace(/\.html$/, '')}.orig`].find((b) => backups.has(b));
    if (backup) {
      unmapped.push({ path, reason: `links converted by wget; ${backup} (as served) is archived instead` });
      continue;
    }
    const named = urlOfMirrorFile(path, baseUrl);
    const head = /\.html?$|\.orig$|(\?|%3F)/i.test(path) ? readHead(join(root, path)).toString('latin1') : '';
    const httrack = head ? httrackSourceUrl(head, scheme) : null;
    const url = httrack ?? named.url;
    if (!url) {
      unmapped.push({ path, reason: 'reason' in named ? named.reason : 'no URL' });
      continue;
    }
    const held = byUrl.get(url);
    if (held) {
      unmapped.push({ path, reason: `the same URL as ${held.path} (${url})` });
      continue;
    }
    byUrl.set(url, { url, path, from: httrack ? 'httrack-comment' : 'file-name' });
  }
  const planned = [...byUrl.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return { planned, unmapped };
}

export async function importMirror(o: MirrorOptions): Promise<MirrorResult> {
  if (!existsSync(o.folder) || !statSync(o.folder).isDirectory()) {
    throw new UsageError(`${o.folder}: no such folder; give the folder wget, HTTrack, Simply Static or WP2Static saved the site into`);
  }
  const root = mirrorRoot(o.folder, o.baseUrl);
  const { planned, unmapped } = planMirror(root, o.baseUrl);
  if (planned.length === 0) throw new UsageError(`${o.folder}: holds no files that map to a URL under --base ${o.baseUrl}; give the folder the mirror was saved into`);
  const sink = await ImportSink.open({
    outDir: o.outDir, resume: o.resume, startUrls: [o.baseUrl], command: 'naring-archive import mirror <folder> --base', warcPrefix: 'mirror',
    info: { description: 'Rebuilt from a saved mirror of the site: resource records hold the saved files; nothing was fetched, and the original HTTP status and headers are not known', 'source-type': 'saved-mirror' },
  });
  let done = 0;
  for (const p of planned) {
    done++;
    if (sink.isDone(p.url)) continue;
    const abs = join(root, p.path);
    const body = await readFile(abs);
    const type = sniffContentType(p.path, body);
    const date = statSync(abs).mtime.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const kind = type === 'text/html' ? 'html' : /rss|atom/.test(type) ? 'feed' : /^(image|audio|video|font)\//.test(type) ? 'asset' : 'other';
    await sink.writeResource(p.url, date, type, body, [['source-file', p.path], ['url-from', p.from], ['rebuilt-from', 'saved mirror']], kind);
    sink.logLine({ url: p.url, status: 200, contentType: type, bytes: body.length, ms: 0, discoveredFrom: null, attempt: 1, sourceFile: p.path, urlFrom: p.from });
    o.onProgress?.(done, planned.length);
  }
  for (const u of unmapped) sink.logLine({ url: null, status: null, contentType: null, bytes: 0, ms: 0, discoveredFrom: null, attempt: 0, sourceFile: u.path, error: u.reason });
  const summary = await sink.finish({ scope: [o.baseUrl], interrupted: false, stoppedBy: null, queuedNotFetched: 0, extra: { source: { type: 'mirror', base: o.baseUrl, files: planned.length + unmapped.length }, unmapped } });
  return { summary, unmapped };
}
