/**
 * What the migration report shows, as plain data. src/snapshot/report-data.ts gathers it from a snapshot
 * folder; the page makers in this folder only turn it into HTML, so every number on the page comes from
 * here and the command line prints the same numbers from the same object.
 */

/** The counts the `snapshot`/`demo` summary prints and the report's cards show (src/snapshot/numbers.ts). */
export interface ReportNumbers {
  /** Captures in the archive (crawl-summary.json `archived`). */
  archived: number;
  /** URLs whose fetch failed: no answer or 5xx after retries (crawl-summary.json `failed`). */
  failed: number;
  /** URLs that answered 4xx: archived like any answer, but no page (crawl-summary.json `clientErrors`). */
  clientErrors: number;
  posts: number;
  pages: number;
  /** Old URLs in data/urls.json. */
  urls: number;
  /** Files under markdown/ (posts, pages, index pages and copied uploads). */
  markdownFiles: number;
  /** Rows in redirects.json; null without redirect maps. */
  redirectRows: number | null;
  /** Old URLs by where their target came from; null without redirect maps. */
  coverage: { map: number; rule: number; fallback: number; none: number } | null;
  /** Files in the snapshot with manifest.json itself; null without a manifest. */
  files: number | null;
}

/** What was archived, when and from where. */
export interface Provenance {
  startUrls: string[];
  /** `live crawl`, `Wayback Machine`, `mirror folder`: crawl-summary.json `source.type` (absent: a live crawl). */
  source: string;
  /** Where the source was (an archive base URL, a folder name), when crawl-summary.json says. */
  sourceDetail: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** The tool and version that wrote the report. */
  tool: string;
  /** The browsable copy's list of pages, relative to the report; null when the snapshot has no site/. */
  siteHref: string | null;
}

export interface PostRow {
  title: string;
  blog: string;
  /** YYYY-MM-DD or null. */
  date: string | null;
  categories: string[];
  /** The displayed comment count; null where the blog never displayed counts. */
  comments: number | null;
  /** Comments archived with the post (its comments array). */
  commentsArchived: number;
  oldUrl: string;
  /** From redirects.json: the target of the post's own URL; null without maps. */
  newUrl: string | null;
  newSource: string | null;
  /** Links relative to the report file; null when the file is not there. */
  markdownHref: string | null;
  archivedHref: string | null;
}

export interface BlogRow {
  blog: string;
  posts: number;
  pages: number;
  first: string | null;
  last: string | null;
  /** Sum of the displayed comment counts; null where the blog never shows counts. */
  comments: number | null;
  /** Comments archived with the posts, whether or not the blog displayed counts. */
  commentsArchived: number;
}

export interface KindRow {
  kind: string;
  urls: number;
  failed: number;
  redirected: number;
}

export interface TreeCategory {
  name: string;
  /** Indexes into ReportData.posts. */
  posts: number[];
}

export interface TreeBlog {
  blog: string;
  posts: number;
  categories: TreeCategory[];
}

export interface RedirectSection {
  covered: number;
  uncovered: string[];
  /** map / rule / fallback: old URLs and the rows (spellings) written for them. */
  bySource: Array<{ source: string; urls: number; rows: number }>;
  /** Every old URL sent to the fallback, with its kind and target. */
  fallback: Array<{ url: string; kind: string; to: string }>;
  byStatus: Array<[number, number]>;
  topTargets: Array<[string, number]>;
}

export interface VerifySection {
  /** The file as the user named it. */
  file: string;
  checked: number;
  correct: number;
  wrong: Array<{ from: string; expected: string; got: string; errors: string[] }>;
}

export interface ProblemRow {
  url: string;
  severity: string;
  stage: string;
  reason: string;
}

export interface DisagreementRow {
  url: string;
  field: string;
  values: Array<{ source: string; value: string }>;
}

export interface ReportData {
  /** The hosts of the old site, from the URL inventory. */
  hosts: string[];
  provenance: Provenance;
  numbers: ReportNumbers;
  posts: PostRow[];
  blogs: BlogRow[];
  kinds: KindRow[];
  tree: TreeBlog[];
  /** [YYYY-MM, posts] for every month from the first post to the last (empty months included). */
  months: Array<[string, number]>;
  /** [category name, posts] over every blog, most posts first. */
  categories: Array<[string, number]>;
  /** null when the snapshot has no redirect maps. */
  redirects: RedirectSection | null;
  /** null without --verify. */
  verify: VerifySection | null;
  failures: Array<{ url: string; status: number | null; reason: string }>;
  /** null when the snapshot has no extract-report.json. */
  extract: { problems: ProblemRow[]; disagreements: DisagreementRow[] } | null;
}
