/**
 * The template's text blocks: fingerprints (blocks.ts) found on the pages of many different posts. A post's
 * own paragraph appears on its page and its copies (trackback, `?p=`, comment pages), all one post; a
 * menu, a sidebar or "No comments yet" on a quarter or more of all posts.
 *
 * The fingerprints of every page are kept in a `BlockStore`, out of the heap when it is on disk
 * (spill-blocks.ts): on a 50,000-post site they are millions of numbers, and the plan counts them again
 * each time it is made. Counting them exactly would take a map entry for every paragraph of the site, so
 * a first pass counts into a fixed-size count-min sketch, which can only count too high; the exact count
 * is then taken for the few fingerprints the sketch lets through. The answer is the exact one either way.
 */

/** Every page's fingerprints, by the page's number in the order they were added. */
export interface BlockStore {
  add(hashes: ArrayLike<number>): void;
  /** Calls `visit` for each page in order; `hashes` is only valid during the call. */
  forEach(visit: (page: number, hashes: Uint32Array) => void): void;
}

/** A BlockStore in the heap, as compact typed arrays (for tests and small sites). */
export class MemoryBlocks implements BlockStore {
  private pages: Uint32Array[] = [];
  add(hashes: ArrayLike<number>): void {
    this.pages.push(Uint32Array.from(hashes));
  }
  forEach(visit: (page: number, hashes: Uint32Array) => void): void {
    this.pages.forEach((h, i) => visit(i, h));
  }
}

const SKETCH_BITS = 20; // 2 × 1M counters: 8 MB while a plan is made

/** The second index of a fingerprint in the sketch: a different mix of the same 32 bits. */
function mix(h: number): number {
  let x = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Fingerprints that occur on the pages of at least `threshold` different keys (`keyOf` of each page; one
 * key per post, whatever copies it has), counting only the pages `counted` accepts.
 */
export function templateBlocks(store: BlockStore, counted: (page: number) => string | null, threshold: number): Set<number> {
  const size = 1 << SKETCH_BITS;
  const mask = size - 1;
  const a = new Uint32Array(size);
  const b = new Uint32Array(size);
  // Each page's key as a number (-1: not counted), so that the keys a fingerprint is seen under are bits.
  const keyIds = new Map<string, number>();
  const pageKey: number[] = [];
  store.forEach((page, hashes) => {
    const key = counted(page);
    let id = -1;
    if (key !== null) {
      id = keyIds.get(key) ?? keyIds.size;
      if (id === keyIds.size) keyIds.set(key, id);
    }
    pageKey[page] = id;
    if (id < 0) return;
    for (const h of hashes) {
      a[h & mask]!++;
      b[mix(h) & mask]!++;
    }
  });
  const keys = keyIds.size;
  keyIds.clear();
  // Pages per fingerprint, exactly, for those the sketch says may reach the threshold.
  const pages = new Map<number, number>();
  store.forEach((page, hashes) => {
    if (pageKey[page]! < 0) return;
    for (const h of hashes) if (a[h & mask]! >= threshold && b[mix(h) & mask]! >= threshold) pages.set(h, (pages.get(h) ?? 0) + 1);
  });
  // Distinct keys per fingerprint left: a bit per key. As sets of key strings these were the plan's
  // largest allocation (92 template blocks on 50,000 posts each: 4.6 million set entries, every plan).
  const groups = new Map<number, { bits: Uint32Array; n: number }>();
  for (const [h, n] of pages) if (n >= threshold) groups.set(h, { bits: new Uint32Array(Math.ceil(keys / 32)), n: 0 });
  if (groups.size === 0) return new Set();
  store.forEach((page, hashes) => {
    const id = pageKey[page]!;
    if (id < 0) return;
    const word = id >>> 5, bit = 1 << (id & 31);
    for (const h of hashes) {
      const g = groups.get(h);
      if (g && !(g.bits[word]! & bit)) {
        g.bits[word]! |= bit;
        g.n++;
      }
    }
  });
  const out = new Set<number>();
  for (const [h, g] of groups) if (g.n >= threshold) out.add(h);
  return out;
}
