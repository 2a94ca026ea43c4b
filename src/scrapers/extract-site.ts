/**
 * The extract pipeline: archived responses → classify → page readers → merge → the files of `extract --out`.
 * It streams: each response is decoded, parsed, read into small partial records and its parse tree dropped
 * before the next is read, so memory holds the records and never all pages' HTML (see docs/extract.md).
 */
import type { ArchivedResponse, OutputFile } from '../types.ts';
import { siteUrl } from '../url.ts';
import { toJsonChunks, toJsonText, writeOutputFiles, type StreamedFile } from '../exporters/write.ts';
import { readArchive } from './archive.ts';
import { listWarcFiles, type ArchiveDamage } from './archive-reader.ts';
import { noResponsesError, reportDamage } from './archive-damage.ts';
import type { Profile } from './profile.ts';
import { SiteCollector, type CollectedSite } from './extract/collect.ts';
import { SpillDir, SpillMap } from './extract/spill.ts';
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
  /** The folder to keep the spilled records in (a hidden temporary folder inside it); default the OS's temp folder. */
  spillDir?: string;
}

/**
 * `posts` and `pages` load every record when first read; `records` streams them from the spill folder
 * (writeExtractResult does), and `records.dispose()` removes that folder (else it goes when the process ends).
 */
export type ExtractResult = CollectedSite;

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
 * The first pass: facts of every page and feed, then the site-level decisions (site-plan.ts). What it
 * could already read without the plan (feeds, redirects, listings) is kept by URL, so the second pass
 * neither decodes nor parses those again.
 */
async function surveySite(responses: ResponseSource, options: ExtractOptions, early: SpillMap<EarlyResult>): Promise<{ plan: SitePlan; early: SpillMap<EarlyResult> }> {
  const postUrl = options.profile?.post?.url;
  const survey = new SiteSurvey(postUrl ? new RegExp(postUrl) : undefined);
  const seen = new Set<string>();
  for await (const r of typeof responses === 'function' ? responses() : responses) {
    const url = siteUrl(r.url);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    const { survey: s, early: e } = surveyResponse(r, url, options.profile);
    if (s?.type === 'page') survey.addPage(detach(s.facts), s.classKind);
    else if (s?.type === 'feed') survey.addFeed(detach({ itemLinks: s.itemLinks, commentFeedOf: s.commentFeedOf }));
    // Kept on disk until the second pass reaches the page (JSON detaches it from the page's source too).
    if (e) early.set(url, e);
  }
  return { plan: survey.plan(), early };
}

/** Extracts a site from archived responses (the crawl archive, or pages built in a test). */
export async function extractSite(responses: ResponseSource, options: ExtractOptions = {}): Promise<ExtractResult> {
  const spill = new SpillDir(options.spillDir);
  try {
    return await extractInto(spill, responses, options);
  } catch (err) {
    spill.remove();
    throw err;
  }
}

async function extractInto(spill: SpillDir, responses: ResponseSource, options: ExtractOptions): Promise<ExtractResult> {
  const { plan, early } = await surveySite(responses, options, new SpillMap(spill.file('early')));
  const c = new SiteCollector(spill);
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

/**
 * Writes the files of `extract --out` as one set (writeOutputFiles), the records streamed from the spill
 * folder in URL order and never held as one string; then removes the spill folder.
 */
export async function writeExtractResult(outDir: string, result: ExtractResult): Promise<void> {
  const r = result.records;
  const stream = (path: string, records: () => Iterable<unknown>): StreamedFile => ({ path, chunks: () => toJsonChunks(records()) });
  const files = extractResultFiles(result, r ? [stream('posts.json', r.posts), stream('pages.json', r.pages)] : undefined);
  try {
    await writeOutputFiles(outDir, files);
  } finally {
    r?.dispose();
  }
}

/** The files of `extract --out`, in a fixed order, each as deterministic JSON. */
export function extractResultFiles(result: ExtractResult): OutputFile[];
export function extractResultFiles(result: ExtractResult, records?: StreamedFile[]): (OutputFile | StreamedFile)[];
export function extractResultFiles(result: ExtractResult, records?: StreamedFile[]): (OutputFile | StreamedFile)[] {
  return [
    ...(records ?? [{ path: 'posts.json', contents: toJsonText(result.posts) }, { path: 'pages.json', contents: toJsonText(result.pages) }]),
    { path: 'categories.json', contents: toJsonText(result.categories) },
    { path: 'authors.json', contents: toJsonText(result.authors) },
    { path: 'urls.json', contents: toJsonText(result.urls) },
    { path: 'extract-report.json', contents: toJsonText(result.report) },
  ];
}
