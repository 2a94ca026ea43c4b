/**
 * The words WordPress and its themes use to show a comment count, per language, lower-case. The reference
 * is WordPress's own strings and their translations: `comments_popup_link()` / `comments_number()`
 * (`No Comments`, `1 Comment`, `% Comments`, `Leave a comment`, `Comments Off`), the Twenty* themes
 * (`One thought on “%s”`, `%1$s thoughts on “%2$s”`, `Leave a Reply`, `1 Reply`, `% Replies`) and
 * common themes' variants (`One Response to`, `Be the first to comment`, Yoko's `Gi en tilbakemelding`).
 */

/** Nouns that follow a count: `3 kommentarer`, `3 Gedanken zu`, `3 réflexions sur`, `3 ajatusta aiheesta`. */
export const COUNT_NOUNS: Record<string, string[]> = {
  en: ['comment', 'comments', 'response', 'responses', 'reply', 'replies', 'thought', 'thoughts'],
  sv: ['kommentar', 'kommentarer', 'kommentaren', 'kommentarerna', 'svar', 'reaktion', 'reaktioner', 'tanke', 'tankar'],
  nb: ['kommentar', 'kommentarer', 'svar', 'tanke', 'tanker', 'tilbakemelding', 'tilbakemeldinger', 'innlegg'],
  nn: ['kommentar', 'kommentarar', 'svar', 'tanke', 'tankar'],
  da: ['kommentar', 'kommentarer', 'svar', 'tanke', 'tanker'],
  fi: ['kommentti', 'kommenttia', 'kommentit', 'kommentteja', 'vastaus', 'vastausta', 'vastaukset', 'ajatus', 'ajatusta'],
  de: ['kommentar', 'kommentare', 'gedanke', 'gedanken', 'antwort', 'antworten', 'reaktion', 'reaktionen'],
  nl: ['reactie', 'reacties', 'gedachte', 'gedachten', 'opmerking', 'opmerkingen'],
  fr: ['commentaire', 'commentaires', 'réponse', 'réponses', 'réflexion', 'réflexions'],
  es: ['comentario', 'comentarios', 'respuesta', 'respuestas', 'pensamiento', 'pensamientos'],
  it: ['commento', 'commenti', 'risposta', 'risposte', 'pensiero', 'pensieri'],
  pt: ['comentário', 'comentários', 'comentario', 'comentarios', 'resposta', 'respostas', 'ideia', 'ideias', 'pensamento', 'pensamentos'],
  pl: ['komentarz', 'komentarze', 'komentarzy', 'odpowiedź', 'odpowiedzi'],
};

/**
 * The nouns a theme's meta line ends with (`Kategori EU | Möten 3 kommentarer`): only words that mean
 * "comment", since `3 svar` or `3 Antworten` at the end of a line may be anything.
 */
export const META_LINE_NOUNS = ['kommentar', 'kommentarer', 'kommentare', 'kommentarar', 'comment', 'comments', 'response', 'responses', 'reply', 'replies', 'kommenttia', 'kommentti', 'reactie', 'reacties', 'commentaire', 'commentaires', 'comentario', 'comentarios', 'comentário', 'comentários', 'commento', 'commenti', 'komentarz', 'komentarze', 'komentarzy'];

/** Words for "one" before a noun: `One thought`, `Ein Gedanke`, `Ett svar`, `Én kommentar`, `Yksi ajatus`, `Eén gedachte`. */
export const ONE_WORDS = ['one', 'ein', 'eine', 'einen', 'en', 'ett', 'et', 'ét', 'én', 'éin', 'eitt', 'yksi', 'een', 'eén', 'één', 'un', 'une', 'uno', 'una', 'um', 'uma', 'jeden', 'jedna', '1'];

/** Words for "no" before a noun: `No Comments`, `Inga kommentarer`, `Keine Kommentare`, `Aucun commentaire`. */
export const NONE_WORDS = ['no', 'inga', 'ingen', 'keine', 'kein', 'geen', 'aucun', 'aucune', 'pas de', 'sin', 'sem', 'nessun', 'nessuno', 'ei', 'brak', 'no hay', 'não há', 'zero', 'null', '0'];

/** "Still", "yet" before the no-word: `Noch keine Kommentare`, `Ännu inga kommentarer`. */
export const STILL_WORDS = ['noch', 'still', 'ännu', 'endnu', 'enda', 'ennå', 'nog', 'encore', 'todavía', 'aún', 'ancora', 'ainda'];

/** Whole texts (from their start) that say zero without a no-word and noun, mostly CJK. */
export const NONE_PHRASES = ['コメントはまだありません', 'まだコメントはありません', '没有评论', '暂无评论', '还没有评论', '沒有留言', '尚無留言', '目前尚無留言', '尚無迴響', '沒有迴響', '댓글 없음', '댓글이 없습니다'];

/** Invitations a theme shows instead of a count when there are none yet (`Leave a comment`). */
export const INVITES: Record<string, string[]> = {
  en: ['leave a comment', 'leave a reply', 'leave comment', 'add a comment', 'add comment', 'post a comment', 'write a comment', 'be the first to comment', 'reply', 'comment'],
  sv: ['kommentera', 'lämna en kommentar', 'lämna kommentar', 'skriv en kommentar', 'lämna ett svar', 'bli först att kommentera', 'bli den första att kommentera', 'bli den första som kommenterar', 'bli först som kommenterar', 'svara', 'kommentar'],
  nb: ['legg igjen en kommentar', 'legg igjen et svar', 'skriv en kommentar', 'gi en tilbakemelding', 'kommenter', 'legg inn en kommentar'],
  nn: ['legg att ein kommentar', 'legg att eit svar', 'skriv ein kommentar'],
  da: ['efterlad en kommentar', 'efterlad et svar', 'skriv en kommentar', 'skriv et svar', 'giv en kommentar', 'kommentér'],
  fi: ['kommentoi', 'jätä kommentti', 'kirjoita kommentti', 'kirjoita vastaus', 'vastaa', 'ole ensimmäinen kommentoija'],
  de: ['schreibe einen kommentar', 'schreib einen kommentar', 'hinterlasse einen kommentar', 'hinterlassen sie einen kommentar', 'einen kommentar schreiben', 'kommentar hinterlassen', 'kommentar schreiben', 'kommentieren', 'antworten', 'sei der erste'],
  nl: ['geef een reactie', 'laat een reactie achter', 'plaats een reactie', 'schrijf een reactie', 'reageer', 'reageren'],
  fr: ['laisser un commentaire', 'laissez un commentaire', 'écrire un commentaire', 'ajouter un commentaire', 'soyez le premier', 'commenter', 'répondre'],
  es: ['deja un comentario', 'dejar un comentario', 'deja una respuesta', 'dejar una respuesta', 'escribe un comentario', 'sé el primero', 'comentar', 'responder'],
  it: ['lascia un commento', 'lascia una risposta', 'scrivi un commento', 'commenta', 'rispondi'],
  pt: ['deixe um comentário', 'deixar um comentário', 'deixe uma resposta', 'deixar uma resposta', 'deixe seu comentário', 'comentar', 'responder'],
  pl: ['dodaj komentarz', 'napisz komentarz', 'skomentuj'],
  ja: ['コメントする', 'コメントを残す', 'コメントを書く', 'コメントを投稿', '返信する'],
  zh: ['发表评论', '发表回复', '留下评论', '添加评论', '抢沙发', '發佈留言', '發表留言', '發表迴響', '發表回覆', '留下回覆', '留言'],
  ko: ['댓글 남기기', '댓글 달기', '답글 남기기'],
};

/** Comments closed and none shown (`Comments Off`, `Kommentare deaktiviert`, `コメントは受け付けていません`). */
export const CLOSED: Record<string, string[]> = {
  en: ['comments off', 'comments are off', 'comments closed', 'comments are closed', 'comments disabled', 'comments are disabled'],
  sv: ['kommentarer inaktiverade', 'kommentarer är inaktiverade', 'kommentarer avstängda', 'kommentarer är avstängda', 'kommentarer stängda', 'kommentarerna är stängda', 'kommentering avstängd'],
  nb: ['kommentarer er deaktivert', 'kommentarer deaktivert', 'kommentarer er stengt', 'kommentarer stengt', 'kommentarer er skrudd av', 'kommentarer er avslått', 'kommentarer av'],
  nn: ['kommentarar er avslått', 'kommentarar er stengde', 'kommentering er slått av'],
  da: ['kommentarer er lukket', 'kommentarer lukket', 'kommentarer er slået fra', 'kommentarer slået fra', 'kommentarer deaktiveret'],
  fi: ['kommentointi on suljettu', 'kommentit on suljettu', 'kommentointi suljettu', 'kommentit pois päältä'],
  de: ['kommentare deaktiviert', 'kommentare sind deaktiviert', 'kommentare geschlossen', 'kommentare sind geschlossen', 'kommentarfunktion deaktiviert', 'kommentare aus'],
  nl: ['reacties gesloten', 'reacties zijn gesloten', 'reageren is uitgeschakeld', 'reacties uitgeschakeld', 'reacties staan uit'],
  fr: ['commentaires fermés', 'les commentaires sont fermés', 'commentaires désactivés', 'commentaires clos'],
  es: ['comentarios cerrados', 'los comentarios están cerrados', 'comentarios desactivados'],
  it: ['commenti disabilitati', 'commenti chiusi', 'i commenti sono chiusi', 'commenti disattivati'],
  pt: ['comentários desativados', 'comentários fechados', 'comentários encerrados', 'os comentários estão encerrados', 'comentários desligados'],
  pl: ['komentarze wyłączone', 'możliwość komentowania jest wyłączona'],
  ja: ['コメントは受け付けていません', 'コメントは停止中です', 'コメントは閉じられています'],
  zh: ['评论已关闭', '评论关闭', '留言功能已關閉', '留言已關閉', '迴響已關閉'],
  ko: ['댓글 닫힘', '댓글이 닫혔습니다'],
};

/** Counters and nouns of CJK counts: `3件のコメント`, `3条评论`, `3 則留言`, `3개의 댓글`, `댓글 3개`. */
export const CJK_COUNTERS = ['件の', '件', '条', '條', '則', '个', '個', '개의', '개'];
export const CJK_NOUNS = ['コメント', 'フィードバック', '返信', 'レス', '评论', '評論', '回复', '回覆', '留言', '回應', '迴響', '댓글', '답글', '생각', '의견'];

/**
 * Words that may follow a count in a longer heading (`3 thoughts on “…”`, `4 svar till ”…”`,
 * `2 Gedanken zu „…“`, `3 réflexions sur « … »`, `One Response to Boats`): past 40 characters a count
 * phrase is only believed when one of these, a quote or a symbol follows it.
 */
export const HEADING_LINKS = ['on', 'to', 'for', 'about', 'so far', 'till', 'på', 'om', 'til', 'zu', 'für', 'bei', 'sur', 'pour', 'en', 'su', 'a', 'em', 'sobre', 'para', 'over', 'op', 'bij', 'aiheesta', 'do', 'na', 'w', 'am', 'von'];
