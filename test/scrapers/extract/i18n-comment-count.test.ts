import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { load } from 'cheerio';
import { parseCommentCount, readCommentCount, readPostCommentHeading } from '../../../src/scrapers/extract/comment-count.ts';

// WordPress's strings per locale, `%` standing for the number: comments_popup_link()/comments_number()
// (`No Comments`, `1 Comment`, `% Comments`, `Leave a comment`, `Comments Off`) and the Twenty* themes'
// headings and replies (`One thought on “%s”`, `%1$s thoughts on “%2$s”`, `Leave a Reply`, `% Replies`),
// as their translations read. Each row: [zero, one, many (with %), invitation, closed, heading of one, heading of many].
const WORDPRESS: Record<string, [string, string, string, string, string, string, string]> = {
  en: ['No Comments', '1 Comment', '% Comments', 'Leave a comment', 'Comments Off', 'One thought on “Boats”', '% thoughts on “Boats”'],
  sv: ['Inga kommentarer', '1 kommentar', '% kommentarer', 'Lämna en kommentar', 'Kommentarer inaktiverade', 'En reaktion på ”Båtar”', '% reaktioner på ”Båtar”'],
  nb: ['Ingen kommentarer', '1 kommentar', '% kommentarer', 'Legg igjen en kommentar', 'Kommentarer er deaktivert', 'En tanke om «Båter»', '% tanker om «Båter»'],
  nn: ['Ingen kommentarar', '1 kommentar', '% kommentarar', 'Legg att ein kommentar', 'Kommentarar er avslått', 'Éin tanke om «Båtar»', '% tankar om «Båtar»'],
  da: ['Ingen kommentarer', '1 kommentar', '% kommentarer', 'Skriv en kommentar', 'Kommentarer er lukket', 'En kommentar til “Både”', '% kommentarer til “Både”'],
  fi: ['Ei kommentteja', '1 kommentti', '% kommenttia', 'Kommentoi', 'Kommentointi on suljettu', 'Yksi ajatus aiheesta ”Veneet”', '% ajatusta aiheesta ”Veneet”'],
  de: ['Keine Kommentare', '1 Kommentar', '% Kommentare', 'Schreibe einen Kommentar', 'Kommentare deaktiviert', 'Ein Gedanke zu „Boote“', '% Gedanken zu „Boote“'],
  nl: ['Geen reacties', '1 reactie', '% reacties', 'Geef een reactie', 'Reacties zijn gesloten', 'Eén gedachte over “Boten”', '% gedachten over “Boten”'],
  fr: ['Aucun commentaire', '1 commentaire', '% commentaires', 'Laisser un commentaire', 'Commentaires fermés', 'Une réflexion sur « Bateaux »', '% réflexions sur « Bateaux »'],
  es: ['Sin comentarios', '1 comentario', '% comentarios', 'Deja un comentario', 'Comentarios cerrados', 'Un comentario en «Barcos»', '% comentarios en «Barcos»'],
  it: ['Nessun commento', '1 commento', '% commenti', 'Lascia un commento', 'Commenti disabilitati', 'Un pensiero su “Barche”', '% pensieri su “Barche”'],
  pt: ['Sem comentários', '1 comentário', '% comentários', 'Deixe um comentário', 'Comentários desativados', 'Um comentário em “Barcos”', '% comentários em “Barcos”'],
  ja: ['コメントはまだありません', '1件のコメント', '%件のコメント', 'コメントする', 'コメントは受け付けていません', '“ボート” への1件のフィードバック', '“ボート” への%件のフィードバック'],
  'zh-Hans': ['没有评论', '1条评论', '%条评论', '发表评论', '评论已关闭', '《船》上有1条评论', '《船》上有%条评论'],
  'zh-Hant': ['沒有留言', '1 則留言', '% 則留言', '發佈留言', '留言功能已關閉', '在〈船〉中有 1 則留言', '在〈船〉中有 % 則留言'],
  ko: ['댓글 없음', '댓글 1개', '댓글 %개', '댓글 남기기', '댓글 닫힘', '“보트”에 대한 1개의 생각', '“보트”에 대한 %개의 생각'],
};

test('WordPress core and Twenty* comment wordings in 16 languages', () => {
  for (const [lang, [zero, one, many, invite, closed, headOne, headMany]] of Object.entries(WORDPRESS)) {
    assert.equal(parseCommentCount(zero)?.value, 0, `${lang}: ${zero}`);
    assert.equal(parseCommentCount(one)?.value, 1, `${lang}: ${one}`);
    assert.equal(parseCommentCount(many.replace('%', '7'))?.value, 7, `${lang}: ${many}`);
    assert.deepEqual(parseCommentCount(invite), { value: 0, rule: 'invite' }, `${lang}: ${invite}`);
    assert.deepEqual(parseCommentCount(closed), { value: 0, rule: 'closed' }, `${lang}: ${closed}`);
    assert.equal(parseCommentCount(headOne)?.value, 1, `${lang}: ${headOne}`);
    assert.equal(parseCommentCount(headMany.replace('%', '12'))?.value, 12, `${lang}: ${headMany}`);
  }
});

test('replies, theme variants and what the real corpora show', () => {
  const cases: [string, number][] = [
    ['Leave a reply', 0], ['1 Reply', 1], ['3 Replies', 3], ['One Response to Boats', 1], ['3 Responses to Boats', 3],
    ['1 Antwort', 1], ['3 Antworten', 3], ['2 réponses', 2], ['4 respuestas', 4], ['2 risposte', 2], ['3 respostas', 3], ['2 vastausta', 2],
    ['Noch keine Kommentare', 0], ['No comments yet', 0], ['Be the first to comment', 0], ['Bli den första som kommenterar!', 0],
    ['Kommentare (4)', 4], ['Comments: 3', 3], ['コメント (3)', 3], ['3 条回复', 3], ['3 則回應', 3], ['3개의 댓글', 3],
    // hfors-arkiv (liquorice, English strings): the heading `3 Comments »`; kamfjord (Yoko, nb): `Én kommentar`,
    // `0 kommentarer`, `Gi en tilbakemelding →`; tanzundklang: a bare number in `a.comment-now`, `Keine Kommentare`.
    ['3 Comments\t»', 3], ['Én kommentar', 1], ['0 kommentarer', 0], ['Gi en tilbakemelding →', 0], ['\n        0        ', 0], ['10 Kommentare', 10],
    // Icons beside the number: emoji, an icon font's private-use glyph, parentheses.
    ['💬 3', 3], ['\uf075 5', 5], ['(2)', 2], ['12 💬', 12],
  ];
  for (const [text, n] of cases) assert.equal(parseCommentCount(text)?.value, n, JSON.stringify(text));
});

test('short text only: sentences, dates, reply links and labels are no counts', () => {
  const none = [
    'Läs mer', 'Avbryt svar', 'Cancel reply', '3 oktober 2012 kl. 10:15', '2018年6月17日', 'Kategori EU', 'Platte der Woche # 180',
    '3 comments were deleted by the moderators today',
    'Yesterday the committee saw 3 comments on the law',
    `3 comments on the law were passed by parliament, then debated in committee for weeks, and finally repealed in the next session`,
    `Ein Gedanke zu diesem Thema, den ich schon lange habe und der mich nicht mehr loslässt, obwohl ich es versucht habe`,
    'x'.repeat(301), '',
  ];
  for (const text of none) assert.equal(parseCommentCount(text), null, text.slice(0, 60));
  // A long heading is still read when its title is quoted.
  const title = 'Ett mycket långt inlägg om innovation, export och regional utveckling i hela landet under 2013';
  assert.equal(parseCommentCount(`4 svar till ”${title}”`)?.value, 4);
  assert.equal(parseCommentCount(`《${title}》上有4条评论`)?.value, 4);
});

test('property: any count in any language template, with any title in the heading', () => {
  const title = fc.string({ unit: fc.constantFrom(...'abcXYZ åäö 0123456789 ”«»'.split('')), maxLength: 120 });
  fc.assert(
    fc.property(fc.constantFrom(...Object.keys(WORDPRESS)), fc.integer({ min: 2, max: 99999 }), title, (lang, n, t) => {
      const [, , many, , , , headMany] = WORDPRESS[lang]!;
      assert.equal(parseCommentCount(many.replace('%', String(n)))?.value, n);
      // Replace the sample title by an arbitrary one, digits included: the count is still the heading's.
      const heading = headMany.replace('%', String(n)).replace(/(?<=[“”„«»《〈]\s?)[^“”„«»《》〈〉]+?(?=\s?[“”»》〉])/u, t.replace(/[“”„«»《》〈〉]/gu, '') || 'x');
      assert.equal(parseCommentCount(heading)?.value, n, heading);
    }),
    { numRuns: 400 },
  );
});

test('listing and post readers use the wordings: a Finnish listing link, a Japanese heading, a French closed link', () => {
  const $ = load(`<html lang="fi"><body>
    <article id="a"><h2><a href="/a/">A</a></h2><span class="comments-link"><a href="/a/#comments">5 kommenttia</a></span></article>
    <article id="b"><h2><a href="/b/">B</a></h2><a href="/b/#respond">Commentaires fermés</a></article>
    <article id="c"><h2><a href="/c/">C</a></h2><p class="meta">Kategoria Uutiset | 3 kommenttia</p></article>
    <div id="comments"><h2 class="comments-title">“ボート” への4件のフィードバック</h2></div>
  </body></html>`);
  assert.deepEqual(readCommentCount($, $('#a')), { value: 5, rule: 'comment-link:number' });
  assert.deepEqual(readCommentCount($, $('#b')), { value: 0, rule: 'comment-link:closed' });
  assert.deepEqual(readCommentCount($, $('#c')), { value: 3, rule: 'meta-text:number' });
  assert.equal(readPostCommentHeading($)?.value, 4);
  // An invitation at the end of a meta line is no count of one.
  const inv = load('<article id="d"><p>Kategori EU | Skriv en kommentar</p><p>Hinterlasse einen Kommentar</p></article>');
  assert.equal(readCommentCount(inv, inv('#d')), null);
});
