/**
 * One corpus end to end, as a user would run it: serve its saved `site/` on 127.0.0.1, crawl it under its
 * real host name (`--connect-to`), extract the archive, and score the posts against its oracle.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crawlSite } from '../../src/scrapers/crawl.ts';
import { resolveCrawlOptions } from '../../src/scrapers/crawl-options.ts';
import { extractArchive, type ExtractResult } from '../../src/scrapers/extract-site.ts';
import { startStaticServer } from './static-server.ts';
import { scoreCorpus, type CorpusScore, type OraclePost } from './score.ts';

export interface CorpusRun { name: string; host: string; result: ExtractResult; score: CorpusScore; crawledPages: number }

export function readTruth(corpusDir: string): { host: string; oracle: OraclePost[]; bodies: Record<string, string> } {
  const o = JSON.parse(readFileSync(join(corpusDir, 'oracle.json'), 'utf8')) as { host: string; posts: OraclePost[] };
  const bodiesFile = join(corpusDir, 'bodies.json');
  const bodies = existsSync(bodiesFile) ? (JSON.parse(readFileSync(bodiesFile, 'utf8')) as Record<string, string>) : {};
  return { host: o.host, oracle: o.posts, bodies };
}

/** Crawls `corpusDir/site` into `workDir/crawl` and extracts it. */
export async function runCorpus(name: string, corpusDir: string, workDir: string): Promise<CorpusRun> {
  const { host, oracle, bodies } = readTruth(corpusDir);
  const server = await startStaticServer(join(corpusDir, 'site'));
  try {
    const crawlDir = join(workDir, 'crawl');
    const options = resolveCrawlOptions([`http://${host}/`], {
      connectTo: [`${host}:80:127.0.0.1:${server.port}`], rate: '2000', concurrency: '4', retries: '0', retryDelay: '0',
    }, crawlDir);
    const crawl = await crawlSite(options);
    const result = await extractArchive(crawlDir);
    return { name, host, result, score: scoreCorpus(result.posts, oracle, bodies), crawledPages: crawl.summary.archived };
  } finally {
    await server.close();
  }
}
