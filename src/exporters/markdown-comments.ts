/**
 * The comments of a post as a Markdown section: one list item per comment (author, date, text), replies
 * nested under the comment they answer, so the threading survives in any Markdown renderer.
 */
import type { CommentRecord } from '../types.ts';
import type { FrontMatterComment } from './front-matter.ts';
import { escapeInline } from './links.ts';

export const COMMENTS_HEADING = '## Comments';

/**
 * Comment text is plain text from the page: escape what Markdown would read as markup, so a comment
 * that starts with `#`, `-` or `1.` or holds `<script>` stays text.
 */
export function escapeBlockText(line: string): string {
  let s = line.replace(/[\\`*_[\]<>|]/g, '\\$&');
  s = s.replace(/^(\s*)([#>+\-=~]|\d+[.)])/, '$1\\$2');
  return s;
}

/** Orders comments into a forest: children follow their parent; a missing or looping parent makes a top-level comment. */
function threads(comments: readonly CommentRecord[]): { comment: CommentRecord; depth: number }[] {
  const byId = new Map<string, CommentRecord>();
  for (const c of comments) if (!byId.has(c.id)) byId.set(c.id, c);
  const parentOf = (c: CommentRecord): string | null => {
    // Walk up; if the chain leaves the known comments or loops, treat the comment as top level.
    const seen = new Set<string>([c.id]);
    let p = c.parentId;
    while (p !== null) {
      if (seen.has(p) || !byId.has(p)) return null;
      seen.add(p);
      p = byId.get(p)!.parentId;
    }
    return c.parentId;
  };
  const children = new Map<string | null, CommentRecord[]>();
  const used = new Set<CommentRecord>();
  for (const c of comments) {
    const p = byId.get(c.id) === c ? parentOf(c) : null;
    const list = children.get(p) ?? [];
    list.push(c);
    children.set(p, list);
  }
  const out: { comment: CommentRecord; depth: number }[] = [];
  const walk = (parent: string | null, depth: number): void => {
    for (const c of children.get(parent) ?? []) {
      if (used.has(c)) continue;
      used.add(c);
      out.push({ comment: c, depth });
      if (byId.get(c.id) === c) walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The comments section, or '' when there are none. */
export function renderComments(comments: readonly CommentRecord[]): string {
  if (comments.length === 0) return '';
  const parts: string[] = [COMMENTS_HEADING, ''];
  for (const { comment, depth } of threads(comments)) {
    const indent = '  '.repeat(depth);
    const when = comment.published ? ` · ${escapeInline(comment.published)}` : '';
    const author = escapeInline(comment.author.trim()) || 'Anonymous';
    parts.push(`${indent}- <a id="comment-${encodeURIComponent(comment.id)}"></a>**${author}**${when}`);
    parts.push('');
    const paragraphs = comment.text.replace(/\r\n?/g, '\n').split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
    for (const p of paragraphs) {
      // Hard line breaks inside a paragraph keep the commenter's lines (two trailing spaces would be invisible; use `\`).
      const lines = p.split('\n').map((l) => `${indent}  ${escapeBlockText(l.trim())}`);
      parts.push(lines.join('\\\n'));
      parts.push('');
    }
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

/**
 * A comment date for readers: `2013-06-05 10:20` from `2013-06-05T10:20:00+02:00` (the local time the site
 * showed, without seconds and offset), `2013-06-05` from a date alone; anything else as it is.
 */
export function readableDate(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(iso);
  if (!m) return iso;
  return m[2] ? `${m[1]} ${m[2]}` : m[1]!;
}

/** The comments for a generator's template: thread order, each with its depth (0 = top level). */
export function threadComments(comments: readonly CommentRecord[]): FrontMatterComment[] {
  return threads(comments).map(({ comment: c, depth }) => ({ id: c.id, author: c.author.trim() || 'Anonymous', date: c.published, date_text: c.published ? readableDate(c.published) : null, parent: c.parentId, depth, text: c.text.replace(/\r\n?/g, '\n') }));
}
