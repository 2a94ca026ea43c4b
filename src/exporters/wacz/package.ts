/**
 * The text files of a WACZ 1.1.1 package (https://specs.webrecorder.net/wacz/1.1.1/): pages/pages.jsonl
 * from the extracted posts and pages, datapackage.json listing every file with its SHA-256 and size, and
 * datapackage-digest.json fixing datapackage.json itself. Pure: records and hashes in, text out.
 */
import type { PostRecord } from '../../types.ts';

export const WACZ_VERSION = '1.1.1';

export interface WaczPage { url: string; ts: string; title: string; text: string }

/** The body as plain text for full-text search: Markdown's marks removed, links and images reduced to their words. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/(\*\*|__|\*|_|`)/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * One page per post and static page, at the URL its body was captured from (record.capture), so a replay
 * tool finds it in the index; `ts` is that capture's time. Records whose capture is not in the index are left out.
 */
export function waczPages(records: readonly PostRecord[], captureTime: (url: string) => string | null): WaczPage[] {
  const out: WaczPage[] = [];
  for (const r of records) {
    const url = r.capture?.url ?? r.url;
    const ts = captureTime(url);
    if (!ts) continue;
    out.push({ url, ts, title: r.title, text: plainText(r.contentMarkdown ?? '') });
  }
  return out.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

export function toPagesJsonl(pages: readonly WaczPage[]): string {
  const header = { format: 'json-pages-1.0', id: 'pages', title: 'All Pages', hasText: true };
  return [header, ...pages.map((p) => ({ url: p.url, ts: p.ts, title: p.title, text: p.text }))].map((o) => JSON.stringify(o)).join('\n') + '\n';
}

export interface WaczResource { path: string; sha256: string; bytes: number }

export interface WaczMeta {
  title: string;
  software: string;
  /** When the content was captured (the crawl's end): a package of an unchanged archive is the same bytes. */
  created: string;
  mainPageUrl: string | null;
  mainPageDate: string | null;
}

export function toDatapackage(resources: readonly WaczResource[], meta: WaczMeta): string {
  const pkg: Record<string, unknown> = {
    profile: 'data-package',
    wacz_version: WACZ_VERSION,
    title: meta.title,
    software: meta.software,
    created: meta.created,
    ...(meta.mainPageUrl ? { mainPageUrl: meta.mainPageUrl } : {}),
    ...(meta.mainPageDate ? { mainPageDate: meta.mainPageDate } : {}),
    resources: resources.map((r) => ({ name: r.path.split('/').pop(), path: r.path, hash: `sha256:${r.sha256}`, bytes: r.bytes })),
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function toDigestFile(datapackageSha256: string): string {
  return `${JSON.stringify({ path: 'datapackage.json', hash: `sha256:${datapackageSha256}` }, null, 2)}\n`;
}
