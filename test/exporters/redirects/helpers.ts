/** Shared steps of the redirect tests: a data folder on disk, the CLI's export, raw requests. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PostRecord, UrlEntry } from '../../../src/types.ts';
import { toJsonText } from '../../../src/exporters/write.ts';

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `naring-${prefix}-`));
}

/** Writes posts.json, pages.json and urls.json as `extract --out` would. */
export async function writeDataDir(dir: string, data: { posts: PostRecord[]; pages?: PostRecord[]; urls: UrlEntry[] }): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'posts.json'), toJsonText(data.posts));
  await writeFile(join(dir, 'pages.json'), toJsonText(data.pages ?? []));
  await writeFile(join(dir, 'urls.json'), toJsonText(data.urls));
  return dir;
}

/**
 * Sends one GET with the request line exactly as given (raw bytes allowed, which http.request would mangle)
 * and returns the status and Location.
 */
export function rawGet(port: number, target: Buffer | string, host: string): Promise<{ status: number; location: string | null }> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    let data = '';
    s.setEncoding('latin1');
    s.on('data', (d: string) => { data += d; });
    s.on('error', reject);
    s.on('end', () => {
      const status = Number(/^HTTP\/1\.\d (\d{3})/.exec(data)?.[1] ?? 0);
      const location = /\r\nLocation: ([^\r\n]*)/i.exec(data)?.[1] ?? null;
      resolve({ status, location });
    });
    s.on('connect', () => {
      s.write(Buffer.concat([Buffer.from('GET '), Buffer.isBuffer(target) ? target : Buffer.from(target, 'latin1'), Buffer.from(` HTTP/1.0\r\nHost: ${host}\r\n\r\n`)]));
    });
  });
}
