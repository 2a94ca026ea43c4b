/**
 * How turndown escapes a text node of the page. Only what would change the Markdown's meaning: block
 * markers at a line start (`# `, `- `, `> `, `1. `), backslashes, and what would turn text into markup: `<tag` (raw
 * HTML: a post that showed `&lt;script&gt;` must not publish a script), `&name;` (an entity the page showed
 * as text), and `](`, `][`, `]:` (text shaped like a link, e.g. `[x](javascript:…)` written in a post).
 * Turndown's default also escapes every `_`, `*` and `[` in running text, which turns "[…]" and snake_case
 * words into noise; those cannot start a link or a tag here.
 */
export function escapeMarkdownText(text: string): string {
  return text
    // First, so that a backslash of the text cannot undo an escape added below (`\<script>` → `\\\<script>`).
    .replace(/\\/g, '\\\\')
    .replace(/^(#{1,6} )/gm, '\\$1')
    .replace(/^([-+] )/gm, '\\$1')
    .replace(/^(>)/gm, '\\$1')
    .replace(/^(\d+)\. /gm, '$1\\. ')
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/\](?=[([:])/g, '\\]');
}

/** Link targets that run code when followed: never kept as links (the text stays). */
export function isScriptUrl(href: string): boolean {
  const plain = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  return /^(javascript|vbscript|data|livescript):/i.test(plain);
}
