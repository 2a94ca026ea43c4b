/**
 * `export site`: the archive as a static browsable copy. The plan (which URL goes to which file) is made
 * from index.cdxj first, then the archive is read once in order and each page rewritten as it comes, so
 * memory holds one page at a time. The copy is built in a sibling folder and renamed over --out only when
 * complete: a failed run never leaves a copy that looks whole.
 */
import { existsSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.ts';
import { ownFiles } from '../exporters/site-copy/pages.ts';
import { isHtmlMime, planSite, URL_INDEX } from '../exporters/site-copy/paths.ts';
import { rewritePage } from '../exporters/site-copy/rewrite.ts';
import { resolveInside, writeFileAtomic, writeOutputFiles } from '../exporters/write.ts';
import { readArchive } from '../scrapers/archive.ts';
import { decodeBody } from '../scrapers/charset.ts';
import { normalizeUrl } from '../url.ts';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.ts';
import { archivedEntries } from './archive-entries.ts';
import { readJsonIfExists } from './layout.ts';

export interface SiteExportResult { pages: number; files: number; linksRewritten: number; linksMissing: number; startUrl: string }

/** --out must be absent, empty, or a copy this command wrote before (it has the URL index). */
async function checkTarget(outDir: string): Promise<void> {
  if (!existsSync(outDir)) return;
  const entries = await readdir(outDir).catch(() => null);
  if (entries === null) throw new UsageError(`--out ${outDir}: this is a file; give a folder for the copy (it is created if missing)`);
  if (entries.length > 0 && !existsSync(join(outDir, ...URL_INDEX.split('/')))) {
    throw new UsageError(`--out ${outDir}: the folder is not empty and holds no earlier copy (no ${URL_INDEX}); give an empty or new folder`);
  }
}

export async function exportSite(crawlDir: string, outDir: string, onProgress?: (done: number, total: number) => void): Promise<SiteExportResult> {
  await checkTarget(outDir);
  const entries = await archivedEntries(crawlDir);
  const summary = (await readJsonIfExists(join(crawlDir, 'crawl-summary.json'))) as { startUrls?: string[] } | undefined;
  const first = entries.find((e) => e.status === 200 && isHtmlMime(e.mime)) ?? entries[0];
  const startUrl = summary?.startUrls?.[0] ?? (first ? new URL('/', first.url).href : '');
  if (!startUrl) throw new UsageError(`${crawlDir}: the archive holds no captures; nothing to copy`);
  const plan = planSite(entries, new URL(startUrl).host);
  const tool = `${PACKAGE_NAME} ${PACKAGE_VERSION}`;
  const work = join(dirname(outDir), `.${basename(outDir)}.partial-${process.pid}`);
  await rm(work, { recursive: true, force: true });
  const written = new Set<string>();
  let pages = 0, rewritten = 0, missing = 0;
  try {
    for await (const r of readArchive(crawlDir)) {
      const path = r.status === 200 ? plan.files.get(normalizeUrl(r.url) ?? r.url) : undefined;
      if (!path || written.has(path)) continue;
      written.add(path);
      const type = r.headers['content-type'] ?? '';
      let contents: string | Buffer = r.body;
      if (isHtmlMime(type)) {
        const out = rewritePage(decodeBody(r.body, type), plan, { url: r.url, path, capturedAt: r.date, tool });
        contents = out.html;
        pages++;
        rewritten += out.stats.rewritten;
        missing += out.stats.missing;
      }
      await writeFileAtomic(resolveInside(work, path), contents, { sync: false });
      onProgress?.(written.size, plan.files.size);
    }
    const dates = entries.map((e) => e.date).sort();
    await writeOutputFiles(work, ownFiles(plan, { startUrl, tool, capturedFrom: dates[0] ?? null, capturedTo: dates[dates.length - 1] ?? null }));
    if (existsSync(outDir)) {
      const old = join(dirname(outDir), `.${basename(outDir)}.old-${process.pid}`);
      await rename(outDir, old);
      await rename(work, outDir);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(work, outDir);
    }
  } catch (err) {
    await rm(work, { recursive: true, force: true });
    throw err;
  }
  return { pages, files: written.size + 4, linksRewritten: rewritten, linksMissing: missing, startUrl };
}
