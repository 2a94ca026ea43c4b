/**
 * `export json`: posts.json, pages.json, categories.json and authors.json (or `.jsonl`, one record per
 * line), sorted by URL with a fixed key order, so two exports of the same data are identical bytes.
 * Their shapes are published as JSON Schema in the repository's schema/ folder.
 */
import type { OutputFile, PostRecord, TermSummary } from '../types.ts';
import { streamedText, type StreamedFile, toJsonChunks } from './write.ts';
import { byUrl, type ExportInput } from './site-index.ts';

export interface JsonOptions {
  /** JSON Lines (`posts.jsonl`, …) instead of JSON arrays. */
  jsonl: boolean;
}

/** A post record with its keys in the contract's order (extra keys an older extract wrote are dropped). */
export function canonicalPost(r: PostRecord): PostRecord {
  return {
    url: r.url,
    blog: r.blog,
    slug: r.slug,
    title: r.title,
    excerpt: r.excerpt,
    excerptSource: r.excerptSource,
    categories: r.categories.map((t) => ({ name: t.name, slug: t.slug, url: t.url })),
    tags: r.tags.map((t) => ({ name: t.name, slug: t.slug, url: t.url })),
    commentCount: r.commentCount,
    published: r.published,
    author: r.author ? { name: r.author.name, slug: r.author.slug, url: r.author.url } : null,
    contentMarkdown: r.contentMarkdown,
    images: r.images.map((i) => ({ url: i.url, alt: i.alt, caption: i.caption, credit: i.credit })),
    comments: r.comments.map((c) => ({ id: c.id, author: c.author, published: c.published, text: c.text, parentId: c.parentId })),
    aliases: [...r.aliases],
    provenance: Object.fromEntries(Object.keys(r.provenance ?? {}).sort().map((k) => [k, r.provenance[k]!])),
    capture: r.capture ? { url: r.capture.url, payloadDigest: r.capture.payloadDigest } : null,
  };
}

/** A categories.json / authors.json row with its keys in order. */
export function canonicalTerm(t: TermSummary): TermSummary {
  return { blog: t.blog, name: t.name, slug: t.slug, url: t.url, postCount: t.postCount };
}

/** Terms sorted by URL, then blog and slug (two blogs may share a URL-less author). */
function sortTerms(terms: readonly TermSummary[]): TermSummary[] {
  const key = (t: TermSummary): string => `${t.url}\u0000${t.blog}\u0000${t.slug}`;
  return [...terms].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * `[...]` as toJsonText writes it, or one compact JSON value per line (JSON Lines, LF, trailing newline),
 * a value at a time as the file is written: records may be read back from disk as they are serialised.
 */
function* serialise(values: Iterable<unknown>, jsonl: boolean): Generator<string> {
  if (!jsonl) yield* toJsonChunks(values);
  else for (const v of values) yield `${JSON.stringify(v)}\n`;
}

function* mapped<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const it of items) yield f(it);
}

/** The four JSON files of `export json`, in a fixed order. */
export function toJsonFiles(input: ExportInput, options: JsonOptions): (OutputFile & StreamedFile)[] {
  const ext = options.jsonl ? 'jsonl' : 'json';
  return [
    streamedText(`authors.${ext}`, () => serialise(mapped(sortTerms(input.authors), canonicalTerm), options.jsonl)),
    streamedText(`categories.${ext}`, () => serialise(mapped(sortTerms(input.categories), canonicalTerm), options.jsonl)),
    streamedText(`pages.${ext}`, () => serialise(mapped(byUrl(input.pages), canonicalPost), options.jsonl)),
    streamedText(`posts.${ext}`, () => serialise(mapped(byUrl(input.posts), canonicalPost), options.jsonl)),
  ];
}
