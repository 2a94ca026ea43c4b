import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { Option } from 'commander';
import type { CommandSpec } from './spec.ts';
import { UsageError } from '../errors.ts';
import { loadDataDir } from '../data-dir.ts';
import { writeOutputFiles } from '../exporters/write.ts';
import { REDIRECT_FORMATS, describeCatchAll, describeCoverage, loadRules, planRedirects, probeRows, toRedirectFiles, toRedirectsCsv, type RedirectFormat } from '../exporters/redirects/index.ts';
import { writeOrExplain } from './export-out.ts';

interface ResolvedOptions {
  dataDir: string;
  rules: string;
  format: RedirectFormat;
  out: string;
  serverRoot: string;
  map?: string;
  apacheDbm: boolean;
  probes?: string;
}

async function resolveOptions(args: unknown[], opts: Record<string, unknown>): Promise<ResolvedOptions> {
  const format = String(opts.format ?? '');
  if (!REDIRECT_FORMATS.includes(format as RedirectFormat)) {
    throw new UsageError(`--format ${JSON.stringify(format)}: expected one of ${REDIRECT_FORMATS.join(', ')}, e.g. --format nginx`);
  }
  const out = resolve(String(opts.out));
  const st = await stat(out).catch(() => null);
  if (st?.isDirectory()) throw new UsageError(`--out ${String(opts.out)}: is a folder; give the file to write, e.g. --out ${String(opts.out).replace(/\/$/, '')}/redirects.conf`);
  let serverRoot = dirname(out);
  if (opts.serverRoot !== undefined) {
    const root = String(opts.serverRoot);
    if (!isAbsolute(root)) throw new UsageError(`--server-root ${root}: expected an absolute folder as the server sees it, e.g. --server-root /etc/apache2/naring-archive`);
    serverRoot = root;
  }
  return { dataDir: String(args[0]), rules: String(opts.rules), format: format as RedirectFormat, out, serverRoot, map: opts.map === undefined ? undefined : String(opts.map), apacheDbm: opts.apacheDbm === true, probes: opts.probes === undefined ? undefined : resolve(String(opts.probes)) };
}

export const command: CommandSpec = {
  define(parent) {
    return parent
      .command('redirects')
      .description('write redirect maps (old URL → new URL) for a web server or hosting platform, checked before writing')
      .argument('<data-dir>', 'folder written by `naring-archive extract --out` (urls.json, posts.json)')
      .requiredOption('--rules <file>', 'redirect rules (JSON or YAML): sourceHosts, target, allowHosts, map, rules, fallback')
      .addOption(new Option('--format <format>', 'output format').choices([...REDIRECT_FORMATS]).makeOptionMandatory())
      .requiredOption('--out <file>', 'file to write (apache also writes <name>.map and <name>.htaccess beside it)')
      .option('--server-root <dir>', 'absolute folder the server reads the Apache map from, when it differs from where --out is written')
      .option('--apache-dbm', 'apache: refer to <name>.dbm (make it with httxt2dbm on the server) instead of the text map; for large maps')
      .option('--probes <file>', 'also write URLs past the inventory (a post\'s /feed/, /amp/, /comment-page-2/, /page/99/, unknown paths per sub-blog, ?p= without the slash) with the target the plan gives each, as a redirects.csv for verify-redirects')
      .option('--map <csv>', "editors' mapping (columns from,to, or the url,...,new_url sheet of `export csv`); wins over rules")
      .addHelpText('after', `
Every old URL in urls.json gets one target: the editors' map first, then the first matching rule, then the
fallback; on every source host, http and https, with and without the trailing slash, in both escape spellings.
Nothing is written when a target is a chain, loop, duplicate, on a host not in allowHosts, or a placeholder
has no value (exit 2, the rows listed).

Example: nginx map for the data folder of a crawl
  $ naring-archive export redirects data --rules rules.yaml --format nginx --out redirects.nginx.conf
  then in nginx.conf:  http { include redirects.nginx.conf; server { server_name old.example.se;
                       if ($naring_archive_redirect) { return 301 $naring_archive_redirect; } } }

Example: Apache, the map to live in /etc/apache2/naring-archive on the server
  $ naring-archive export redirects data --rules rules.yaml --format apache --out out/redirects.conf \\
      --server-root /etc/apache2/naring-archive

Example: with catchAll: in the rules, the URLs past the inventory to check too
  $ naring-archive export redirects data --rules rules.yaml --format nginx --out redirects.nginx.conf \\
      --probes probes.csv
  $ naring-archive verify-redirects probes.csv --base http://10.0.0.5

Example: the rows as CSV, to check a server with verify-redirects
  $ naring-archive export redirects data --rules rules.yaml --format csv --out redirects.csv`);
  },
  async run(args, opts) {
    const o = await resolveOptions(args, opts);
    const rules = await loadRules(o.rules, { extraMap: o.map });
    const data = await loadDataDir(o.dataDir);
    let plan;
    try {
      plan = planRedirects(data, rules);
    } finally {
      data.close();
    }
    for (const s of plan.skipped) process.stderr.write(`skipped: ${s}\n`);
    if (plan.problems.length > 0) {
      const shown = plan.problems.slice(0, 100);
      for (const p of shown) process.stderr.write(`${p.type}: ${p.message}\n`);
      if (plan.problems.length > shown.length) process.stderr.write(`… and ${plan.problems.length - shown.length} more\n`);
      throw new UsageError(`${plan.problems.length} problem(s) in the redirects planned from ${o.rules}, listed above; nothing was written. Fix the rules or the editors' map and run again`);
    }
    const { files, notes } = toRedirectFiles(plan, o.format, { path: basename(o.out), serverRoot: o.serverRoot, apacheMapType: o.apacheDbm ? 'dbm' : 'txt' });
    await writeOrExplain(o.out, () => writeOutputFiles(dirname(o.out), files));
    if (o.probes) {
      const probes = probeRows(plan);
      await writeOrExplain(o.probes, () => writeOutputFiles(dirname(o.probes!), toRedirectsCsv(probes, basename(o.probes!))));
      process.stderr.write(`wrote ${probes.length} probe URLs past the inventory to ${o.probes}${plan.catchAll ? '' : ' (no catchAll: in the rules, so only the URLs the rows cover by path)'}\n`);
    }
    for (const n of notes) process.stderr.write(`note: ${n}\n`);
    process.stderr.write(`${describeCoverage(plan)}\n`);
    const catchAll = describeCatchAll(plan.catchAll);
    if (catchAll) process.stderr.write(`${catchAll}\n`);
    process.stderr.write(`wrote ${files.map((f) => f.path).join(', ')} (${o.format}) in ${dirname(o.out)}\n`);
    return 0;
  },
};
