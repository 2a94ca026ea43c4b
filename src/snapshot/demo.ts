/**
 * `demo`: the bundled replica of Näringsbloggen served on 127.0.0.1, snapshotted under its real name
 * (http://www.naringsbloggen.se/ via --connect-to) with the bundled example rules. The output speaks of the
 * real site, never of the local port, so two runs give the same data.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.ts';
import { startReplica, type ReplicaServer } from '../replica/server.ts';

import { buildWaybackHistory, CLOSURE_DATE } from '../replica/wayback-history.ts';
import { startWaybackServer } from '../replica/wayback-server.ts';
import { DEFAULT_SITE_DIR } from '../replica/data.ts';
import { resolveWaybackOptions } from '../scrapers/sources/wayback/options.ts';
import { importWayback } from '../scrapers/sources/wayback/import.ts';
import type { SnapshotOptions } from './run-snapshot.ts';

export const DEMO_HOST = 'www.naringsbloggen.se';
export const DEMO_START_URL = `http://${DEMO_HOST}/`;
export const DEFAULT_DEMO_OUT = 'naring-archive-out';

export type ReplicaHandle = ReplicaServer;

/** The package's fixtures/ folder, found from this module (works from src/ and from a build in dist/). */
export function fixturesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'fixtures');
    if (existsSync(join(candidate, 'rules'))) return candidate;
    dir = dirname(dir);
  }
  throw new UsageError('demo: the bundled fixtures/ folder (replica and example rules) is missing beside the naring-archive package; reinstall it');
}

/** The bundled example rules for Näringsbloggen (fixtures/rules/naringsbloggen.yaml). */
export function demoRulesFile(): string {
  const file = join(fixturesDir(), 'rules', 'naringsbloggen.yaml');
  if (!existsSync(file)) throw new UsageError(`demo: the bundled rules file fixtures/rules/naringsbloggen.yaml is missing beside the naring-archive package; reinstall it`);
  return file;
}

/** Starts the replica on 127.0.0.1 at a free port. */
export async function startDemoReplica(): Promise<ReplicaHandle> {
  return startReplica({ host: '127.0.0.1', port: 0 });
}

/** The flags `demo` hands to snapshot, as a user would type them. */
export function demoSnapshotFlags(out: string, port: number, rules: string, progress: boolean): Record<string, unknown> {
  return {
    out,
    rules,
    connectTo: [`${DEMO_HOST}:80:127.0.0.1:${port}`],
    // A local server: no need to be polite, and the demo should take seconds.
    rate: '500',
    concurrency: '4',
    assets: true,
    retries: '1',
    progress,
  };
}

/**
 * `demo --source wayback`: the local Wayback of the replica (src/replica/wayback-server.ts) on 127.0.0.1,
 * and the snapshot's crawl folder filled by `import wayback` from it, with the rate limits of a local server.
 */
export async function startDemoWayback(): Promise<{ origin: string; close(): Promise<void>; source: NonNullable<SnapshotOptions['source']> }> {
  const server = await startWaybackServer({ captures: await buildWaybackHistory(DEFAULT_SITE_DIR) });
  const source: NonNullable<SnapshotOptions['source']> = async (crawlDir, progress) => {
    progress.log(`snapshot: importing ${DEMO_START_URL} from the local Wayback at ${server.origin}`);
    // --assets, as the live demo's crawl: the Markdown export copies the uploads from the archive.
    const o = resolveWaybackOptions([DEMO_START_URL], { archiveBase: server.origin, rate: '500', cdxInterval: '0', backoff: '200', to: CLOSURE_DATE, assets: true }, crawlDir);
    const r = await importWayback(o, { onProgress: (s) => progress.update(`snapshot: import ${s.done} captures, ${s.queued} queued`), onLog: (l) => progress.log(l) });
    return { summary: r.summary, interrupted: r.summary.interrupted };
  };
  return { origin: server.origin, close: () => server.close(), source };
}
