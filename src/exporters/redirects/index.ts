/**
 * The redirect exporters' library: load the rules, plan, and write any format. The command and `snapshot` both
 * call these; every format function is pure (plan → files).
 */
import type { OutputFile, RedirectRow } from '../../types.ts';
import { apacheNotes, toApache } from './apache.ts';
import { toRedirectsCsv } from './csv.ts';
import { toCaddy, toCloudflare, toIis, toNetlify } from './hosted.ts';
import { toNginx } from './nginx.ts';
import { caddyCatchAll } from './catch-all-hosted.ts';
import type { RedirectPlan } from './plan.ts';
import { toJsonText } from '../write.ts';

export { loadRules, parseRules, parseEditorMap, type RedirectRules, type RedirectRule, type EditorMapRow } from './rules.ts';
export { planRedirects, describeCoverage, type RedirectPlan, type RedirectInput, type PlannedSource, type RedirectProblem, type RedirectCoverage } from './plan.ts';
export { parseRedirectRows, parseCsv, toRedirectsCsv } from './csv.ts';
export { toNginx } from './nginx.ts';
export { toApache, toHtaccess, apacheEscape, apacheNotes } from './apache.ts';
export { toIis, toNetlify, toCaddy, toCloudflare } from './hosted.ts';
export { parseCatchAll, planCatchAll, catchAllTarget, describeCatchAll, type CatchAllRules, type CatchAllPlan } from './catch-all.ts';
export { probeRows, expectedTarget } from './probes.ts';

export const REDIRECT_FORMATS = ['nginx', 'apache', 'iis', 'netlify', 'caddy', 'cloudflare', 'csv', 'json'] as const;
export type RedirectFormat = (typeof REDIRECT_FORMATS)[number];

/** The file each format writes when no name is given (what `snapshot` writes into DIR/redirects/). */
export const DEFAULT_FILE_NAMES: Record<RedirectFormat, string> = {
  nginx: 'redirects.nginx.conf',
  apache: 'redirects.apache.conf',
  iis: 'web.config',
  netlify: '_redirects',
  caddy: 'redirects.caddy',
  cloudflare: 'cloudflare-bulk-redirects.csv',
  csv: 'redirects.csv',
  json: 'redirects.json',
};

export interface RedirectFileOptions {
  /** Relative name of the main file (default DEFAULT_FILE_NAMES[format]); extra files are written beside it. */
  path?: string;
  /** Absolute folder the server will read extra files from (Apache's map): `--server-root`, else the output folder. */
  serverRoot: string;
  /** Apache only: read the map as DBM (made with httxt2dbm on the server) instead of text; for large maps. */
  apacheMapType?: 'txt' | 'dbm';
}

/** redirects.json: the rows, sorted by `from`, with `source` (map, rule or fallback) kept. */
export function toRedirectsJson(rows: readonly RedirectRow[], path = 'redirects.json'): OutputFile[] {
  return [{ path, contents: toJsonText(rows.map((r) => ({ from: r.from, to: r.to, status: r.status, kind: r.kind, source: r.source }))) }];
}

/** Any format's files, with the notes about rows it cannot express or limits it meets. */
export function toRedirectFiles(plan: RedirectPlan, format: RedirectFormat, options: RedirectFileOptions): { files: OutputFile[]; notes: string[] } {
  const path = options.path ?? DEFAULT_FILE_NAMES[format];
  switch (format) {
    case 'nginx': return toNginx(plan, path);
    case 'apache': return { files: toApache(plan, { path, mapDir: options.serverRoot, mapType: options.apacheMapType }), notes: apacheNotes(plan) };
    case 'iis': return toIis(plan, path);
    case 'netlify': return toNetlify(plan, path);
    case 'caddy': return { files: toCaddy(plan, path), notes: plan.catchAll ? caddyCatchAll(plan.catchAll).notes : [] };
    case 'cloudflare': return toCloudflare(plan, path);
    case 'csv': return { files: toRedirectsCsv(plan.rows, path), notes: [] };
    case 'json': return { files: toRedirectsJson(plan.rows, path), notes: [] };
  }
}

/** Every format at its default name, for a snapshot's redirects/ folder. */
export function toAllRedirectFiles(plan: RedirectPlan, serverRoot: string): { files: OutputFile[]; notes: string[] } {
  const files: OutputFile[] = [];
  const notes: string[] = [];
  for (const f of REDIRECT_FORMATS) {
    const r = toRedirectFiles(plan, f, { serverRoot });
    files.push(...r.files);
    notes.push(...r.notes);
  }
  return { files, notes };
}
