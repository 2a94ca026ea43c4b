/**
 * Structured data a page carries besides its visible markup: JSON-LD (`BlogPosting`/`Article`), OpenGraph
 * and plain meta tags. Used to add or confirm fields; visible markup wins because it is what readers saw.
 */
import type { CheerioAPI } from 'cheerio';
import { type Found, cleanText, metaContent } from './text.ts';
import { parseIsoDate } from './dates.ts';
import { find } from './select.ts';

export interface StructuredData {
  title: Found<string> | null;
  description: Found<string> | null;
  published: Found<string> | null;
  author: Found<string> | null;
}

interface LdNode {
  '@type'?: string | string[];
  '@graph'?: LdNode[];
  headline?: string;
  name?: string;
  description?: string;
  datePublished?: string;
  author?: { name?: string } | { name?: string }[] | string;
}

function ldArticles($: CheerioAPI): LdNode[] {
  const out: LdNode[] = [];
  for (const el of find($.root(), 'script[type="application/ld+json"]').toArray()) {
    let data: unknown;
    try {
      data = JSON.parse($(el).text());
    } catch {
      continue; // broken JSON-LD is common and says nothing about the page
    }
    const stack: unknown[] = Array.isArray(data) ? [...data] : [data];
    while (stack.length > 0) {
      const n = stack.pop() as LdNode | null;
      if (!n || typeof n !== 'object') continue;
      if (Array.isArray(n['@graph'])) stack.push(...n['@graph']);
      const types = ([] as string[]).concat(n['@type'] ?? []);
      if (types.some((t) => /^(BlogPosting|Article|NewsArticle|WebPage)$/.test(t))) out.push(n);
    }
  }
  // Articles before WebPage: a Yoast graph holds both and the article is the more specific.
  return out.sort((a, b) => Number(([] as string[]).concat(a['@type'] ?? []).includes('WebPage')) - Number(([] as string[]).concat(b['@type'] ?? []).includes('WebPage')));
}

/** JSON-LD, OpenGraph and meta description of a page. */
export function readStructured($: CheerioAPI): StructuredData {
  const ld = ldArticles($)[0];
  const ogTitle = metaContent($, 'og:title');
  const ldTitle = ld?.headline ?? ld?.name;
  const title = ldTitle ? { value: cleanText(ldTitle), rule: 'json-ld:headline' } : ogTitle ? { value: ogTitle, rule: 'meta:og:title' } : null;
  const desc = metaContent($, 'description');
  const ogDesc = metaContent($, 'og:description');
  const description = desc ? { value: desc, rule: 'meta:description' } : ogDesc ? { value: ogDesc, rule: 'meta:og:description' } : ld?.description ? { value: cleanText(ld.description), rule: 'json-ld:description' } : null;
  const ldDate = ld?.datePublished ? parseIsoDate(ld.datePublished) : null;
  const ogDate = metaContent($, 'article:published_time');
  const ogIso = ogDate ? parseIsoDate(ogDate) : null;
  const published = ldDate ? { value: ldDate, rule: 'json-ld:datePublished' } : ogIso ? { value: ogIso, rule: 'meta:article:published_time' } : null;
  const a = ld?.author;
  const ldAuthor = typeof a === 'string' ? a : Array.isArray(a) ? a[0]?.name : a?.name;
  const metaAuthor = metaContent($, 'author');
  const author = ldAuthor ? { value: cleanText(ldAuthor), rule: 'json-ld:author' } : metaAuthor ? { value: metaAuthor, rule: 'meta:author' } : null;
  return { title, description, published, author };
}
