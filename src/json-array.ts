/**
 * The elements of a JSON array read from a file a piece at a time, each with its byte range. posts.json of a
 * 50,000-post blog is 170 MB: JSON.parse of the whole text held it as about 550 MB of objects at once, where
 * the exporters need one record at a time. Only the array's own structure is scanned here; each element is
 * handed to JSON.parse, so the grammar inside a record is checked by JSON itself.
 */
import { createReadStream } from 'node:fs';

/** One element of the array: its place in the array and its bytes in the file. */
export interface ArrayElement {
  index: number;
  /** Byte offset of the element's first byte in the file. */
  offset: number;
  bytes: Buffer;
}

/** What is wrong with the file's shape, with the byte offset where it was seen. */
export class JsonShapeError extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const BOM = [0xef, 0xbb, 0xbf];

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/**
 * A push scanner over the bytes of `[ v, v, … ]`. Structural characters are ASCII, which never occurs inside
 * a multi-byte UTF-8 sequence, so bytes can be scanned without decoding them.
 */
export class JsonArrayScanner {
  /** before `[`; after `[` or `,` (a value or `]` due); inside a value; after a value (`,` or `]` due); after `]`. */
  #state: 'start' | 'open' | 'value' | 'after' | 'closed' = 'start';
  /** After a `,`: a value must follow, `]` would be a trailing comma. */
  #needValue = false;
  #depth = 0;
  #inString = false;
  #escape = false;
  #start = 0;
  #parts: Buffer[] = [];
  #index = 0;
  /** How many bytes of a byte order mark began the file. */
  #bom = 0;
  /** Bytes fed so far: the file offset of the next chunk's first byte. */
  #pos = 0;

  /** Feeds the next bytes of the file; returns the elements that ended inside them. */
  feed(chunk: Buffer): ArrayElement[] {
    const out: ArrayElement[] = [];
    const base = this.#pos;
    let valueFrom = 0;
    const fail = (i: number, what: string): never => {
      throw new JsonShapeError(`${what} at byte ${base + i}`);
    };
    const endValue = (end: number): void => {
      this.#parts.push(chunk.subarray(valueFrom, end));
      const bytes = this.#parts.length === 1 ? Buffer.from(this.#parts[0]!) : Buffer.concat(this.#parts);
      this.#parts = [];
      out.push({ index: this.#index++, offset: this.#start, bytes });
      this.#state = 'after';
    };
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      switch (this.#state) {
        case 'start':
          // A UTF-8 byte order mark before the array is tolerated, as an editor may save one.
          if (this.#bom === base + i && this.#bom < 3 && b === BOM[this.#bom]) { this.#bom++; continue; }
          if (isSpace(b)) continue;
          if (b !== 0x5b) fail(i, 'expected a JSON array (`[`)');
          this.#state = 'open';
          continue;
        case 'open':
        case 'after':
          if (isSpace(b)) continue;
          if (b === 0x5d) {
            if (this.#needValue) fail(i, 'a trailing comma before `]`');
            this.#state = 'closed';
            continue;
          }
          if (this.#state === 'after') {
            if (b !== 0x2c) fail(i, 'expected `,` or `]` after an element');
            this.#state = 'open';
            this.#needValue = true;
            continue;
          }
          if (b === 0x2c) fail(i, 'an empty element (`,` with no value before it)');
          this.#state = 'value';
          this.#needValue = false;
          this.#start = base + i;
          valueFrom = i;
          this.#depth = 0;
          i--; // the value's first byte is scanned as part of the value
          continue;
        case 'value':
          if (this.#inString) {
            if (this.#escape) { this.#escape = false; continue; }
            // Jump to the next quote or backslash: most of a record is string bytes.
            const q = chunk.indexOf(QUOTE, i);
            const e = chunk.indexOf(BACKSLASH, i);
            if (e !== -1 && (q === -1 || e < q)) { i = e; this.#escape = true; continue; }
            if (q === -1) { i = chunk.length; continue; }
            i = q;
            this.#inString = false;
            if (this.#depth === 0) endValue(i + 1);
            continue;
          }
          if (b === QUOTE) { this.#inString = true; continue; }
          if (b === 0x7b || b === 0x5b) { this.#depth++; continue; }
          if (b === 0x7d || b === 0x5d) {
            if (this.#depth === 0) { endValue(i); i--; continue; } // the array's own `]` after a bare value
            if (--this.#depth === 0) endValue(i + 1);
            continue;
          }
          if (this.#depth === 0 && (b === 0x2c || isSpace(b))) { endValue(i); i--; }
          continue;
        case 'closed':
          if (!isSpace(b)) fail(i, 'text after the array\'s closing `]`');
          continue;
      }
    }
    if (this.#state === 'value') this.#parts.push(Buffer.from(chunk.subarray(valueFrom)));
    this.#pos += chunk.length;
    return out;
  }

  /** Call after the last chunk: throws unless the array was closed. */
  end(): void {
    if (this.#state !== 'closed') throw new JsonShapeError(`the file ends before the array's closing \`]\` (at byte ${this.#pos}; cut short?)`);
  }
}

/** Every element of the JSON array in `path`, in order, read 1 MB at a time. */
export async function* readArrayElements(path: string): AsyncGenerator<ArrayElement> {
  const scanner = new JsonArrayScanner();
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    yield* scanner.feed(chunk as Buffer);
  }
  scanner.end();
}

/** How many elements the JSON array in `path` holds, found without parsing them (a count for a report). */
export async function countArrayElements(path: string): Promise<number> {
  let n = 0;
  for await (const el of readArrayElements(path)) n = el.index + 1;
  return n;
}
