/**
 * Every page's block fingerprints (template-blocks.ts) in one binary file of the spill folder: 4 bytes per
 * fingerprint, the pages one after another, and in memory only how many each page has. Read back in
 * order, a megabyte at a time, each time the site plan is made.
 */
import type { BlockStore } from './template-blocks.ts';
import { SpillHandle, doubled } from './spill.ts';

const FLUSH_AT = 64 * 1024;
const READ_SIZE = 1 << 20;

export class SpillBlocks implements BlockStore {
  private readonly file: SpillHandle;
  private written = 0;
  private pending = new Uint32Array(FLUSH_AT / 4);
  private pendingCount = 0;
  private counts = new Uint32Array(1024);
  private pages = 0;

  constructor(readonly path: string) {
    this.file = new SpillHandle(path);
  }

  add(hashes: ArrayLike<number>): void {
    if (this.pages === this.counts.length) this.counts = doubled(this.counts);
    this.counts[this.pages++] = hashes.length;
    for (let i = 0; i < hashes.length; i++) {
      if (this.pendingCount === this.pending.length) this.flush();
      this.pending[this.pendingCount++] = hashes[i]!;
    }
  }

  forEach(visit: (page: number, hashes: Uint32Array) => void): void {
    this.flush();
    let buf = new Uint32Array(READ_SIZE / 4);
    let have = 0; // fingerprints in buf, from `at`
    let at = 0;
    let offset = 0; // bytes of the file read so far
    for (let page = 0; page < this.pages; page++) {
      const n = this.counts[page]!;
      if (at + n > have) {
        // Move what is left to the front, grow for a page larger than the buffer, and read on.
        buf.copyWithin(0, at, have);
        have -= at;
        at = 0;
        if (n > buf.length) {
          const bigger = new Uint32Array(n);
          bigger.set(buf.subarray(0, have));
          buf = bigger;
        }
        while (have < n) {
          const bytes = Buffer.from(buf.buffer, buf.byteOffset + have * 4, (buf.length - have) * 4);
          const got = this.file.readAt(bytes, 0, bytes.length, offset);
          if (got === 0 || got % 4 !== 0) throw new Error(`spill ${this.path}: cut short at byte ${offset}`);
          offset += got;
          have += got / 4;
        }
      }
      visit(page, buf.subarray(at, at + n));
      at += n;
    }
  }

  close(): void {
    this.file.close();
  }

  private flush(): void {
    if (this.pendingCount === 0) return;
    const bytes = Buffer.from(this.pending.buffer, 0, this.pendingCount * 4);
    this.file.writeAt(bytes, this.written);
    this.written += bytes.length;
    this.pendingCount = 0;
  }
}
