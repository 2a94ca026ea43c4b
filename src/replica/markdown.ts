/**
 * The replica's post bodies are written in a small Markdown subset, and the HTML is rendered from it, so
 * the Markdown in fixtures/EXPECTED.json is the truth an extractor must get back. Subset: paragraphs,
 * `## headings`, `- ` and `1. ` lists, `> ` quotes, GFM tables, inline `[links](url)`, `**strong**`,
 * `_em_`, and figures: a paragraph that is only `![alt](src)`, optionally followed by a caption paragraph
 * that ends with `[Bildrättigheter](url)`.
 */

export type Block =
  | { type: 'p'; text: string }
  | { type: 'h'; level: number; text: string }
  | { type: 'ul' | 'ol'; items: string[] }
  | { type: 'quote'; text: string }
  | { type: 'table'; head: string[]; rows: string[][] }
  | { type: 'figure'; src: string; alt: string; caption: string | null; rightsUrl: string | null };

const IMAGE_RE = /^!\[([^\]]*)\]\(([^)\s]+)\)$/;
const RIGHTS_RE = /^(.*?)\s*\[Bildrättigheter\]\(([^)\s]+)\)$/;

function cells(line: string): string[] {
  return line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
}

/** Splits Markdown into blocks (blank-line separated; lists, tables and quotes by their line prefixes). */
export function parseMarkdown(md: string): Block[] {
  const chunks = md.replace(/\r\n/g, '\n').trim().split(/\n{2,}/).map((c) => c.trim()).filter(Boolean);
  const blocks: Block[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    const lines = chunk.split('\n');
    const img = IMAGE_RE.exec(chunk);
    if (img) {
      const next = chunks[i + 1];
      const rights = next === undefined ? null : RIGHTS_RE.exec(next);
      blocks.push({ type: 'figure', alt: img[1]!, src: img[2]!, caption: rights ? rights[1]! : null, rightsUrl: rights ? rights[2]! : null });
      if (rights) i++;
    } else if (/^#{2,4} /.test(chunk)) {
      const m = /^(#{2,4}) (.*)$/.exec(chunk)!;
      blocks.push({ type: 'h', level: m[1]!.length, text: m[2]! });
    } else if (lines.every((l) => l.startsWith('- '))) {
      blocks.push({ type: 'ul', items: lines.map((l) => l.slice(2)) });
    } else if (lines.every((l) => /^\d+\. /.test(l))) {
      blocks.push({ type: 'ol', items: lines.map((l) => l.replace(/^\d+\. /, '')) });
    } else if (lines.every((l) => l.startsWith('> '))) {
      blocks.push({ type: 'quote', text: lines.map((l) => l.slice(2)).join(' ') });
    } else if (lines.length >= 2 && lines.every((l) => l.startsWith('|'))) {
      blocks.push({ type: 'table', head: cells(lines[0]!), rows: lines.slice(2).map(cells) });
    } else {
      blocks.push({ type: 'p', text: lines.join(' ') });
    }
  }
  return blocks;
}

/** HTML-escapes text and applies WordPress's wptexturize spelling of typographic characters as entities. */
export function texturize(text: string): string {
  return escapeHtml(text)
    .replace(/”/g, '&#8221;')
    .replace(/“/g, '&#8220;')
    .replace(/’/g, '&#8217;')
    .replace(/–/g, '&#8211;')
    .replace(/…/g, '&#8230;');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const INLINE_RE = /\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|_([^_]+)_/g;

/** Renders inline Markdown (links, strong, emphasis) to HTML; external links get WordPress-era attributes. */
export function renderInline(text: string, siteUrl: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INLINE_RE)) {
    out += texturize(text.slice(last, m.index));
    if (m[1] !== undefined) {
      const external = !m[2]!.startsWith(siteUrl);
      out += `<a href="${escapeHtml(m[2]!)}"${external ? ' target="_blank"' : ''}>${renderInline(m[1], siteUrl)}</a>`;
    } else if (m[3] !== undefined) {
      out += `<strong>${renderInline(m[3], siteUrl)}</strong>`;
    } else {
      out += `<em>${renderInline(m[4]!, siteUrl)}</em>`;
    }
    last = m.index + m[0].length;
  }
  return out + texturize(text.slice(last));
}

/** Inline Markdown reduced to the words a reader sees. */
export function inlineText(text: string): string {
  return text.replace(INLINE_RE, (_m, linkText?: string, _url?: string, strong?: string, em?: string) => inlineText(linkText ?? strong ?? em ?? ''));
}

export interface FigureRenderer {
  (figure: Extract<Block, { type: 'figure' }>): string;
}

/** Renders blocks to the HTML a WordPress post body held; the theme decides how figures look. */
export function renderBlocks(blocks: readonly Block[], siteUrl: string, figure: FigureRenderer): string {
  const inline = (t: string): string => renderInline(t, siteUrl);
  return blocks.map((b) => {
    switch (b.type) {
      case 'p': return `<p>${inline(b.text)}</p>`;
      case 'h': return `<h${b.level}>${inline(b.text)}</h${b.level}>`;
      case 'ul':
      case 'ol': return `<${b.type}>\n${b.items.map((it) => `<li>${inline(it)}</li>`).join('\n')}\n</${b.type}>`;
      case 'quote': return `<blockquote><p>${inline(b.text)}</p></blockquote>`;
      case 'table': return [
        '<table>',
        `<thead>\n<tr>\n${b.head.map((c) => `<th>${inline(c)}</th>`).join('\n')}\n</tr>\n</thead>`,
        `<tbody>\n${b.rows.map((r) => `<tr>\n${r.map((c) => `<td>${inline(c)}</td>`).join('\n')}\n</tr>`).join('\n')}\n</tbody>`,
        '</table>',
      ].join('\n');
      case 'figure': return figure(b);
    }
  }).join('\n');
}

/**
 * The words WordPress's automatic excerpt starts from: the body with tags stripped and the `[caption]`
 * shortcode removed (so figure captions never reach an excerpt, as on the real site).
 */
export function excerptWords(blocks: readonly Block[]): string[] {
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.type === 'p' || b.type === 'h' || b.type === 'quote') parts.push(inlineText(b.text));
    else if (b.type === 'ul' || b.type === 'ol') parts.push(...b.items.map(inlineText));
    else if (b.type === 'table') parts.push(...b.head.map(inlineText), ...b.rows.flat().map(inlineText));
  }
  return parts.join(' ').split(/\s+/).filter(Boolean);
}

/** wp_trim_words(55) + the default `excerpt_more` ` […]`; short bodies are shown whole, with no marker. */
export function automaticExcerpt(blocks: readonly Block[], words = 55): string {
  const all = excerptWords(blocks);
  if (all.length <= words) return all.join(' ');
  return `${all.slice(0, words).join(' ')} […]`;
}
