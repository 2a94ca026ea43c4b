/**
 * Lines sorted without holding them all: an external merge sort. Lines are gathered up to a budget of
 * characters, sorted, and written to a run file in a spill folder beside the output; the sorted whole is
 * then read back by merging the runs, a block of each at a time. Below the budget nothing touches the disk.
 * The order is JavaScript's default sort (UTF-16 code units), so the result equals `lines.sort()`.
 * Lines must not contain `\n`.
 */
import { join } from 'node:path';
import { SpillDir, SpillHandle } from './extract/spill.ts';

/** About 8 MB of text per run: at 50,000 posts index.cdxj is 53 MB, so seven runs. */
export const RUN_CHARS = 8 << 20;
const BLOCK = 1 << 20;

/** Reads one run file's lines in order, a block at a time (every line of a run ends with `\n`). */
class RunReader {
  private offset = 0;
  private ended = false;
  private lines: string[] = [];
  private at = 0;
  /** The bytes after the block's last newline: a line, or a character, cut by the block's end. */
  private pending = Buffer.alloc(0);
  private readonly buf = Buffer.alloc(BLOCK);
  /** The line the merge looks at next, or null at the end. */
  head: string | null = null;

  constructor(private readonly file: SpillHandle) {
    this.advance();
  }

  advance(): void {
    while (this.at >= this.lines.length) {
      if (this.ended) { this.head = null; return; }
      const n = this.file.readAt(this.buf, 0, BLOCK, this.offset);
      this.offset += n;
      if (n === 0) { this.ended = true; continue; }
      const cut = this.buf.lastIndexOf(0x0a, n - 1);
      if (cut < 0) { this.pending = Buffer.concat([this.pending, this.buf.subarray(0, n)]); continue; }
      this.lines = Buffer.concat([this.pending, this.buf.subarray(0, cut)]).toString('utf8').split('\n');
      this.pending = Buffer.from(this.buf.subarray(cut + 1, n));
      this.at = 0;
    }
    this.head = this.lines[this.at++]!;
  }
}

export class SortedLines {
  private lines: string[] = [];
  private chars = 0;
  private readonly runs: SpillHandle[] = [];
  private spill: SpillDir | null = null;

  /** `base`: the folder to spill runs in (beside the output, so on its disk); `runChars`: the memory budget. */
  constructor(private readonly base: string, private readonly runChars = RUN_CHARS) {}

  add(line: string): void {
    this.lines.push(line);
    this.chars += line.length + 1;
    if (this.chars >= this.runChars) this.writeRun();
  }

  private writeRun(): void {
    this.spill ??= new SpillDir(this.base);
    // Written and read back through the spill folder's handles, which it closes when it is removed.
    const run = this.spill.track(new SpillHandle(join(this.spill.path, `run-${this.runs.length}.txt`)));
    let at = 0;
    for (const chunk of joined(this.lines.sort())) {
      const bytes = Buffer.from(chunk);
      run.writeAt(bytes, at);
      at += bytes.length;
    }
    this.runs.push(run);
    this.lines = [];
    this.chars = 0;
  }

  /** Every line added, sorted, as text chunks of about 1 MB, each line ended by `\n`. */
  *chunks(): Generator<string> {
    if (this.runs.length === 0) {
      yield* joined(this.lines.sort());
      return;
    }
    if (this.lines.length) this.writeRun();
    const readers = this.runs.map((run) => new RunReader(run));
    yield* joined(merged(readers));
  }

  /** Removes the spilled runs (also done when the process exits). */
  remove(): void {
    this.spill?.remove();
    this.lines = [];
  }
}

/** The readers' lines in order; few runs, so the smallest head is found by looking at each. */
function* merged(readers: RunReader[]): Generator<string> {
  for (;;) {
    let min: RunReader | null = null;
    for (const r of readers) if (r.head !== null && (min === null || r.head < min.head!)) min = r;
    if (!min) return;
    yield min.head!;
    min.advance();
  }
}

function* joined(lines: Iterable<string>): Generator<string> {
  let buf = '';
  for (const l of lines) {
    buf += `${l}\n`;
    if (buf.length >= BLOCK) { yield buf; buf = ''; }
  }
  if (buf) yield buf;
}
