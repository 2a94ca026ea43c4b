/**
 * Block fingerprints are hashed as the text streams by (blocks.ts), never built as strings; they must be
 * exactly the hash of the collapsed text the template rules were written against, whitespace of every
 * kind included, or a site's template would be learned from other numbers than its pages give.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { load } from 'cheerio';
import type { Element } from 'domhandler';
import { blockHashes, blockKeyHash, hashText } from '../../../src/scrapers/extract/blocks.ts';
import { cleanLength, cleanText, textOf } from '../../../src/scrapers/extract/text.ts';

// Every kind of space cleanText collapses, beside letters, markup-like text and a surrogate pair.
const piece = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u200b', '\u2003', '\u3000', '\ufeff', '\u2028', 'a', 'Ö', 'word', '😀', '&amp;', '<', 'x y');
const text = fc.array(piece, { maxLength: 12 }).map((a) => a.join(''));

test('cleanLength is the length of cleanText, for any whitespace', () => {
  fc.assert(fc.property(text, (s) => cleanLength(s) === cleanText(s).length), { numRuns: 2000 });
});

const ownText = (el: Element) => cleanText(el.children.filter((c) => c.type === 'text').map((c) => ` ${(c as unknown as { data: string }).data}`).join(''));

test('a block\'s fingerprint is the hash of its collapsed text (b:) and a container\'s of its own text (t:)', () => {
  fc.assert(fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (parts) => {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const $ = load(`<div>${esc(parts[0]!)}<p>${parts.slice(1).map((p, i) => (i % 2 ? `<b>${esc(p)}</b>` : esc(p))).join('')}</p>${esc(parts.at(-1)!)}</div>`);
    for (const el of [$('div')[0]!, $('p')[0]!] as Element[]) {
      const whole = cleanText(textOf(el));
      assert.equal(blockKeyHash(el, true), whole ? hashText(`b:${whole}`) : null);
      const own = ownText(el);
      assert.equal(blockKeyHash(el, false), own ? hashText(`t:${own}`) : null);
    }
  }), { numRuns: 500 });
});

test('a page\'s fingerprints: blocks first, then loose texts, each once, in document order', () => {
  const $ = load('<body><div>Menu <a>x</a> text</div><p>One  para</p><ul><li>Item</li><li>One para</li></ul><p>One para</p><section>Loose</section></body>');
  assert.deepEqual(blockHashes($), [hashText('b:One para'), hashText('b:Item'), hashText('t:Menu text'), hashText('t:Loose')]);
});
