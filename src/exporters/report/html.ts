/** The small HTML vocabulary of the report: escaping, tables in scrollable regions, cards. */

/** Text from the old site stays text: every value the page shows goes through here (attributes too). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export const esc = (v: string | number | null | undefined): string => escapeHtml(v === null || v === undefined ? '' : String(v));

/** A raw HTML fragment a cell already built (links); anything else is escaped. */
export interface Raw { html: string }
export const raw = (html: string): Raw => ({ html });
export type Cell = string | number | null | Raw | { value: string | number | null; sort?: string | number; cls?: string };

/** A link whose text and target both came from the old site: both are escaped, javascript: is never a target. */
export function link(href: string | null, text: string): Raw {
  if (!href || /^\s*(javascript|data|vbscript):/i.test(href)) return raw(esc(text));
  return raw(`<a href="${esc(href)}">${esc(text)}</a>`);
}

function cellHtml(c: Cell, label: string, numeric: boolean): string {
  const dl = ` data-label="${esc(label)}"`;
  if (c !== null && typeof c === 'object' && 'html' in c) return `<td${dl}>${c.html}</td>`;
  if (c !== null && typeof c === 'object') {
    const sort = c.sort !== undefined ? ` data-sort="${esc(c.sort)}"` : '';
    const cls = [numeric ? 'n' : '', c.cls ?? ''].filter(Boolean).join(' ');
    return `<td${dl}${sort}${cls ? ` class="${cls}"` : ''}>${esc(c.value ?? '–')}</td>`;
  }
  return `<td${dl}${numeric ? ' class="n"' : ''}>${esc(c ?? '–')}</td>`;
}

export interface TableOptions {
  /** Short accessible name; also the caption unless `caption` is false. */
  label: string;
  numeric?: number[];
  sortable?: boolean;
  id?: string;
  /** Extra class on the table (`cards` turns rows into blocks on a phone). */
  cls?: string;
  /** Show at most this many rows and say how many more the data files hold. */
  limit?: number;
}

/**
 * A table in a region that scrolls sideways on a narrow screen (focusable and named, so keyboard and
 * screen reader users can reach what is off to the side).
 */
/** A table's rows: an array, or rows made one at a time as they are written (`at` is called once per row, in order). */
export interface RowSource {
  length: number;
  at(index: number): Cell[] | undefined;
}

export function table(head: string[], rows: RowSource, o: TableOptions): string {
  return [...tableChunks(head, rows, o)].join('');
}

/**
 * The same table as `table`, a piece at a time (the opening, each row, the close): the posts of a
 * 50,000-post blog make a table of tens of megabytes, written as it is made instead of held whole.
 */
export function* tableChunks(head: string[], rows: RowSource, o: TableOptions): Generator<string> {
  const numeric = o.numeric ?? [];
  const total = rows.length;
  const shownCount = o.limit !== undefined ? Math.min(o.limit, total) : total;
  const more = shownCount < total ? `<p>… and ${total - shownCount} more; see the snapshot's data files.</p>` : '';
  const cls = [o.sortable ? 'sortable' : '', o.cls ?? ''].filter(Boolean).join(' ');
  const ths = head.map((h, i) => `<th scope="col"${numeric.includes(i) ? ' class="n"' : ''}>${esc(h)}</th>`).join('');
  yield `<div class="scroll" role="region" tabindex="0" aria-label="${esc(o.label)}"><table${o.id ? ` id="${esc(o.id)}"` : ''}${cls ? ` class="${cls}"` : ''}>` +
    `<caption>${esc(o.label)}</caption><thead><tr>${ths}</tr></thead><tbody>\n`;
  for (let n = 0; n < shownCount; n++) {
    const r = rows.at(n)!;
    yield `${n > 0 ? '\n' : ''}<tr>${r.map((c, i) => cellHtml(c, head[i] ?? '', numeric.includes(i))).join('')}</tr>`;
  }
  yield `\n</tbody></table></div>${more}`;
}

export function card(label: string, value: string | number, o: { bad?: boolean; key?: string } = {}): string {
  const key = o.key ? ` data-number="${esc(o.key)}"` : '';
  return `<div class="card${o.bad ? ' bad' : ''}"${key}><b>${esc(value)}</b> ${esc(label)}</div>`;
}

export function pct(n: number, of: number): string {
  return of === 0 ? '–' : `${((100 * n) / of).toFixed(1)} %`;
}
