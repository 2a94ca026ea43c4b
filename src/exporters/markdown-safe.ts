/**
 * A post body made safe to publish: what was text on the old site stays text in every Markdown renderer
 * and static site generator, whatever the text says. The body Markdown comes from turndown, which never
 * writes HTML tags, so every `<tag` in it came from the page's text (`&lt;script&gt;`) and is escaped here;
 * links with a scheme that runs code (javascript:, vbscript:, data:) are dropped to their text; template
 * syntax is neutralised (Hugo shortcodes `{{< >}}` / `{{% %}}` run even inside code blocks, Jekyll's Liquid
 * `{{ }}` / `{% %}` too). Done at export, so bodies extracted by an older version are made safe as well.
 */
import type { Layout } from './front-matter.ts';
import { rewriteMarkdownLinks, type LinkAction } from './links.ts';

/**
 * Whether a destination runs code when followed. Browsers ignore ASCII whitespace and control characters
 * inside a scheme (`java\tscript:`) and entities are decoded before the scheme is read, so both go first.
 */
export function isDangerousUrl(dest: string): boolean {
  const decoded = dest
    .replace(/&#x([0-9a-f]+);?/gi, (_m, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
    .replace(/&#(\d+);?/g, (_m, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '');
  let plain = decoded.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\ufeff]/g, '');
  try {
    plain = decodeURIComponent(plain);
  } catch {
    // Not percent-decodable: judged as written.
  }
  return /^(javascript|vbscript|data|livescript|mocha):/i.test(plain.replace(/[\u0000-\u0020]/g, ''));
}

function linkAction(dest: string): LinkAction {
  if (isDangerousUrl(dest)) return { action: 'drop' };
  // `<…>` destinations (spaces) would look like tags to the escaping below: spell the spaces as %20.
  if (/\s/.test(dest)) return { action: 'replace', dest: dest.replace(/\s/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`) };
  return { action: 'keep' };
}

const TEMPLATE_OPEN = /\{(?=[{%])/;

/** Text outside code: tags, entities and template openers escaped; backslash escapes kept as they are. */
function escapeText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) { out += c + s[i + 1]; i++; continue; }
    if (c === '<' && /[A-Za-z/!?]/.test(s[i + 1] ?? '')) out += '&lt;';
    else if (c === '&' && /^&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(s.slice(i, i + 40))) out += '&amp;';
    // `{{`, `{%`: an entity for the first brace, which Markdown renders as `{` and no template engine sees.
    else if (c === '{' && TEMPLATE_OPEN.test(s.slice(i, i + 2))) out += '&#123;';
    else out += c;
  }
  return out;
}

/** Code (spans and blocks) must stay byte for byte: only Hugo's shortcode delimiters get Hugo's own escape. */
function escapeCode(code: string, layout: Layout): string {
  if (layout !== 'hugo') return code;
  // `{{</* x */>}}` is how Hugo documents a shortcode: it prints `{{< x >}}` and runs nothing.
  return code
    .replace(/\{\{<(?!\/\*)([\s\S]*?)>\}\}/g, (_m, inner: string) => `{{</*${inner}*/>}}`)
    .replace(/\{\{%(?!\/\*)([\s\S]*?)%\}\}/g, (_m, inner: string) => `{{%/*${inner}*/%}}`);
}

/** Splits a body into text and code (fenced blocks, backtick code spans), each piece escaped its own way. */
function escapeOutsideCode(md: string, layout: Layout): string {
  const lines = md.split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  let text: string[] = [];
  const flush = () => { if (text.length > 0) out.push(escapeSpans(text.join('\n'), layout)); text = []; };
  for (const line of lines) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === null && m) { flush(); fence = m[1]!; out.push(line); continue; }
    if (fence !== null) {
      out.push(escapeCode(line, layout));
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim() === m[1]) fence = null;
      continue;
    }
    text.push(line);
  }
  flush();
  return out.join('\n');
}

/** Inline code spans (a backtick run closed by a run of the same length) vs the text around them. */
function escapeSpans(s: string, layout: Layout): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') { i++; continue; }
    if (s[i] !== '`') continue;
    let n = 0;
    while (s[i + n] === '`') n++;
    const run = '`'.repeat(n);
    // The nearest closer, even inside a longer run: CommonMark would look further, kramdown does not, and
    // where renderers disagree the shorter span is the safe reading (more of the text gets escaped).
    const j = s.indexOf(run, i + n);
    if (j < 0) { i += n - 1; continue; }
    out += escapeText(s.slice(last, i)) + run + escapeCode(s.slice(i + n, j), layout) + run;
    last = j + n;
    i = last - 1;
  }
  return out + escapeText(s.slice(last));
}

/**
 * Jekyll runs Liquid over the whole body, code included, and `{% raw %}` is its only way to stop it: the
 * body goes inside one raw block when it holds any Liquid opener (an `{% endraw %}` in it is split).
 */
function jekyllRaw(md: string): string {
  if (!/\{[{%]/.test(md)) return md;
  // An `{% endraw %}` in the text would end the block: its first brace is printed by Liquid instead.
  const inner = md.replace(/\{(%-?\s*endraw\s*-?%\})/g, (_m, rest: string) => `{% endraw %}{{ '{' }}{% raw %}${rest}`);
  return `{% raw %}\n${inner}\n{% endraw %}`;
}

/** The body of one Markdown file, safe for `layout`. */
export function safeMarkdownBody(md: string, layout: Layout): string {
  const linked = rewriteMarkdownLinks(md, (l) => linkAction(l.dest));
  const escaped = escapeOutsideCode(linked, layout);
  return layout === 'jekyll' ? jekyllRaw(escaped) : escaped;
}

/**
 * The comments section (markdown-comments.ts has escaped its text already, and writes its own anchors as
 * HTML on purpose): only the template openers are neutralised, which no Markdown escape can stop.
 */
export function safeCommentsMarkdown(md: string, layout: Layout): string {
  const inert = md.replace(/\{(?=[{%])/g, '&#123;');
  return layout === 'jekyll' ? jekyllRaw(inert) : inert;
}
