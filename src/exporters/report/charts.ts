/**
 * Inline SVG bar charts: no script, no fonts, nothing fetched, readable printed. Each chart has a title
 * and description for screen readers, and the page gives its numbers as a table beside it.
 */
import { esc } from './html.ts';

const BAR = '#2f6db5';

/** Posts per month as vertical bars; the x axis is labelled at each January (and at the first month). */
export function monthsChart(months: Array<[string, number]>, id: string): string {
  if (months.length === 0) return '<p>No post has a date, so there is no timeline.</p>';
  const w = 820, h = 200, left = 34, bottom = 22, top = 10;
  const max = Math.max(1, ...months.map(([, n]) => n));
  const step = (w - left - 4) / months.length;
  const y = (n: number) => top + (h - top - bottom) * (1 - n / max);
  const bars = months.map(([m, n], i) => n === 0 ? '' :
    `<rect x="${(left + i * step + step * 0.1).toFixed(1)}" y="${y(n).toFixed(1)}" width="${Math.max(1, step * 0.8).toFixed(1)}" height="${(h - bottom - y(n)).toFixed(1)}" fill="${BAR}"><title>${esc(m)}: ${n}</title></rect>`).join('');
  // The first month is labelled unless a January follows too closely for both labels to fit.
  const firstJan = months.findIndex(([m]) => m.endsWith('-01'));
  const labelFirst = firstJan < 0 || firstJan * step > 60;
  const labels = months.map(([m], i) => ((i === 0 && labelFirst) || m.endsWith('-01'))
    ? `<text x="${(left + i * step).toFixed(1)}" y="${h - 6}">${esc(i === 0 && !m.endsWith('-01') ? m : m.slice(0, 4))}</text>` : '').join('');
  const first = months[0]![0], last = months[months.length - 1]![0];
  return `<svg role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-t">Posts per month</title><desc id="${id}-d">From ${esc(first)} to ${esc(last)}; at most ${max} posts in one month.</desc>` +
    `<line x1="${left}" y1="${h - bottom}" x2="${w}" y2="${h - bottom}" stroke="#555"/>` +
    `<text x="0" y="${top + 8}">${max}</text><text x="0" y="${h - bottom}">0</text>${bars}${labels}</svg>`;
}

/** Posts per category as horizontal bars, the largest first; `limit` bars at most. */
export function categoriesChart(cats: Array<[string, number]>, id: string, limit = 20): string {
  if (cats.length === 0) return '<p>No post lists a category.</p>';
  const shown = cats.slice(0, limit);
  const rowH = 20, labelW = 230, w = 820, h = shown.length * rowH + 6;
  const max = Math.max(1, ...shown.map(([, n]) => n));
  const bars = shown.map(([name, n], i) => {
    const bw = ((w - labelW - 40) * n) / max;
    const label = name.length > 34 ? `${name.slice(0, 33)}…` : name;
    return `<text x="${labelW - 6}" y="${i * rowH + 14}" text-anchor="end">${esc(label)}</text>` +
      `<rect x="${labelW}" y="${i * rowH + 3}" width="${Math.max(1, bw).toFixed(1)}" height="${rowH - 6}" fill="${BAR}"><title>${esc(name)}: ${n}</title></rect>` +
      `<text x="${(labelW + bw + 4).toFixed(1)}" y="${i * rowH + 14}">${n}</text>`;
  }).join('');
  const more = cats.length > shown.length ? ` The ${cats.length - shown.length} smaller categories are in the table.` : '';
  return `<svg role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-t">Posts per category</title><desc id="${id}-d">${shown.length} categories with the most posts; the largest has ${max}.${esc(more)}</desc>${bars}</svg>`;
}
