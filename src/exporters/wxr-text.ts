/**
 * Text for the fields WordPress prints as HTML. A title, an excerpt, a comment or a term name from the old
 * site is text, but WordPress stores what the WXR says and prints it unescaped (`the_title`, `the_excerpt`,
 * `comment_text`; the importer runs no filter over it), so `<script>` in a title would run on the new site.
 * Markup characters are escaped; a plain `&` stays as it is (WordPress prints `R&D` as `R&#038;D` itself).
 */
import { Marked } from 'marked';
import { safeMarkdownBody } from './markdown-safe.ts';

/** A text field as HTML that shows the same text: `<`, `>` and entity-like `&…;` escaped. */
export function wpText(s: string): string {
  return s.replace(/&(?=#\d+;|#x[0-9a-f]+;|[a-z][a-z0-9]*;)/gi, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * GFM for tables and strikethrough, without its autolinks: a bare URL the old page showed as text stays
 * text (a tokenizer that returns nothing leaves the text to the text rule; `false` would fall back).
 */
const markdown = new Marked({ gfm: true, tokenizer: { url: () => undefined } });

/**
 * A body as the HTML of `content:encoded`: the Markdown made safe as for any renderer (script links dropped,
 * text that looks like tags escaped: markdown-safe.ts), rendered, and `[` in text spelled `&#91;` so that
 * text such as `[gallery]` is not run as a WordPress shortcode.
 */
export function wpBody(body: string): string {
  const html = markdown.parse(safeMarkdownBody(body, 'flat'), { async: false });
  return html.replace(/(^|>)([^<]*)/g, (_m, open: string, text: string) => open + text.replace(/\[/g, '&#91;'));
}
