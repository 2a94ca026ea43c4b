/**
 * The merged records of extract, kept on disk (spill.ts) in the order they are merged and written sorted
 * by URL: memory holds each record's URL and id, and the category/author summaries, counted as records
 * arrive. `posts` and `pages` of the result load every record on first use (for library callers and
 * tests); the files of `extract --out` stream them instead (`records.posts()`, extract-site.ts).
 */
import type { PostRecord, TermRef, TermSummary, UrlEntry } from '../../types.ts';
import type { ExtractReport } from './collect.ts';
import type { SpillDir, SpillFile } from './spill.ts';

interface RecordKey { url: string; id: number }

/** Records read back one at a time, sorted by URL; `dispose` removes the spill folder. */
export interface RecordStream {
  posts(): Generator<PostRecord>;
  pages(): Generator<PostRecord>;
  dispose(): void;
}

export interface CollectedSite {
  posts: PostRecord[];
  pages: PostRecord[];
  categories: TermSummary[];
  authors: TermSummary[];
  urls: UrlEntry[];
  report: ExtractReport;
  /** The same records as `posts`/`pages`, streamed from disk; absent for results built in memory. */
  records?: RecordStream;
}

const byUrl = (a: RecordKey, b: RecordKey): number => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

/** Term summaries as a sorted walk over the posts would make them: the post with the lowest URL names a term. */
class TermCounter {
  private m = new Map<string, { s: TermSummary; first: string }>();

  constructor(private readonly blogOf: (url: string) => string) {}

  add(postUrl: string, terms: TermRef[]): void {
    for (const t of terms) {
      const e = this.m.get(t.url);
      if (!e) this.m.set(t.url, { s: { blog: this.blogOf(t.url), name: t.name, slug: t.slug, url: t.url, postCount: 1 }, first: postUrl });
      else {
        e.s.postCount++;
        if (postUrl < e.first) Object.assign(e, { s: { ...e.s, name: t.name, slug: t.slug }, first: postUrl });
      }
    }
  }

  sorted(): TermSummary[] {
    return [...this.m.values()].map((e) => e.s).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  }
}

export class CollectedRecords {
  private file: SpillFile;
  private posts: RecordKey[] = [];
  private statics: RecordKey[] = [];
  private categories: TermCounter;
  private authors: TermCounter;

  constructor(private readonly dir: SpillDir, blogOf: (url: string) => string) {
    this.file = dir.file('records');
    this.categories = new TermCounter(blogOf);
    this.authors = new TermCounter(blogOf);
  }

  get postCount(): number {
    return this.posts.length;
  }

  get pageCount(): number {
    return this.statics.length;
  }

  add(r: PostRecord, isPage: boolean): void {
    (isPage ? this.statics : this.posts).push({ url: r.url, id: this.file.append(r) });
    if (isPage) return;
    this.categories.add(r.url, r.categories);
    this.authors.add(r.url, r.author?.url && r.author.slug ? [{ name: r.author.name, slug: r.author.slug, url: r.author.url }] : []);
  }

  /** Sorted by URL; stable, so records of one URL keep the order they were merged in. */
  sort(): void {
    this.posts.sort(byUrl);
    this.statics.sort(byUrl);
  }

  pageUrls(): Set<string> {
    return new Set(this.statics.map((k) => k.url));
  }

  private *read(keys: RecordKey[]): Generator<PostRecord> {
    for (const k of keys) yield this.file.read<PostRecord>(k.id);
  }

  result(urls: UrlEntry[], report: ExtractReport): CollectedSite {
    const records: RecordStream = { posts: () => this.read(this.posts), pages: () => this.read(this.statics), dispose: () => this.dir.remove() };
    const out = { categories: this.categories.sorted(), authors: this.authors.sorted(), urls, report } as CollectedSite;
    // Not enumerable: a result compared or printed shows its data, not its handle on the spill folder.
    Object.defineProperty(out, 'records', { value: records, enumerable: false });
    const cached = new Map<string, PostRecord[]>();
    for (const [name, keys] of [['posts', this.posts], ['pages', this.statics]] as const) {
      Object.defineProperty(out, name, {
        enumerable: true,
        get: () => cached.get(name) ?? cached.set(name, [...this.read(keys)]).get(name)!,
      });
    }
    return out;
  }
}
