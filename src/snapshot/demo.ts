/**
 * `demo`: the bundled replica of Näringsbloggen served on 127.0.0.1, snapshotted under its real name
 * (http://www.naringsbloggen.se/ via --connect-to) with the bundled example rules. The output speaks of the
 * real site, never of the local port, so two runs give the same data.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.ts';
import { loadStage } from './stages.ts';

export const DEMO_HOST = 'www.naringsbloggen.se';
export const DEMO_START_URL = `http://${DEMO_HOST}/`;
export const DEFAULT_DEMO_OUT = 'naring-archive-out';

export const REPLICA_STAGE = { label: 'replica server (issue 2)', module: 'replica/server', exports: ['startReplica'] } as const;

export interface ReplicaHandle {
  origin: string;
  port: number;
  close(): Promise<void>;
}

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

/** The bundled example rules (fixtures/rules/): the one rules file there, YAML preferred. */
export function demoRulesFile(): string {
  const dir = join(fixturesDir(), 'rules');
  const files = readdirSync(dir).filter((n) => /\.(ya?ml|json)$/.test(n) && !/mapping|map\.|\.csv$/.test(n)).sort();
  const pick = files.find((n) => /naring/i.test(n)) ?? files.find((n) => /\.ya?ml$/.test(n)) ?? files[0];
  if (!pick) throw new UsageError(`demo: the redirect rules stage is not built yet (no rules file in fixtures/rules/); nothing was done`);
  return join(dir, pick);
}

/** Starts the replica on 127.0.0.1 at a free port. */
export async function startDemoReplica(): Promise<ReplicaHandle> {
  const mod = await loadStage(REPLICA_STAGE, 'demo');
  const start = mod.startReplica as (o: { host?: string; port?: number }) => Promise<ReplicaHandle>;
  return start({ host: '127.0.0.1', port: 0 });
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
