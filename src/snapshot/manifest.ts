/**
 * manifest.json: every file of a snapshot with its size and SHA-256, sorted by path, so a reader (or a
 * later diff) can check that nothing changed on disk. The files are walked, never taken from memory, so
 * the manifest describes what is really there.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface ManifestEntry {
  /** POSIX path relative to the snapshot folder. */
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  files: ManifestEntry[];
}

/** Code-unit order: the same on every machine and locale. */
function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Relative POSIX paths of every regular file under `root`, sorted. `exclude` names top-level entries to
 * skip (manifest.json itself, the bag). Temporary files of an interrupted atomic write are skipped too.
 */
export async function listFiles(root: string, exclude: readonly string[] = []): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string, rel: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (!rel && exclude.includes(e.name)) continue;
      if (/\.tmp-\d+-[0-9a-f]{8}$/.test(e.name)) continue;
      if (e.isDirectory()) await walk(join(dir, e.name), relPath);
      else if (e.isFile()) out.push(relPath);
    }
  }
  await walk(root, '');
  return out.sort(byPath);
}

/** Hex digest of a file, streamed so a large WARC never sits in memory. */
export function hashFile(path: string, algorithm: 'sha256' | 'sha512'): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash(algorithm);
    createReadStream(path)
      .on('error', reject)
      .on('data', (chunk) => h.update(chunk))
      .on('end', () => resolve(h.digest('hex')));
  });
}

export async function buildManifest(root: string, exclude: readonly string[] = []): Promise<Manifest> {
  const files: ManifestEntry[] = [];
  for (const path of await listFiles(root, exclude)) {
    const abs = join(root, ...path.split('/'));
    const [st, sha256] = await Promise.all([stat(abs), hashFile(abs, 'sha256')]);
    files.push({ path, size: st.size, sha256 });
  }
  return { files };
}
