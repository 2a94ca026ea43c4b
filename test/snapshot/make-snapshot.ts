/** Hand-made snapshot folders for the diff, manifest, bag and report tests (no crawl involved). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PostRecord, UrlEntry } from '../../src/types.ts';

export const HOST = 'http://www.naringsbloggen.se';

export function post(slug: string, over: Partial<PostRecord> = {}): PostRecord {
  const url = `${HOST}/innovation/om-innovation/${slug}/`;
  return {
    url,
    blog: 'innovation',
    slug,
    title: `Inlägg ${slug}`,
    excerpt: 'En kort sammanfattning […]',
    excerptSource: 'listing',
    categories: [{ name: 'Om innovation', slug: 'om-innovation', url: `${HOST}/innovation/category/om-innovation/` }],
    tags: [],
    commentCount: 3,
    published: '2013-06-05',
    author: { name: 'Annie Lööf', slug: 'annie', url: `${HOST}/innovation/author/annie/` },
    contentMarkdown: 'Första stycket om innovation.\n\nAndra stycket om export och tillväxt i hela landet.\n',
    images: [],
    comments: [],
    aliases: [],
    provenance: { title: 'post:h1.entry-title' },
    capture: { url: `http://h/${slug}/`, payloadDigest: 'sha1:AAAA' },
    ...over,
  };
}

export interface SnapshotSpec {
  posts: PostRecord[];
  pages?: PostRecord[];
  urls?: UrlEntry[];
  /** Written as redirects/redirects.csv when given. */
  redirectsCsv?: string;
  /** Lines of crawl/crawl-log.jsonl. */
  crawlLog?: Array<Record<string, unknown>>;
  /** Leave out manifest.json, as an unfinished snapshot would. */
  unfinished?: boolean;
}

export async function makeSnapshot(dir: string, spec: SnapshotSpec): Promise<string> {
  await mkdir(join(dir, 'data'), { recursive: true });
  await mkdir(join(dir, 'crawl'), { recursive: true });
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  await writeFile(join(dir, 'data', 'posts.json'), json(spec.posts));
  await writeFile(join(dir, 'data', 'pages.json'), json(spec.pages ?? []));
  const urls = spec.urls ?? [...spec.posts, ...(spec.pages ?? [])].map((p) => ({ url: p.url, kind: 'post', status: 200, target: null }));
  await writeFile(join(dir, 'data', 'urls.json'), json(urls));
  if (spec.redirectsCsv !== undefined) {
    await mkdir(join(dir, 'redirects'), { recursive: true });
    await writeFile(join(dir, 'redirects', 'redirects.csv'), spec.redirectsCsv);
  }
  const log = spec.crawlLog ?? urls.map((u) => ({ url: u.url, status: 200 }));
  await writeFile(join(dir, 'crawl', 'crawl-log.jsonl'), log.map((l) => JSON.stringify(l)).join('\n') + '\n');
  if (!spec.unfinished) await writeFile(join(dir, 'manifest.json'), json({ files: [] }));
  return dir;
}
