/**
 * Finds the inline links and images of a Markdown body (`[text](dest "title")`, `![alt](dest)`) and lets
 * the caller keep, replace or drop each. Fenced code blocks and code spans are left alone. The scan is
 * linear (bracket pairs and backtick runs are matched in one pass), so a 5 MB body is no problem.
 */
import { posix } from 'node:path';

export interface FoundLink {
  /** The destination with Markdown backslash escapes removed (`a\(b\)` gives `a(b)`). */
  dest: string;
  isImage: boolean;
  /** The link text or alt text, as written (already rewritten when it held links itself). */
  text: string;
}

/** keep: leave as written · replace: a new destination · drop: an image vanishes, a link becomes its text. */
export type LinkAction = { action: 'keep' } | { action: 'replace'; dest: string } | { action: 'drop' };

/** Escapes a destination the way turndown writes one: `<>()` backslashed, `<…>` around spaces. */
export function escapeDestination(dest: string): string {
  const escaped = dest.replace(/([<>()\\])/g, '\\$1');
  return /\s/.test(escaped) ? `<${escaped.replace(/\n/g, '%0A')}>` : escaped;
}

/**
 * Escapes text for use inside `[…]` or after `# ` (titles in index files, comment authors): emphasis, code,
 * brackets and HTML. `!` needs nothing once `[` is escaped; `#` only matters at the start of a line.
 */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** A relative link from file `from` to file `to` (both output paths), each segment percent-encoded. */
export function relativeLink(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to) || posix.basename(to);
  return rel.split('/').map((s) => (s === '..' ? s : encodeURIComponent(s))).join('/');
}

const ESCAPABLE = /\\([!-/:-@[-`{-~])/g;
/**
 * Bounds that keep the scan linear on hostile input (`[a](x[a](x…`, thousands of nested brackets): a
 * destination or title longer than this, or nested deeper, is left as written. cmark caps paren nesting at
 * 32 for the same reason; a longer destination is a data: URI or junk, which is kept untouched anyway.
 */
const MAX_DEST_CHARS = 2048;
const MAX_TITLE_CHARS = 1024;
const MAX_PAREN_DEPTH = 32;
const MAX_LINK_NESTING = 4;

function unescapeDest(raw: string): string {
  return raw.replace(ESCAPABLE, '$1');
}

interface Parsed {
  dest: string;
  /** The title part as written (with its quotes), or ''. */
  title: string;
  /** Index just past the closing `)`. */
  end: number;
}

/** Parses `(dest "title")` starting at the `(` at `i`; null when it is not a link destination. */
function parseDestination(s: string, i: number): Parsed | null {
  let j = i + 1;
  while (s[j] === ' ' || s[j] === '\t' || s[j] === '\n') j++;
  let raw = '';
  if (s[j] === '<') {
    const window = s.slice(j + 1, j + 1 + MAX_DEST_CHARS);
    const rel = window.search(/[>\n]/);
    if (rel < 0 || window[rel] !== '>') return null;
    const close = j + 1 + rel;
    raw = s.slice(j + 1, close);
    j = close + 1;
  } else {
    let depth = 0;
    const start = j;
    const limit = Math.min(s.length, j + MAX_DEST_CHARS);
    for (; j < limit; j++) {
      const c = s[j]!;
      if (c === '\\' && j + 1 < s.length) { j++; continue; }
      if (c === ' ' || c === '\t' || c === '\n' || c.charCodeAt(0) < 0x20) break;
      if (c === '(' && ++depth > MAX_PAREN_DEPTH) return null;
      else if (c === ')') { if (depth === 0) break; depth--; }
    }
    if (j >= limit && limit < s.length) return null;
    raw = s.slice(start, j);
  }
  const afterDest = j;
  while (s[j] === ' ' || s[j] === '\t' || s[j] === '\n') j++;
  let title = '';
  const q = s[j];
  if ((q === '"' || q === "'" || q === '(') && j > afterDest) {
    const closeCh = q === '(' ? ')' : q;
    let k = j + 1;
    const limit = Math.min(s.length, j + MAX_TITLE_CHARS);
    for (; k < limit; k++) {
      if (s[k] === '\\') { k++; continue; }
      if (s[k] === closeCh) break;
    }
    if (k >= limit) return null;
    title = s.slice(j, k + 1);
    j = k + 1;
    while (s[j] === ' ' || s[j] === '\t' || s[j] === '\n') j++;
  }
  if (s[j] !== ')') return null;
  return { dest: unescapeDest(raw), title, end: j + 1 };
}

/** Pairs every `[` with its `]` in one pass, skipping escapes and code spans. */
function matchBrackets(s: string): { close: Map<number, number>; codeEnd: Map<number, number> } {
  // Backtick runs by length, so an opening run finds its closer without rescanning (linear overall).
  const runs = new Map<number, number[]>();
  for (let i = 0; i < s.length; ) {
    if (s[i] === '`') {
      let n = 0;
      while (s[i + n] === '`') n++;
      const list = runs.get(n) ?? [];
      list.push(i);
      runs.set(n, list);
      i += n;
    } else i++;
  }
  const cursor = new Map<number, number>();
  const codeEnd = new Map<number, number>();
  const close = new Map<number, number>();
  const stack: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    if (c === '`') {
      let n = 0;
      while (s[i + n] === '`') n++;
      // A run cut short by a backslash (\`` → one backtick here) may have no list of its length: literal.
      const list = runs.get(n) ?? [];
      let k = cursor.get(n) ?? 0;
      while (k < list.length && list[k]! <= i) k++;
      cursor.set(n, k);
      const closer = list[k];
      if (closer !== undefined) {
        codeEnd.set(i, closer + n);
        i = closer + n - 1;
      } else {
        i += n - 1;
      }
      continue;
    }
    if (c === '[') stack.push(i);
    else if (c === ']' && stack.length > 0) close.set(stack.pop()!, i);
  }
  return { close, codeEnd };
}

function rewriteSpan(s: string, decide: (link: FoundLink) => LinkAction, nesting = 0): string {
  const { close, codeEnd } = matchBrackets(s);
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    const ce = codeEnd.get(i);
    if (ce !== undefined) { i = ce - 1; continue; }
    if (c !== '[') continue;
    const closeAt = close.get(i);
    if (closeAt === undefined || s[closeAt + 1] !== '(') continue;
    const parsed = parseDestination(s, closeAt + 1);
    if (!parsed) continue;
    const isImage = i > 0 && s[i - 1] === '!' && !(i > 1 && s[i - 2] === '\\');
    const start = isImage ? i - 1 : i;
    const inner = s.slice(i + 1, closeAt);
    // Link text may itself hold an image (`[![alt](thumb)](full)`): rewrite it first.
    const text = isImage || nesting >= MAX_LINK_NESTING ? inner : rewriteSpan(inner, decide, nesting + 1);
    const act = decide({ dest: parsed.dest, isImage, text });
    let replacement: string;
    if (act.action === 'keep') replacement = `${isImage ? '!' : ''}[${text}](${s.slice(closeAt + 2, parsed.end)}`;
    else if (act.action === 'drop') replacement = isImage ? '' : text;
    else replacement = `${isImage ? '!' : ''}[${text}](${escapeDestination(act.dest)}${parsed.title ? ` ${parsed.title}` : ''})`;
    out += s.slice(last, start) + replacement;
    last = parsed.end;
    i = parsed.end - 1;
  }
  return out + s.slice(last);
}

/** Rewrites every inline link and image of `markdown` outside fenced code blocks, as `decide` says. */
export function rewriteMarkdownLinks(markdown: string, decide: (link: FoundLink) => LinkAction): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let chunk: string[] = [];
  let fence: string | null = null;
  const flush = (): void => {
    if (chunk.length > 0) out.push(rewriteSpan(chunk.join('\n'), decide));
    chunk = [];
  };
  for (const line of lines) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === null && m) {
      flush();
      fence = m[1]!;
      out.push(line);
    } else if (fence !== null) {
      out.push(line);
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim() === m[1]) fence = null;
    } else {
      chunk.push(line);
    }
  }
  flush();
  return out.join('\n');
}

/** Every link and image destination of `markdown` (outside code), in order; used by tests and checks. */
export function listMarkdownLinks(markdown: string): FoundLink[] {
  const found: FoundLink[] = [];
  rewriteMarkdownLinks(markdown, (link) => {
    found.push(link);
    return { action: 'keep' };
  });
  return found;
}
