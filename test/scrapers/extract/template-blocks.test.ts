/**
 * The template's fingerprints are counted through a count-min sketch and a block store on disk; the answer
 * must be the exact count's. Breaks if the sketch let a fingerprint that reaches the threshold fall out,
 * if a fingerprint below it came through, if pages of one post counted more than once, or if the spill
 * file gave back pages other than those written (a page larger than its read buffer included).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBlocks, templateBlocks, type BlockStore } from '../../../src/scrapers/extract/template-blocks.ts';
import { SpillBlocks } from '../../../src/scrapers/extract/spill-blocks.ts';

/** A site: `posts` posts, some with copies, each with its own paragraphs and the template's blocks. */
function site(posts: number, seed: number): { pages: number[][]; keys: (string | null)[] } {
  let x = seed;
  const rand = (): number => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const template = Array.from({ length: 40 }, () => Math.floor(rand() * 2 ** 32));
  const pages: number[][] = [];
  const keys: (string | null)[] = [];
  for (let p = 0; p < posts; p++) {
    const own = Array.from({ length: 1 + Math.floor(rand() * 60) }, () => Math.floor(rand() * 2 ** 32));
    // Template blocks each on a share of the pages: some well above a quarter, some near it, some below.
    const shown = template.filter((_, i) => rand() < i / 40);
    const copies = rand() < 0.3 ? 3 : 1;
    for (let c = 0; c < copies; c++) {
      pages.push([...new Set([...own, ...shown])]);
      keys.push(rand() < 0.1 ? null : `post-${p}`);
    }
  }
  return { pages, keys };
}

function exact(pages: number[][], keys: (string | null)[], threshold: number): Set<number> {
  const groups = new Map<number, Set<string>>();
  pages.forEach((hs, i) => {
    const k = keys[i];
    if (k === null || k === undefined) return;
    for (const h of hs) {
      let g = groups.get(h);
      if (!g) groups.set(h, (g = new Set()));
      g.add(k);
    }
  });
  return new Set([...groups].filter(([, g]) => g.size >= threshold).map(([h]) => h));
}

const sorted = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);

test('template fingerprints through the sketch are the exact count, in memory and on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'naring-blocks-'));
  try {
    for (const [posts, seed] of [[200, 1], [3000, 7]] as const) {
      const { pages, keys } = site(posts, seed);
      const threshold = Math.max(3, Math.ceil(new Set(keys.filter(Boolean)).size * 0.25));
      const want = exact(pages, keys, threshold);
      assert.ok(want.size > 5 && want.size < 40, `the case must have blocks on both sides of the threshold (${want.size})`);
      const stores: BlockStore[] = [new MemoryBlocks(), new SpillBlocks(join(dir, `b-${seed}.bin`))];
      for (const store of stores) {
        for (const p of pages) store.add(p);
        assert.deepEqual(sorted(templateBlocks(store, (i) => keys[i]!, threshold)), sorted(want));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the block spill file gives back every page as written, across read buffers and past a page larger than one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'naring-blocks-'));
  try {
    const store = new SpillBlocks(join(dir, 'b.bin'));
    const pages = [[1, 2, 3], [], Array.from({ length: 300_000 }, (_, i) => i * 7 + 1), ...Array.from({ length: 5000 }, (_, p) => Array.from({ length: p % 97 }, (_, i) => (p * 1000 + i) >>> 0)), [0xffffffff]];
    for (const p of pages) store.add(p);
    for (let round = 0; round < 2; round++) {
      let seen = 0;
      store.forEach((i, hs) => {
        assert.deepEqual([...hs], pages[i], `page ${i}`);
        seen++;
      });
      assert.equal(seen, pages.length);
    }
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
