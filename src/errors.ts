/**
 * Errors that carry their exit status. Only cli.ts turns them into a process exit; everything else
 * throws them with a one-line message that names the flag, file or URL at fault and how to mend it.
 */

/** Bad flag, file, configuration or an unrecoverable condition: exit 2, one line, no stack trace. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A file the user gave (or a folder they named holds) that did not read: `WHAT: cannot read it (ENOENT)`,
 * then `; FIX` when there is one to name.
 */
export function cannotRead(what: string, err: unknown, fix?: string): UsageError {
  const cause = (err as NodeJS.ErrnoException | null)?.code ?? (err as Error | null)?.message ?? String(err);
  return new UsageError(`${what}: cannot read it (${cause})${fix ? `; ${fix}` : ''}`);
}

export function isUsageError(err: unknown): err is UsageError {
  return err instanceof UsageError;
}

/** Stopped by Ctrl-C (130) or SIGTERM (143) before the work was done; the message says what was kept. */
export class InterruptedError extends Error {
  constructor(message: string, readonly exitCode: number = 130) {
    super(message);
    this.name = 'InterruptedError';
  }
}

/** Exit statuses of ../shared/CONTRACT.md. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

