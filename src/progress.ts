/**
 * Progress on stderr, per ../shared/CONTRACT.md: an ora spinner on a TTY, otherwise a plain line every few
 * seconds at most. Data never goes here; stdout stays for --json.
 */
import ora, { type Ora } from 'ora';

export interface Progress {
  /** New progress text; on a TTY it replaces the spinner text, otherwise it is printed at most every `intervalMs`. */
  update(text: string): void;
  /** A line that must always be printed (warnings, the closing summary). */
  log(text: string): void;
  /** Stops the spinner; the last text is printed once more when it was throttled away. */
  stop(finalText?: string): void;
}

export interface ProgressOptions {
  /** False for --no-progress or --json. Defaults to on. */
  enabled?: boolean;
  stream?: NodeJS.WriteStream;
  intervalMs?: number;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const enabled = options.enabled ?? true;
  const interval = options.intervalMs ?? 5000;
  // A pseudo-terminal that reports 0 columns (`script` without a size, some CI shells) makes ora redraw an
  // ever-growing block of blank lines, so such a stream gets the plain lines instead.
  const tty = enabled && stream.isTTY === true && (stream.columns ?? 0) > 0 && process.env.CI !== 'true';
  let spinner: Ora | null = null;
  if (tty) {
    spinner = ora({ stream, color: process.env.NO_COLOR ? undefined : 'cyan', discardStdin: false }).start();
  }
  let lastPrinted = 0;
  let pending: string | null = null;
  return {
    update(text) {
      if (!enabled) return;
      if (spinner) {
        spinner.text = text;
        return;
      }
      const now = Date.now();
      if (now - lastPrinted >= interval) {
        stream.write(`${text}\n`);
        lastPrinted = now;
        pending = null;
      } else {
        pending = text;
      }
    },
    log(text) {
      // A throttled progress line still pending belongs before this line, not after it (stop() would print it last).
      if (!spinner && pending) {
        stream.write(`${pending}\n`);
        pending = null;
      }
      if (spinner) {
        spinner.clear();
        stream.write(`${text}\n`);
        spinner.render();
      } else {
        stream.write(`${text}\n`);
      }
    },
    stop(finalText) {
      if (spinner) {
        spinner.stop();
        spinner = null;
      } else if (pending && enabled && !finalText) {
        stream.write(`${pending}\n`);
      }
      if (finalText) stream.write(`${finalText}\n`);
    },
  };
}
