/** A large Näringsbloggen-like inventory: N posts in four sub-blogs, every tenth slug with an en dash. */
import type { PostRecord, UrlEntry } from '../../../src/types.ts';

const H = 'http://www.naringsbloggen.se';
const BLOGS = ['innovation', 'transport', 'transporter-och-infrastruktur', 'livsmedel'];

export function largeInput(n: number): { posts: PostRecord[]; urls: UrlEntry[] } {
  const posts: PostRecord[] = [];
  const urls: UrlEntry[] = [];
  for (let i = 0; i < n; i++) {
    const blog = BLOGS[i % BLOGS.length]!;
    const slug = i % 10 === 0 ? `inlagg-${i}-–-om-forenkling-for-foretagen` : `inlagg-${i}-om-naringspolitik-och-innovation`;
    const url = `${H}/${blog}/kategori-${i % 7}/${encodeURIComponent(slug)}/`;
    const month = String((i % 12) + 1).padStart(2, '0');
    posts.push({
      url, blog, slug, title: slug, excerpt: '', excerptSource: 'listing', categories: [{ name: 'K', slug: `kategori-${i % 7}`, url: `${H}/${blog}/category/kategori-${i % 7}/` }],
      tags: [], commentCount: null, published: `20${String(11 + (i % 7)).padStart(2, '0')}-${month}-01`, author: null, contentMarkdown: '', images: [], comments: [],
      aliases: [`${H}/${blog}/?p=${Math.floor(i / 4) + 1}`], provenance: {}, capture: null,
    });
    urls.push({ url, kind: 'post', status: 200, target: null });
    urls.push({ url: `${H}/${blog}/?p=${Math.floor(i / 4) + 1}`, kind: 'shortlink', status: 301, target: url });
  }
  return { posts, urls };
}
