/**
 * The extract pipeline: archived responses → classify → page readers → merge → the files of `extract --out`.
 * It streams: each response is decoded, parsed, read into small partial records and its parse tree dropped
 * before the next is read, so memory holds the records and never all pages' HTML (see docs/extract.md).
 */
import type { ArchivedResponse, OutputFile, PostRecord, TermSummary, UrlEntry } from '../types.ts';
import { siteUrl } from '../url.ts';
import { toJsonText } from '../exporters/write.ts';
import { readArchive } from './archive.ts';
import { listWarcFiles, type ArchiveDamage } from './archive-reader.ts';
import { noResponsesError, reportDamage } from './archive-damage.ts';
import type { Profile } from './profile.ts';
import { SiteCollector, type ExtractReport } from './extract/collect.ts';
import { type EarlyResult, applyPage, finishEarly, readPage, surveyResponse } from './extract/page.ts';
import { SiteSurvey, type SitePlan } from './extract/site-plan.ts';
import { UsageError } from '../errors.ts';
import { existsSync, statSync } from 'node:fs';

export type { ExtractReport, ReportProblem } from './extract/collect.ts';
export type { Disagreement } from './merge.ts';

export interface ExtractOptions {
  profile?: Profile;
  /** Called after each response, for progress display. */
  onResponse?: (done: number) => void;
}

export interface ExtractResult {
  posts: PostRecord[];
  pages: PostRecord[];
  categories: TermSummary[];
  authors: TermSummary[];
  urls: UrlEntry[];
  report: ExtractReport;
}

/**
 * A deep copy with fresh strings. Strings cut from a parsed page (attribute values, text) can be V8
 * "sliced strings" that keep the whole page's source alive; a kept record must not hold its page.
 */
function detach<T>(value: T): T {
  return structuredClone(value);
}

/** Reads one response into the collector. Exported for tests that feed single pages. */
export function readResponse(c: SiteCollector, r: ArchivedResponse, options: ExtractOptions, plan?: SitePlan): void {
  const url = siteUrl(r.url);
  if (!url || c.hasFetched(url)) return;
  applyPage(c, detach(readPage(r, url, options.profile, plan)));
}

/** Archived responses, read twice: once to survey the site, once to read its pages. */
export type ResponseSource = readonly ArchivedResponse[] | (() => AsyncIterable<ArchivedResponse> | Iterable<ArchivedResponse>);

/**
 * The first pass: facts of every page and feed, then the site-level decisions (site-plan.ts). Every
 * response is also read from the same parse and kept by URL (page.ts, `surveyResponse`): posts against
 * the template learned so far, which is learned again each time the pages surveyed double. The second
 * pass decodes and parses again only the pages whose reading the plan does not confirm.
 */
async function surveySite(responses: ResponseSource, options: ExtractOptions): Promise<{ plan: SitePlan; early: Map<string, EarlyResult> }> {
  const postUrl = options.profile?.post?.url;
  const survey = new SiteSurvey(postUrl ? new RegExp(postUrl) : undefined);
  const early = new Map<string, EarlyResult>();
  const seen = new Set<string>();
  let template: ReadonlySet<number> = new Set();
  let pages = 0;
  let relearnAt = 8;
  for await (const r of typeof responses === 'function' ? responses() : responses) {
    const url = siteUrl(r.url);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    const { survey: s, early: e } = surveyResponse(r, url, options.profile, template);
    if (s?.type === 'page') {
      survey.addPage(detach(s.facts), s.classKind);
      // Doubling keeps the plans made along the way to about twice the cost of the last one.
      if (++pages >= relearnAt) {
        template = survey.plan().template;
        relearnAt *= 2;
      }
    } else if (s?.type === 'feed') survey.addFeed(detach({ itemLinks: s.itemLinks, commentFeedOf: s.commentFeedOf }));
    if (e) early.set(url, detach(e));
  }
  return { plan: survey.plan(), early };
}

/** Extracts a site from archived responses (the crawl archive, or pages built in a test). */
export async function extractSite(responses: ResponseSource, options: ExtractOptions = {}): Promise<ExtractResult> {
  const { plan, early } = await surveySite(responses, options);
  const c = new SiteCollector();
  let n = 0;
  for await (const r of typeof responses === 'function' ? responses() : responses) {
    const url = siteUrl(r.url);
    const e = url ? early.get(url) : undefined;
    const done = e ? finishEarly(e, plan) : null;
    if (url && e) early.delete(url);
    if (done && !c.hasFetched(done.url)) applyPage(c, done);
    else readResponse(c, r, options, plan);
    options.onResponse?.(++n);
  }
  return c.finish(plan);
}

/** Checks that `crawlDir` is a crawl folder (has archive/*.warc[.gz]); throws a UsageError naming the fix. */
export function checkCrawlDir(crawlDir: string): void {
  if (!existsSync(crawlDir) || !statSync(crawlDir).isDirectory()) {
    throw new UsageError(`${crawlDir}: no such folder; give the folder that \`naring-archive crawl --out\` wrote`);
  }
  if (listWarcFiles(crawlDir).length === 0) {
    throw new UsageError(`${crawlDir}: not a crawl folder (no archive/*.warc.gz inside); give the folder that \`naring-archive crawl --out\` wrote`);
  }
}

/** Extracts a crawl folder written by `naring-archive crawl`. */
export async function extractArchive(crawlDir: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  checkCrawlDir(crawlDir);
  // Damaged WARCs are named in the report (file, offset), never read silently short (archive-damage.ts).
  // The archive is read twice (survey, then read): damage is collected from the second reading only.
  const damage: ArchiveDamage[] = [];
  let readings = 0;
  const source = () => {
    const reading = ++readings;
    return readArchive(crawlDir, { onDamage: (d) => { if (reading === 2) damage.push(d); } });
  };
  let responses = 0;
  const onResponse = (n: number) => { responses = n; options.onResponse?.(n); };
  const result = await extractSite(source, { ...options, onResponse });
  if (responses === 0) throw noResponsesError(crawlDir, damage);
  reportDamage(result.report, crawlDir, damage);
  return result;
}

/** The files of `extract --out`, in a fixed order, each as deterministic JSON. */
export function extractResultFiles(result: ExtractResult): OutputFile[] {
  return [
    { path: 'posts.json', contents: toJsonText(result.posts) },
    { path: 'pages.json', contents: toJsonText(result.pages) },
    { path: 'categories.json', contents: toJsonText(result.categories) },
    { path: 'authors.json', contents: toJsonText(result.authors) },
    { path: 'urls.json', contents: toJsonText(result.urls) },
    { path: 'extract-report.json', contents: toJsonText(result.report) },
  ];
}
