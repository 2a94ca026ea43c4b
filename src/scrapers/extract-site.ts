/**
 * The extract pipeline: archived responses → classify → page readers → merge → the files of `extract --out`.
 * It streams: each response is decoded, parsed, read into small partial records and its parse tree dropped
 * before the next is read, so memory holds the records and never all pages' HTML (see docs/extract.md).
 */
import type { ArchivedResponse, OutputFile } from '../types.ts';
import { siteUrl } from '../url.ts';
import { streamedText, toJsonChunks, toJsonText, toJsonValueChunks, writeOutputFiles, type StreamedFile } from '../exporters/write.ts';
import { readArchive } from './archive.ts';
import { listWarcFiles, type ArchiveDamage } from './archive-reader.ts';
import { noResponsesError, reportDamage } from './archive-damage.ts';
import type { Profile } from './profile.ts';
import { SiteCollector, type CollectedSite } from './extract/collect.ts';
import { SpillDir, SpillMap } from './extract/spill.ts';
import { SpillBlocks } from './extract/spill-blocks.ts';
import { type EarlyResult, type SurveyResult, applyPage, finishEarly, readPage, surveyResponse } from './extract/page.ts';
import { SiteSurvey, type SitePlan } from './extract/site-plan.ts';
import { UsageError } from '../errors.ts';
import { defaultJobs, surveyAll } from './survey-pool.ts';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type { ExtractReport, ReportProblem } from './extract/collect.ts';
export type { Disagreement } from './merge.ts';

export interface ExtractOptions {
  profile?: Profile;
  /** Called after each response, for progress display. */
  onResponse?: (done: number) => void;
  /** The folder to keep the spilled records in (a hidden temporary folder inside it); default the OS's temp folder. */
  spillDir?: string;
  /** Threads reading pages in pass 1 (survey-pool.ts); default one per core, 1 reads on this thread only. */
  jobs?: number;
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

/** Where a worker thread wrote an early reading: its spill file (`workerSpill`), first byte and length. */
export interface SpilledEarly { file: number; at: number; bytes: number }

/** Archived responses, read twice: once to survey the site, once to read its pages. */
export type ResponseSource = readonly ArchivedResponse[] | (() => AsyncIterable<ArchivedResponse> | Iterable<ArchivedResponse>);

/**
 * The pipeline one response at a time, for callers that have the responses before the archive is whole
 * (`crawl --extract` surveys each page as it is written, extract-worker.ts). First survey every response
 * in archive order (`claim` it, read it with `surveyClaimed` here or on a worker of survey-pool.ts, `take`
 * the result): the facts of every page and feed, for the site-level decisions (site-plan.ts). Every
 * response is also read from the same parse and kept by URL (page.ts, `surveyResponse`): posts against
 * the template learned so far, which is learned again each time the pages surveyed double. Then `read`
 * goes over the same responses against the plan, and decodes and parses again only the pages whose
 * reading the plan does not confirm.
 */
export class SiteExtraction {
  /** The survey's facts; let go once the plan is made (the plan keeps what pass 2 needs of them). */
  private facts: SiteSurvey | null;
  /** Spill folder of this extraction: the early readings and, in pass 2, the collector's records. */
  private readonly spill: SpillDir;
  /** Pass 1's reading of each URL surveyed; its keys are the URLs surveyed. */
  private readonly early: SpillMap<EarlyResult>;
  private plan_: SitePlan | null = null;
  private template: ReadonlySet<number> = new Set();
  private pages = 0;
  private relearnAt = 8;
  /** URLs claimed for pass 1 whose result is not taken yet. */
  private readonly claimed = new Set<string>();

  constructor(private readonly options: ExtractOptions = {}) {
    const postUrl = options.profile?.post?.url;
    this.spill = new SpillDir(options.spillDir);
    this.facts = new SiteSurvey(postUrl ? new RegExp(postUrl) : undefined, this.spill.track(new SpillBlocks(join(this.spill.path, 'blocks.bin'))));
    this.early = new SpillMap(this.spill.file('early'));
  }

  /** Removes the spill folder of an extraction given up before `read` finished (read cleans up itself). */
  abandon(): void {
    this.spill.remove();
  }

  /** Pass 1 for a response claimed under `url`, on this thread. */
  surveyClaimed(r: ArchivedResponse, url: string): void {
    const { survey: s, early: e } = surveyResponse(r, url, this.options.profile, this.template);
    this.take(url, s && detach(s), JSON.stringify(e)); // JSON detaches the early reading from the page's source
  }

  /**
   * The URL pass 1 surveys `r` under, or null when it is left out (not a site URL, or a URL surveyed or
   * claimed already); a URL claimed must then be taken, in the order claimed (survey-pool.ts reads pages
   * on other threads and takes their results back in archive order).
   */
  claim(r: ArchivedResponse): string | null {
    const url = siteUrl(r.url);
    if (!url || this.early.has(url) || this.claimed.has(url)) return null;
    if (!this.facts) throw new Error('SiteExtraction: claim() after plan(): every response is surveyed before the plan is made');
    this.claimed.add(url);
    return url;
  }

  /** The template pages are surveyed against now (it is learned again as the pages surveyed double). */
  get surveyTemplate(): ReadonlySet<number> {
    return this.template;
  }

  /**
   * A spill file for the early readings of one worker thread (survey-pool.ts): the thread appends each
   * reading to the file itself (through `fd`: this thread opened it and closes it), so the readings (as large as the pages' text) never pass through
   * this thread's heap; `take` is then given where each one is.
   */
  workerSpill(name: string): { path: string; fd: number; file: number } {
    const f = this.spill.file(`early-${name}`);
    return { path: f.path, fd: f.descriptor, file: this.early.addFile(f) };
  }

  /**
   * Pass 1's result for a claimed URL: `s` must not share strings with the page's source (a copy). The
   * early reading is its JSON text, or where a worker wrote it (`workerSpill`).
   */
  take(url: string, s: SurveyResult, early: string | SpilledEarly): void {
    this.claimed.delete(url);
    if (s?.type === 'page') {
      this.facts!.addPage({ ...s.facts, url }, s.classKind); // the URL string the early map keeps too
      // Doubling keeps the plans made along the way to about twice the cost of the last one.
      if (++this.pages >= this.relearnAt) {
        this.template = this.facts!.plan().template;
        this.relearnAt *= 2;
      }
    } else if (s?.type === 'feed') this.facts!.addFeed({ itemLinks: s.itemLinks, commentFeedOf: s.commentFeedOf });
    // Kept on disk until the second pass reaches the page.
    if (typeof early === 'string') this.early.setJson(url, early);
    else this.early.setAt(url, early.file, early.at, early.bytes);
  }

  /** Ends pass 1: the site plan from every response surveyed. */
  plan(): SitePlan {
    if (!this.plan_) {
      this.plan_ = this.facts!.plan();
      this.facts = null;
    }
    return this.plan_;
  }

  /** Pass 2: the same responses, in the same order, read against the plan. */
  async read(responses: AsyncIterable<ArchivedResponse> | Iterable<ArchivedResponse>, onResponse = this.options.onResponse): Promise<ExtractResult> {
    try {
      const plan = this.plan();
      const { early, options } = this;
      const c = new SiteCollector(this.spill);
      let n = 0;
      for await (const r of responses) {
        const url = siteUrl(r.url);
        const e = url ? early.get(url) : undefined;
        const done = e ? finishEarly(e, plan) : null;
        if (url && e) early.delete(url);
        if (done && !c.hasFetched(done.url)) applyPage(c, done);
        else readResponse(c, r, options, plan);
        // A URL is read once (a second copy in the archive is left out as fetched already).
        if (url) plan.release(url);
        onResponse?.(++n);
      }
      return c.finish(plan);
    } catch (err) {
      this.spill.remove();
      throw err;
    }
  }
}

/** Extracts a site from archived responses (the crawl archive, or pages built in a test). */
export async function extractSite(responses: ResponseSource, options: ExtractOptions = {}): Promise<ExtractResult> {
  const each = () => (typeof responses === 'function' ? responses() : responses);
  const x = new SiteExtraction(options);
  try {
    await surveyAll(x, each(), options.jobs ?? defaultJobs(), { profile: options.profile });
  } catch (err) {
    x.abandon();
    throw err;
  }
  return x.read(each());
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

/** Pass 1 done while the archive was written (extract-worker.ts); `check` sees each response of pass 2 first. */
export interface SurveyedArchive {
  extraction: SiteExtraction;
  check(r: ArchivedResponse): void;
}

/** Extracts a crawl folder written by `naring-archive crawl` (pass 1 too, unless `surveyed` has done it). */
export async function extractArchive(crawlDir: string, options: ExtractOptions = {}, surveyed?: SurveyedArchive): Promise<ExtractResult> {
  checkCrawlDir(crawlDir);
  // Damaged WARCs are named in the report (file, offset), never read silently short (archive-damage.ts).
  // The archive is read twice (survey, then read): damage is collected from the second reading only.
  const damage: ArchiveDamage[] = [];
  let readings = surveyed ? 1 : 0;
  const source = () => {
    const reading = ++readings;
    return readArchive(crawlDir, { onDamage: (d) => { if (reading === 2) damage.push(d); } });
  };
  let responses = 0;
  const onResponse = (n: number) => { responses = n; options.onResponse?.(n); };
  const result = surveyed
    ? await surveyed.extraction.read(checked(source(), surveyed.check), onResponse)
    : await extractSite(source, { ...options, onResponse });
  if (responses === 0) throw noResponsesError(crawlDir, damage);
  reportDamage(result.report, crawlDir, damage);
  return result;
}

async function* checked(responses: AsyncIterable<ArchivedResponse>, check: (r: ArchivedResponse) => void): AsyncIterable<ArchivedResponse> {
  for await (const r of responses) {
    check(r);
    yield r;
  }
}

/**
 * Writes the files of `extract --out` as one set (writeOutputFiles), the records streamed from the spill
 * folder in URL order and never held as one string; then removes the spill folder.
 */
export async function writeExtractResult(outDir: string, result: ExtractResult): Promise<void> {
  const r = result.records;
  const stream = (path: string, records: () => Iterable<unknown>): StreamedFile => streamedText(path, () => toJsonChunks(records()));
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
    // The two files that grow with the site besides the records, written as they are made.
    streamedText('urls.json', () => toJsonValueChunks(result.urls)),
    streamedText('extract-report.json', () => toJsonValueChunks(result.report)),
  ];
}
