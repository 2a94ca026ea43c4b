/**
 * The commander program: registers every command of ../shared/CONTRACT.md and is the ONE place that maps
 * results and errors to exit statuses (0 clean, 1 findings, 2 usage or fatal error).
 */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { InterruptedError, isUsageError, EXIT_USAGE } from './errors.ts';
import { describeFsFault } from './fs-fault.ts';
import { tuneHeap } from './heap.ts';
import type { CommandSpec } from './commands/spec.ts';
import { command as crawl } from './commands/crawl.ts';
import { command as extract } from './commands/extract.ts';
import { command as exportMarkdown } from './commands/export-markdown.ts';
import { command as exportWxr } from './commands/export-wxr.ts';
import { command as exportJson } from './commands/export-json.ts';
import { command as exportCsv } from './commands/export-csv.ts';
import { command as exportRedirects } from './commands/export-redirects.ts';
import { command as verifyRedirects } from './commands/verify-redirects.ts';
import { command as snapshot } from './commands/snapshot.ts';
import { command as diff } from './commands/diff.ts';
import { command as demo } from './commands/demo.ts';
import { command as report } from './commands/report.ts';
import { mirrorCommand, waybackCommand } from './commands/import.ts';
import { command as exportSite } from './commands/export-site.ts';
import { command as exportWacz } from './commands/export-wacz.ts';

const pkg = createRequire(import.meta.url)('../package.json') as { version: string };

export const VERSION: string = pkg.version;

function attach(parent: Command, spec: CommandSpec, setExit: (code: number) => void): void {
  const cmd = spec.define(parent);
  cmd.exitOverride();
  cmd.action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    setExit(await spec.run(self.processedArgs, self.opts()));
  });
}

export function buildProgram(setExit: (code: number) => void = () => {}): Command {
  const program = new Command('naring-archive')
    .description('Archive a retired WordPress blog: crawl it into WARC, extract every post, export Markdown, JSON, CSV and redirect maps, and verify the redirects on the new server.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(add --help for usage and examples)')
    .exitOverride()
    .addHelpText('after', `
Example: the whole job on the bundled replica of Näringsbloggen
  $ naring-archive demo --out ./naring-archive-out

Example: a real site, step by step
  $ naring-archive crawl https://blog.example.se/ --out crawl
  $ naring-archive extract crawl --out data
  $ naring-archive export markdown data --out markdown
  $ naring-archive export redirects data --rules rules.yaml --format nginx --out redirects.conf

Exit status: 0 finished clean, 1 finished with findings (all outputs written), 2 usage or fatal error.`);

  for (const spec of [crawl, extract]) attach(program, spec, setExit);
  const exp = program
    .command('export')
    .description('write extracted data as markdown, json, csv, WXR or redirect maps, and the archive as a browsable site or a WACZ')
    .exitOverride()
    .addHelpText('after', `
Example:
  $ naring-archive export markdown data --out markdown --layout hugo`);
  for (const spec of [exportMarkdown, exportJson, exportCsv, exportRedirects, exportWxr, exportSite, exportWacz]) attach(exp, spec, setExit);
  const imp = program
    .command('import')
    .description('make a crawl folder from a site that is already gone: a web archive (wayback) or a saved copy (mirror)')
    .exitOverride()
    .addHelpText('after', `
Example:
  $ naring-archive import wayback http://www.naringsbloggen.se/ --out crawl --to 20180115
  $ naring-archive import mirror ./www.naringsbloggen.se --base http://www.naringsbloggen.se/ --out crawl`);
  for (const spec of [waybackCommand, mirrorCommand]) attach(imp, spec, setExit);
  for (const spec of [verifyRedirects, snapshot, diff, demo, report]) attach(program, spec, setExit);
  return program;
}

let pipesGuarded = false;

/**
 * A reader that went away (`naring-archive diff a b --json | head`, `--help | head`) is not an error: stop
 * quietly, as Unix tools do, instead of Node's unhandled 'error' event with its stack trace.
 */
function quietOnClosedPipe(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw err;
    });
  }
}

/** Runs the CLI and resolves to the exit status; never throws and never prints a stack trace for bad input. */
export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  tuneHeap();
  let exitCode = 0;
  const program = buildProgram((code) => { exitCode = code; });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with exitCode 0; commander has already printed its message.
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (err instanceof InterruptedError) {
      process.stderr.write(`naring-archive: ${err.message}\n`);
      return err.exitCode;
    }
    if (isUsageError(err)) {
      process.stderr.write(`naring-archive: ${err.message}\n`);
      return EXIT_USAGE;
    }
    // A full disk or a read-only folder under any command (the crawl's WARC, a journal line): the user's to mend.
    const machine = describeFsFault(err);
    if (machine) {
      process.stderr.write(`naring-archive: ${machine}; nothing half-written was left as finished: mend it and run the command again (a crawl or snapshot with --resume)\n`);
      return EXIT_USAGE;
    }
    const e = err as Error;
    process.stderr.write(`naring-archive: unexpected error: ${e?.message ?? String(err)}\n`);
    if (process.env.NARING_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
    else process.stderr.write('This is a bug in naring-archive; set NARING_DEBUG=1 to see the stack trace and please report it.\n');
    return EXIT_USAGE;
  }
}
