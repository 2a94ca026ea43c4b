/**
 * Dates as themes print them: machine-readable attributes first (`<time datetime>`, `abbr.published[title]`,
 * `article:published_time`), then text in Swedish, English, German, Norwegian or Danish
 * (`5 juni 2013`, `6. Nov 2012`, `June 5, 2013`, `2013-06-05`, `05.06.2013`).
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { type Found, cleanText, metaContent } from './text.ts';
import { find, inside, matches } from './select.ts';

const MONTHS: Record<string, number> = {};
const NAMES: [number, string[]][] = [
  [1, ['januari', 'january', 'januar', 'jänner', 'jan']],
  [2, ['februari', 'february', 'februar', 'feb', 'febr']],
  [3, ['mars', 'march', 'märz', 'marts', 'mar', 'mär', 'mrz']],
  [4, ['april', 'apr']],
  [5, ['maj', 'may', 'mai']],
  [6, ['juni', 'june', 'jun']],
  [7, ['juli', 'july', 'jul']],
  [8, ['augusti', 'august', 'aug']],
  [9, ['september', 'sept', 'sep']],
  [10, ['oktober', 'october', 'okt', 'oct']],
  [11, ['november', 'nov']],
  [12, ['december', 'dezember', 'desember', 'dec', 'dez', 'des']],
];
for (const [n, names] of NAMES) for (const name of names) MONTHS[name] = n;

const pad = (n: number): string => String(n).padStart(2, '0');

function ymd(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function month(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')];
}

/**
 * A machine-readable date or date-time (ISO 8601 / RFC 3339, as in `datetime` attributes) kept as written
 * when it carries an offset; a date-time without offset is reduced to its date, since its zone is unknown.
 */
export function parseIsoDate(s: string): string | null {
  const t = s.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (!m) return null;
  const date = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!date) return null;
  if (m[4] === undefined || m[7] === undefined) return date;
  const off = m[7] === 'Z' ? '+00:00' : m[7].includes(':') ? m[7] : `${m[7].slice(0, 3)}:${m[7].slice(3)}`;
  return `${date}T${m[4]}:${m[5]}:${m[6] ?? '00'}${off}`;
}

/** A date in words or digits as a theme prints it, to `YYYY-MM-DD`, or null. */
export function parseDateText(text: string): string | null {
  const t = cleanText(text).toLowerCase();
  let m = /(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  // 5 juni 2013 · 6. Nov 2012 · 5th June 2013
  m = /(\d{1,2})(?:\.|st|nd|rd|th|:e|:a)?\s+([\p{L}]+\.?),?\s+(\d{4})/u.exec(t);
  if (m && month(m[2]!)) return ymd(Number(m[3]), month(m[2]!)!, Number(m[1]));
  // June 5, 2013 · juni 5, 2013
  m = /([\p{L}]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/u.exec(t);
  if (m && month(m[1]!)) return ymd(Number(m[3]), month(m[1]!)!, Number(m[2]));
  // 05.06.2013 (de/no/da) · 05/06/2013 read day-first as in those locales
  m = /\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b/.exec(t);
  if (m) return ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** An RFC 822 feed date (`Wed, 05 Jun 2013 08:00:00 +0000`) as ISO 8601 with offset. */
export function parseRfc822(s: string): string | null {
  const m = /(\d{1,2})\s+([A-Za-z]{3})\w*\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(GMT|UT|Z|[+-]\d{4})?/.exec(s);
  if (!m) return parseIsoDate(s);
  const date = ymd(Number(m[3]), month(m[2]!) ?? 0, Number(m[1]));
  if (!date) return null;
  const z = m[7] ?? 'GMT';
  const off = /^[+-]/.test(z) ? `${z.slice(0, 3)}:${z.slice(3)}` : '+00:00';
  return `${date}T${m[4]}:${m[5]}:${m[6] ?? '00'}${off}`;
}

const TIME_SELECTORS = ['time.published[datetime]', 'time.entry-date[datetime]', '.published[datetime]', 'time[itemprop="datePublished"][datetime]', 'time[datetime]:not(.updated)'];
const TEXT_SELECTORS = ['.entry-date', '.posted-on', '.post-date', '.published', '.entry-meta .date', '.date', '.postmeta', '.entry-meta', '.meta'];
const MICROFORMAT = 'abbr.published[title], [itemprop="datePublished"][content]';
const ALL_DATE_SELECTORS = [...TIME_SELECTORS, MICROFORMAT, ...TEXT_SELECTORS].join(', ');

/**
 * The publication date shown in `scope` (an article or listing item). Machine-readable attributes win over
 * text, because text may be localised in ways the month table does not know.
 */
export function readPublished($: CheerioAPI, scope: Cheerio<AnyNode>): Found<string> | null {
  // One traversal for every candidate, then the rules in priority order over the (few) hits.
  const hits = find(scope, ALL_DATE_SELECTORS).toArray().filter((el) => !inside(el, '.comment, .comment-body, #comments'));
  if (hits.length === 0) return null;
  for (const sel of TIME_SELECTORS) {
    for (const el of hits) {
      if (!matches(el, sel)) continue;
      const v = parseIsoDate(el.attribs.datetime ?? '');
      if (v) return { value: v, rule: sel };
    }
  }
  for (const el of hits) {
    if (!matches(el, MICROFORMAT)) continue;
    const v = parseIsoDate(el.attribs.title ?? el.attribs.content ?? '');
    if (v) return { value: v, rule: 'microformat:published' };
  }
  for (const sel of TEXT_SELECTORS) {
    for (const el of hits) {
      if (!matches(el, sel)) continue;
      const v = parseDateText($(el).text()) ?? parseDateText(el.attribs.title ?? '');
      if (v) return { value: v, rule: `text:${sel}` };
    }
  }
  return null;
}

/** `article:published_time` (OpenGraph) of a page, when present. */
export function readMetaPublished($: CheerioAPI): Found<string> | null {
  const v = metaContent($, 'article:published_time');
  const d = v ? parseIsoDate(v) : null;
  return d ? { value: d, rule: 'meta:article:published_time' } : null;
}
