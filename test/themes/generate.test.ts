/**
 * The committed theme sites are exactly what the generator makes from their data files, so a change to
 * the data or the templates cannot be forgotten in the fixtures (and regeneration is deterministic).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { generateThemeSite } from '../../src/replica/themes/generate.ts';
import type { SiteData } from '../../src/replica/themes/types.ts';
import { loadSites, walk } from './helpers.ts';

for (const site of loadSites()) {
  test(`${site.name}: committed files equal a fresh generation from data.yaml`, () => {
    const out = mkdtempSync(join(tmpdir(), `themes-${site.name}-`));
    try {
      const data = parse(readFileSync(join(site.dir, 'data.yaml'), 'utf8')) as SiteData;
      generateThemeSite(data, out);
      const fresh = walk(join(out, 'site'));
      assert.deepEqual(walk(site.siteDir), fresh, 'same file list');
      for (const rel of fresh) assert.ok(readFileSync(join(out, 'site', rel)).equals(readFileSync(join(site.siteDir, rel))), `${rel} differs`);
      for (const f of ['truth.json', 'README.md']) assert.equal(readFileSync(join(out, f), 'utf8'), readFileSync(join(site.dir, f), 'utf8'), f);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
}
