/**
 * Real extract output, not hand-made records: the replica's committed site (fixtures/site) goes through
 * the extract pipeline as archived responses, and its records through every Markdown layout. The uploads'
 * bytes are the ones the "archive" holds, so image links must point at copies of exactly those bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ROOT } from '../helpers/cli.ts';
import { extractSite } from '../../src/scrapers/extract-site.ts';
import { exportMarkdown } from '../../src/exporters/markdown.ts';
import { checkAgainstSchema } from '../../src/exporters/json-schema.ts';
import { toJsonFiles } from '../../src/exporters/json.ts';
import { linkKey, neededUploadUrls } from '../../src/exporters/site-index.ts';
import type { ArchivedResponse } from '../../src/types.ts';
import { assertFrontMatterMatches, assertLinksResolve, byPath, fileFor, relativeLinks } from './check-output.ts';

const SITE = join(ROOT, 'fixtures', 'site');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=UTF-8', '.xml': 'application/rss+xml', '.jpg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.txt': 'text/plain' };

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

/** The replica's files as the crawl would archive them: `<path>/index.html` answers `<path>/`, plus its redirects. */
function archivedSite(): ArchivedResponse[] {
  const server = JSON.parse(readFileSync(join(SITE, '_server.json'), 'utf8')) as { siteUrl: string; redirects?: Record<string, string> };
  const origin = server.siteUrl.replace(/\/$/, '');
  let n = 0;
  const res = (url: string, status: number, headers: Record<string, string>, body: Buffer): ArchivedResponse =>
    ({ url, status, headers, body, date: '2018-01-01T00:00:00Z', recordId: `<urn:uuid:t-${++n}>`, payloadDigest: `sha256:T${n}` });
  const out: ArchivedResponse[] = [];
  for (const file of walk(SITE)) {
    const rel = relative(SITE, file).split(sep);
    if (rel[0] === '_server.json' || rel[0] === '404.html') continue;
    const name = rel[rel.length - 1]!;
    const dirOnly = name === 'index.html' || name === 'index.xml';
    const path = `/${(dirOnly ? rel.slice(0, -1) : rel).map(encodeURIComponent).join('/')}${dirOnly && rel.length > 1 ? '/' : ''}`;
    out.push(res(`${origin}${path}`, 200, { 'content-type': TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream' }, readFileSync(file)));
  }
  for (const [from, to] of Object.entries(server.redirects ?? {})) out.push(res(`${origin}${from}`, 301, { location: `${origin}${to}` }, Buffer.alloc(0)));
  return out.sort((a, b) => (a.url < b.url ? -1 : 1));
}

test('real extract output of the replica exports cleanly in every layout', async () => {
  const responses = archivedSite();
  const result = await extractSite(responses);
  const input = { posts: result.posts, pages: result.pages, categories: result.categories, authors: result.authors, urls: result.urls };
  assert.ok(input.posts.length > 70, 'extract found the posts');
  for (const f of toJsonFiles(input, { jsonl: false })) assert.equal(checkAgainstSchema(f.path.replace('.json', '') as 'posts', JSON.parse(String(f.contents))), null, `${f.path} matches its schema`);
  const archive = new Map(responses.filter((r) => r.status === 200).map((r) => [linkKey(r.url)!, r.body]));
  const imageBytes = new Map(neededUploadUrls(input).flatMap((u) => (archive.has(linkKey(u)!) ? [[u, archive.get(linkKey(u)!)!] as const] : [])));
  assert.ok(imageBytes.size > 0);
  for (const layout of ['flat', 'hugo', 'jekyll'] as const) {
    const md = exportMarkdown(input, { layout, images: 'copy', imageBytes });
    assert.deepEqual(md.missing, [], `${layout}: every upload the posts use is in the archive`);
    for (const r of [...input.posts, ...input.pages]) assertFrontMatterMatches(fileFor(md.files, r.url), r, layout);
    assertLinksResolve(md.files);
    const files = byPath(md.files);
    for (const l of relativeLinks(md.files).filter((x) => x.isImage)) {
      const copied = files.get(l.target)?.contents;
      assert.ok(Buffer.isBuffer(copied), `${layout}: ${l.from}: image ${l.dest} is not a copied file`);
    }
  }
});
