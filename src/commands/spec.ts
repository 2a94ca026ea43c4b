import type { Command } from 'commander';
import { UsageError } from '../errors.ts';

/**
 * One subcommand. Commands are thin: parse options → call the pipeline → print the summary.
 * Only cli.ts turns what `run` returns or throws into an exit status.
 */
export interface CommandSpec {
  /** Adds the command to `parent` (name, arguments, options, description, help with a worked example). */
  define(parent: Command): Command;
  /** Runs it. Resolves to the exit status (0 clean, 1 findings); throws UsageError for bad input (exit 2). */
  run(args: unknown[], opts: Record<string, unknown>): Promise<number>;
}

/** A command of the contract that has not been built yet: listed in --help, says so plainly, exits 2. */
export function notBuilt(name: string, summary: string, issue: number): CommandSpec {
  return {
    define(parent) {
      return parent
        .command(name)
        .description(`${summary} (not built yet: issue #${issue})`)
        .allowUnknownOption(true)
        .allowExcessArguments(true);
    },
    async run() {
      throw new UsageError(`\`${name}\` is not built yet (issue #${issue}); nothing was done`);
    },
  };
}
