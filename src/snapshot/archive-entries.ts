/**
 * The captures of a crawl folder as the browsable copy and the WACZ need them: index.cdxj read line by
 * line (URL, status, MIME type, time), the Location of each archived redirect read from its record.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import type { ArchivedEntry } from '../exporters/site-copy/types.ts';
import { openArchiveIndex } from '../scrapers/archive.ts';
import { checkCrawlDir } from '../scrapers/extract-site.ts';

/** `20261202030125` → `2026-12-02T03:01:25Z`. */
export function isoOfTimestamp(ts: string): string {
  const d = ts.padEnd(14, '0');
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(8, 10)}:${d.slice(10, 12)}:${d.slice(12, 14)}Z`;
}

/** A crawl folder, or a snapshot folder holding one in crawl/: the commands take either. */
export function resolveCrawlDir(dir: string): string {
  const inner = join(dir, 'crawl');
  if (existsSync(join(inner, 'index.cdxj')) && statSync(inner).isDirectory()) return inner;
  checkCrawlDir(dir);
  if (!existsSync(join(dir, 'index.cdxj'))) {
    throw new UsageError(`${dir}: has no index.cdxj; give a folder that \`naring-archive crawl --out\` wrote (or a snapshot folder)`);
  }
  return dir;
}

export interface CdxLine { urlkey: string; timestamp: string; json: Record<string, string>; line: string }

export async function readCdxj(crawlDir: string): Promise<CdxLine[]> {
  const path = join(crawlDir, 'index.cdxj');
  const out: CdxLine[] = [];
  (await readFile(path, 'utf8')).split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const m = /^(\S+) (\d{4,14}) (\{.*\})$/.exec(line);
    let json: Record<string, string> | null = null;
    try { json = m ? (JSON.parse(m[3]!) as Record<string, string>) : null; } catch { json = null; }
    if (!m || !json || typeof json.url !== 'string') throw new UsageError(`${path}: line ${i + 1} is not a CDXJ line; the index is damaged, run the crawl again`);
    out.push({ urlkey: m[1] ?? '', timestamp: m[2] ?? '', json, line });
  });
  return out;
}

export async function archivedEntries(crawlDir: string): Promise<ArchivedEntry[]> {
  const lines = await readCdxj(crawlDir);
  const index = await openArchiveIndex(crawlDir);
  const out: ArchivedEntry[] = [];
  for (const l of lines) {
    const status = Number(l.json.status ?? 0);
    let location: string | null = null;
    const url = String(l.json.url);
    if (status >= 300 && status < 400) location = (await index.get(url))?.headers.location ?? null;
    out.push({ url, status, mime: l.json.mime ?? '', location, date: isoOfTimestamp(l.timestamp) });
  }
  return out;
}
