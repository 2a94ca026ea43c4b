/** Typed PostRecords for the exporter tests, shaped like Näringsbloggen's posts. */
import type { PostRecord, TermRef } from '../../src/types.ts';
import type { ExportInput } from '../../src/exporters/site-index.ts';

export const HOST = 'http://www.naringsbloggen.se';

export function term(blog: string, name: string, slug: string): TermRef {
  return { name, slug, url: `${HOST}/${blog}/category/${slug}/` };
}

export function post(over: Partial<PostRecord> & { slug: string }): PostRecord {
  const blog = over.blog ?? 'innovation';
  const categories = over.categories ?? [term(blog, 'Om innovation', 'om-innovation')];
  return {
    url: over.url ?? `${HOST}/${blog}/${categories[0]?.slug ?? 'okategoriserade'}/${encodeURIComponent(over.slug)}/`,
    blog,
    slug: over.slug,
    title: over.title ?? `Rubrik ${over.slug}`,
    excerpt: over.excerpt ?? 'En sammanfattning […]',
    excerptSource: over.excerptSource ?? 'listing',
    categories,
    tags: over.tags ?? [],
    commentCount: over.commentCount === undefined ? 0 : over.commentCount,
    published: over.published === undefined ? '2013-06-05' : over.published,
    author: over.author === undefined ? { name: 'Anna Andersson', slug: 'anna', url: `${HOST}/${blog}/author/anna/` } : over.author,
    contentMarkdown: over.contentMarkdown ?? 'Ett stycke text.',
    images: over.images ?? [],
    comments: over.comments ?? [],
    aliases: over.aliases ?? [],
    provenance: over.provenance ?? { title: 'post:h1.entry-title' },
    capture: over.capture === undefined ? { url: `http://www.naringsbloggen.se/capture/${over.slug.length}/`, payloadDigest: 'sha1:ABCDEF' } : over.capture,
  };
}

export function input(posts: PostRecord[], pages: PostRecord[] = [], urls: ExportInput['urls'] = []): ExportInput {
  return { posts, pages, categories: [], authors: [], urls };
}
