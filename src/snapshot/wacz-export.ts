/**
 * `export wacz`: the crawl folder as one WACZ 1.1.1 file. WARCs are stored, not recompressed (a replay tool
 * reads a capture by its offset inside the stored file, so the bytes must stay as index.cdxj counts them);
 * index.cdxj is copied as it is (its `filename` names the WARC under archive/, as WACZ expects). The ZIP is
 * streamed to a temporary file and renamed into place: no half-written .wacz.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import yazl from 'yazl';
import { loadDataDir } from '../data-dir.ts';
import { toDatapackage, toDigestFile, toPagesJsonl, waczPages, type WaczResource } from '../exporters/wacz/package.ts';
import { writeStreamAtomic } from '../exporters/write.ts';
import { listWarcFiles } from '../scrapers/archive-reader.ts';
import { extractArchive } from '../scrapers/extract-site.ts';
import type { PostRecord } from '../types.ts';
import { normalizeUrl } from '../url.ts';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.ts';
import { isoOfTimestamp, readCdxj } from './archive-entries.ts';
import { readJsonIfExists } from './layout.ts';
import { hashFile } from './manifest.ts';

export interface WaczOptions {
  crawlDir: string;
  out: string;
  /** An extract --out folder; default: the snapshot's data/ beside crawl/, else the archive is extracted here. */
  dataDir?: string;
  onLog?: (line: string) => void;
}

export interface WaczResult { warcs: number; captures: number; pages: number; bytes: number; recordsFrom: string }

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

async function pageRecords(o: WaczOptions): Promise<{ records: PostRecord[]; from: string; close: () => void }> {
  const sibling = join(dirname(o.crawlDir), 'data');
  const dataDir = o.dataDir ?? (existsSync(join(sibling, 'posts.json')) ? sibling : undefined);
  if (dataDir) {
    const d = await loadDataDir(dataDir);
    return { records: [...d.posts, ...d.pages], from: dataDir, close: d.close };
  }
  o.onLog?.(`export wacz: no data folder beside ${o.crawlDir}; extracting the posts from the archive for pages.jsonl`);
  const r = await extractArchive(o.crawlDir);
  const records = [...r.posts, ...r.pages];
  r.records?.dispose();
  return { records, from: 'the archive (extracted now)', close: () => {} };
}

export async function exportWacz(o: WaczOptions): Promise<WaczResult> {
  const cdx = await readCdxj(o.crawlDir);
  const cdxText = await readFile(join(o.crawlDir, 'index.cdxj'));
  const times = new Map<string, string>();
  for (const l of cdx) {
    const k = normalizeUrl(l.json.url!) ?? l.json.url!;
    // The first capture of a URL is the one a page was read from (a resumed crawl never refetches).
    if (!times.has(k) && l.json.status === '200') times.set(k, isoOfTimestamp(l.timestamp));
  }
  const { records, from, close } = await pageRecords(o);
  let pages;
  try {
    pages = waczPages(records, (u) => times.get(normalizeUrl(u) ?? u) ?? null);
  } finally {
    close();
  }
  const pagesText = toPagesJsonl(pages);

  const warcs = listWarcFiles(o.crawlDir);
  const resources: WaczResource[] = [];
  for (const name of warcs) {
    const path = join(o.crawlDir, 'archive', name);
    resources.push({ path: `archive/${name}`, sha256: await hashFile(path, 'sha256'), bytes: statSync(path).size });
  }
  resources.push({ path: 'indexes/index.cdxj', sha256: sha256(cdxText), bytes: cdxText.length });
  resources.push({ path: 'pages/pages.jsonl', sha256: sha256(pagesText), bytes: Buffer.byteLength(pagesText) });

  const summary = (await readJsonIfExists(join(o.crawlDir, 'crawl-summary.json'))) as { startUrls?: string[]; finishedAt?: string } | undefined;
  const start = summary?.startUrls?.[0] ?? null;
  const created = summary?.finishedAt ?? (cdx.length ? isoOfTimestamp(cdx.map((l) => l.timestamp).sort().pop()!) : '1980-01-01T00:00:00Z');
  const datapackage = toDatapackage(resources, {
    title: `Web archive of ${start ?? basename(o.crawlDir)}`,
    software: `${PACKAGE_NAME} ${PACKAGE_VERSION}`,
    created,
    mainPageUrl: start,
    mainPageDate: start ? times.get(normalizeUrl(start) ?? start) ?? null : null,
  });

  // Every entry carries the crawl's date, not the moment of packing, so packing twice gives the same bytes.
  const mtime = new Date(created);
  const zip = new yazl.ZipFile();
  for (const name of warcs) zip.addFile(join(o.crawlDir, 'archive', name), `archive/${name}`, { compress: false, mtime });
  zip.addBuffer(cdxText, 'indexes/index.cdxj', { mtime });
  zip.addBuffer(Buffer.from(pagesText), 'pages/pages.jsonl', { mtime });
  zip.addBuffer(Buffer.from(datapackage), 'datapackage.json', { mtime });
  zip.addBuffer(Buffer.from(toDigestFile(sha256(datapackage))), 'datapackage-digest.json', { mtime });
  zip.end();
  await writeStreamAtomic(o.out, zip.outputStream);
  return { warcs: warcs.length, captures: cdx.length, pages: pages.length, bytes: statSync(o.out).size, recordsFrom: from };
}
