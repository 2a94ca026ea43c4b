import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { load } from 'cheerio';
import { parseCommentCount } from '../../../src/scrapers/extract/comment-count.ts';
import { extractListing } from '../../../src/scrapers/extract/listing.ts';

const page = (name: string) => load(readFileSync(new URL(`../../../fixtures/pages/${name}`, import.meta.url), 'utf8'), { xml: { xmlMode: false, decodeEntities: true } });

test('comment count wordings of WordPress and its themes in five languages', () => {
  const cases: [string, number][] = [
    ['1 kommentar', 1], ['5 kommentarer', 5], ['Inga kommentarer', 0], ['Kommentera', 0], ['Bli den första som kommenterar!', 0],
    ['1 Comment', 1], ['12 Comments', 12], ['No Comments', 0], ['Leave a comment', 0], ['Leave a reply', 0], ['One Reply', 1],
    ['3 Replies', 3], ['One thought on “Boats”', 1], ['7 thoughts on “Boats”', 7], ['One Response to Boats', 1], ['Comments Off', 0],
    ['3 Kommentare', 3], ['Keine Kommentare', 0], ['Ein Kommentar', 1], ['2 Gedanken zu „Garten“', 2], ['Kommentare (4)', 4],
    ['0 kommentarer', 0], ['1 kommentar', 1], ['4 svar til «Tur»', 4], ['Ingen kommentarer', 0], ['Kommentarer lukket', 0],
    ['Legg igjen en kommentar', 0], ['Efterlad en kommentar', 0], ['Ett svar till ”Vecka 43”', 1],
  ];
  for (const [text, n] of cases) assert.equal(parseCommentCount(text)?.value, n, text);
  for (const text of ['Läs mer', '3 oktober 2012 kl. 10:15', 'Kategori EU', '']) assert.equal(parseCommentCount(text), null, text);
});

test('Swedish listing: link, own line, category line, "Inga kommentarer", nothing shown, HTML comments ignored', () => {
  const items = extractListing(page('listing-sv-counts.html'), 'http://blog.test/innovation/').items;
  const counts = Object.fromEntries(items.map((i) => [i.title?.value, i.commentCount?.value ?? null]));
  // "Inga svar" has `<!-- … 12 kommentarer … -->` only: nothing is shown, so no count is read.
  assert.deepEqual(counts, { 'Ett svar': 1, 'Fem svar': 5, 'Inga svar': null, 'Räknat i text': 3, 'Sagt inga': 0 });
  assert.equal(items.find((i) => i.title?.value === 'Inga svar')!.showsCommentArea, false);
  assert.equal(items.find((i) => i.title?.value === 'Ett svar')!.showsCommentArea, true);
  assert.equal(items.find((i) => i.title?.value === 'Räknat i text')!.commentCount!.rule, 'listing:meta-text:number');
  // The sidebar's "9 kommentarer" link belongs to no item and must not leak into one.
  assert.equal(items.length, 5);
});

test('English, German, Norwegian and Danish listings, screen-reader text left out', () => {
  const items = extractListing(page('listing-en-de-nb-da.html'), 'http://b.test/').items;
  const counts = Object.fromEntries(items.map((i) => [i.title?.value, i.commentCount?.value ?? null]));
  assert.deepEqual(counts, {
    Leave: 0, One: 1, None: 0, Replies: 12, Off: 0, Keine: 0, Ein: 1, Drei: 3, Null: 0, Fire: 4, Ingen: 0, Lukket: 0,
  });
  assert.match(items.find((i) => i.title?.value === 'Leave')!.commentCount!.rule, /invite/);
  assert.match(items.find((i) => i.title?.value === 'Off')!.commentCount!.rule, /closed/);
});
