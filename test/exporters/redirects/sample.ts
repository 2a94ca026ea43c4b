/**
 * A small typed stand-in for a Näringsbloggen data folder: the URL shapes the redirect plan must cover
 * (posts under two category paths, ?p= shortlinks with the same ID in two sub-blogs, an en dash slug,
 * pages, listings, pagination, feeds, uploads, a dead link and a slash redirect).
 */
import type { PostRecord, UrlEntry } from '../../../src/types.ts';
import type { RedirectRules } from '../../../src/exporters/redirects/index.ts';

const H = 'http://www.naringsbloggen.se';

function post(blog: string, categories: string[], slug: string, published: string | null, aliases: string[]): PostRecord {
  return {
    url: `${H}/${blog}/${categories[0]}/${encodeURIComponent(slug)}/`,
    blog,
    slug,
    title: slug,
    excerpt: '',
    excerptSource: 'listing',
    categories: categories.map((c) => ({ name: c, slug: c, url: `${H}/${blog}/category/${c}/` })),
    tags: [],
    commentCount: null,
    published,
    author: null,
    contentMarkdown: '',
    images: [],
    comments: [],
    aliases,
    provenance: {},
    capture: null,
  };
}

export const DASH_SLUG = 'en-nationell-innovationsstrategi-–-ja-tack';

export function samplePosts(): PostRecord[] {
  return [
    post('innovation', ['om-innovation', 'vision'], DASH_SLUG, '2012-03-14', [
      `${H}/innovation/?p=7`,
      `${H}/innovation/vision/en-nationell-innovationsstrategi-%E2%80%93-ja-tack/`,
    ]),
    post('innovation', ['forenkla-for-foretagen'], 'forenklingsdag-med-fokus-pa-innovations-och-konkurrenskraft', '2011-10-20', [`${H}/innovation/?p=12`]),
    post('livsmedel', ['export'], 'mat-fran-sverige', '2016-11-02T09:30:00+01:00', [`${H}/livsmedel/?p=7`]),
  ];
}

export function samplePages(): PostRecord[] {
  const p = post('innovation', ['x'], 'om', null, []);
  return [{ ...p, url: `${H}/innovation/om/`, categories: [] }];
}

export function sampleUrls(): UrlEntry[] {
  const [a, b, c] = samplePosts();
  const rows: UrlEntry[] = [
    { url: `${H}/`, kind: 'home', status: 200, target: null },
    { url: `${H}/innovation/`, kind: 'home', status: 200, target: null },
    { url: `${H}/innovation/page/2/`, kind: 'pagination', status: 200, target: null },
    { url: `${H}/innovation/feed/`, kind: 'feed', status: 200, target: null },
    { url: `${H}/innovation/category/vision/`, kind: 'category', status: 200, target: null },
    { url: `${H}/innovation/category/vision/page/2/`, kind: 'pagination', status: 200, target: null },
    { url: `${H}/innovation/2012/03/`, kind: 'date', status: 200, target: null },
    { url: `${H}/innovation/author/charlotteb/`, kind: 'author', status: 200, target: null },
    { url: `${H}/innovation/om/`, kind: 'page', status: 200, target: null },
    { url: `${H}/innovation/om`, kind: 'other', status: 301, target: `${H}/innovation/om/` },
    { url: a!.url, kind: 'post', status: 200, target: null },
    { url: a!.aliases[1]!, kind: 'post', status: 200, target: null },
    { url: `${H}/innovation/?p=7`, kind: 'shortlink', status: 301, target: a!.url },
    { url: b!.url, kind: 'post', status: 200, target: null },
    { url: `${H}/innovation/?p=12`, kind: 'shortlink', status: 301, target: b!.url },
    { url: c!.url, kind: 'post', status: 200, target: null },
    { url: `${H}/livsmedel/?p=7`, kind: 'shortlink', status: 301, target: c!.url },
    { url: `${H}/livsmedel/`, kind: 'home', status: 200, target: null },
    { url: `${H}/innovation/files/2012/03/bild.jpg`, kind: 'upload', status: 200, target: null },
    { url: `${H}/innovation/om-innovation/borttagen/`, kind: 'post', status: 404, target: null },
  ];
  return rows.sort((x, y) => (x.url < y.url ? -1 : 1));
}

export function sampleRules(overrides: Partial<RedirectRules> = {}): RedirectRules {
  const at = (to: string, kinds: RedirectRules['rules'][number]['kinds'], index: number, match: RegExp | null = null): RedirectRules['rules'][number] => ({ kinds, blog: null, match, to, index });
  return {
    sourceHosts: ['naringsbloggen.se', 'www.naringsbloggen.se'],
    target: 'https://www.regeringen.se/',
    allowHosts: ['www.regeringen.se'],
    map: [],
    rules: [
      at('/sveriges-regering/naringsdepartementet/', ['home'], 1, /^\/$/),
      at('/naringsbloggen/{blog}/{year}/{month}/{slug}/', ['post'], 2),
      at('/naringsbloggen/{blog}/{slug}/', ['page'], 3),
      at('/naringsbloggen/{blog}/kategori/{slug}/', ['category'], 4),
      at('/naringsbloggen/{blog}/{year}/{month}/', ['date'], 5),
      at('/naringsbloggen/{blog}/', ['home', 'pagination', 'feed', 'author'], 6),
    ],
    fallback: '/sveriges-regering/naringsdepartementet/',
    ...overrides,
  };
}
