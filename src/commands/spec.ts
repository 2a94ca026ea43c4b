import type { Command } from 'commander';

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
