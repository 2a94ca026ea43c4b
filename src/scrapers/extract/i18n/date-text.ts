/**
 * Dates in words or digits as WordPress themes print them, in the languages of `months.ts`: the locale's
 * `date_format` (`F j, Y`, `j. F Y`, `j \d\e F \d\e Y`, `d/m/Y`, `d.m.Y`, `Y/m/d`, `Y年n月j日`), with
 * weekday prefixes, ordinals (`17th`, `1er`, `1º`) and a time after the date (`kl. 10:26 pm`, `um 10:00
 * Uhr`, `à 14h30`, `klo 10.26`, `下午3:05`).
 *
 * The result is a local date, as the page shows it. A time is returned beside it, never turned into UTC:
 * only a caller that knows the site's offset (from a feed or `article:published_time`) may join the two.
 */
import { monthNumber, primaryLanguage } from './months.ts';

/** What the text says: the local date, the local time when one follows it, and the pattern that read it. */
export interface LocalDate {
  date: string;
  time: string | null;
  rule: string;
}

/** Caller's knowledge of the page: its language (`<html lang>`), which decides `05/06/2013`. */
export interface DateHints {
  lang?: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A real calendar date in the years a blog can have, as `YYYY-MM-DD`. */
export function ymd(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Locales whose numeric dates put the month first (WordPress `m/d/Y`); all others are day-first. */
const MONTH_FIRST_REGIONS = new Set(['us', 'ph', 'fm', 'mh', 'pw', 'as', 'gu', 'pr', 'vi', 'um']);

function monthFirst(lang: string | undefined): boolean {
  const parts = lang?.trim().toLowerCase().split(/[-_]/) ?? [];
  return parts.length > 1 && MONTH_FIRST_REGIONS.has(parts[parts.length - 1]!);
}

/** `a/b/Y`: a value above 12 settles the order; otherwise the page's locale, else day-first. */
function dayMonth(a: number, b: number, lang: string | undefined): [number, number] {
  if (a > 12) return [a, b];
  if (b > 12) return [b, a];
  return monthFirst(lang) ? [b, a] : [a, b];
}

/**
 * Prepares text: NFKC (full-width digits `２０１８年`, `º` → `o`), lower case, one space for every run of
 * whitespace, and a space between a Latin/Cyrillic word and a number that text joined across elements
 * (`6. Nov<br>2012` reads as `6. Nov2012` from the DOM).
 */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u00a0\u200b]+/gu, ' ')
    .replace(/([\p{Script=Latin}\p{Script=Cyrillic}])(\d)/gu, '$1 $2')
    .replace(/(\d)([\p{Script=Latin}\p{Script=Cyrillic}]{3,})/gu, (m, d: string, w: string) => (/^(st|nd|rd|th|er|re|e|o|a|de|h|pm|am|uhr)$/.test(w) ? m : `${d} ${w}`))
    .trim();
}

const WORD = String.raw`([\p{L}]+)\.?`;
const ORDINAL = String.raw`(?:\.|st|nd|rd|th|er|re|e|o|a|:e|:a)?`;
const END = String.raw`(?![\p{L}\p{N}])`;

interface Pattern {
  rule: string;
  re: RegExp;
  read: (m: RegExpExecArray, lang: string | undefined) => string | null;
}

const num = (s: string | undefined): number => Number(s);

/** In priority order: the first pattern that finds a real date anywhere in the text wins. */
const PATTERNS: Pattern[] = [
  { rule: 'iso', re: /(\d{4})-(\d{2})-(\d{2})(?!\d)/g, read: (m) => ymd(num(m[1]), num(m[2]), num(m[3])) },
  // 2018年6月17日 (ja, zh) · 2018년 6월 17일 (ko)
  { rule: 'cjk', re: /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?/gu, read: (m) => ymd(num(m[1]), num(m[2]), num(m[3])) },
  // 17 juni 2018 · 6. Nov 2012 · 17th of June 2018 · 1er juin 2018 · 17 de junio de 2018 · 17. kesäkuuta 2018
  {
    rule: 'day-month-year',
    re: new RegExp(String.raw`(?<!\d)(\d{1,2})${ORDINAL}\s*(?:de\s+|of\s+|d'\s*)?${WORD},?\s+(?:de\s+|del\s+)?(\d{4})${END}`, 'gu'),
    read: (m, lang) => {
      const mo = monthNumber(m[2]!, lang);
      return mo ? ymd(num(m[3]), mo, num(m[1])) : null;
    },
  },
  // June 17, 2018 · juni 1, 2017 (Yoko in Norwegian) · June 17th, 2018 · junio 17 de 2018
  {
    rule: 'month-day-year',
    re: new RegExp(String.raw`${WORD}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(?:de\s+)?(\d{4})${END}`, 'gu'),
    read: (m, lang) => {
      const mo = monthNumber(m[1]!, lang);
      return mo ? ymd(num(m[3]), mo, num(m[2])) : null;
    },
  },
  // 2018/06/17 · 2018.06.17 · 2018-6-17
  { rule: 'year-month-day', re: /(?<![\d.])(\d{4})\s?([/.-])\s?(\d{1,2})\s?\2\s?(\d{1,2})(?![\d/])/g, read: (m) => ymd(num(m[1]), num(m[3]), num(m[4])) },
  // 17.06.2018 · 17.6.2018 · 17. 6. 2018: dots are day-first in every locale that writes them
  { rule: 'day.month.year', re: /(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d)/g, read: (m) => ymd(num(m[3]), num(m[2]), num(m[1])) },
  // 17/06/2018 · 06/17/2018 · 17-06-2018: the order comes from a value above 12, else from the locale
  {
    rule: 'numeric',
    re: /(?<![\d/.-])(\d{1,2})([/-])(\d{1,2})\2(\d{4})(?!\d)/g,
    read: (m, lang) => {
      const [d, mo] = dayMonth(num(m[1]), num(m[3]), lang);
      return ymd(num(m[4]), mo, d);
    },
  },
];

/**
 * A time right after the date: `10:26 pm`, `kl. 10:26`, `um 10:00 uhr`, `à 14h30`, `klo 10.26`,
 * `, 上午10:00`, `10時05分`. A dot between hour and minutes is read only after a word that announces a time.
 */
const TIME = new RegExp(
  String.raw`^[\s,·|@–—-]*(?:(kl|klo|kello|um|om|à|a las|a la|alle|ore|às|at|o|godz|в|le)\.?\s*)?(上午|下午|午前|午後|오전|오후)?\s*(\d{1,2})\s*(:|h|時|시|\.)\s*(\d{2})(?:\s*[:.]\s*(\d{2}))?\s*(?:分|분)?\s*(?:(a\.?\s?m\.?|p\.?\s?m\.?)(?![\p{L}]))?`,
  'u',
);

function readTime(rest: string): string | null {
  const m = TIME.exec(rest);
  if (!m) return null;
  // `17.06.2018 10.15` may be a time, `… 2018 3.5` is not: a dotted time needs `kl.`, `klo`, `um`, `om`.
  if (m[4] === '.' && !m[1]) return null;
  let h = num(m[3]);
  const min = num(m[5]);
  const s = m[6] === undefined ? 0 : num(m[6]);
  const half = m[7]?.replace(/[.\s]/g, '') ?? (m[2] ? (/上午|午前|오전/.test(m[2]) ? 'am' : 'pm') : undefined);
  if (half) {
    if (h < 1 || h > 12) return null;
    if (half === 'pm' && h < 12) h += 12;
    if (half === 'am' && h === 12) h = 0;
  }
  if (h > 23 || min > 59 || s > 59) return null;
  return `${pad(h)}:${pad(min)}:${pad(s)}`;
}

/** The first date the text shows (by the pattern order above) and the time written right after it. */
export function parseLocalDate(text: string, hints: DateHints = {}): LocalDate | null {
  const t = normalise(text);
  if (!/\d/.test(t)) return null;
  const lang = hints.lang && primaryLanguage(hints.lang) ? hints.lang : undefined;
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (const m of t.matchAll(p.re)) {
      const date = p.read(m, lang);
      if (!date) continue;
      const time = readTime(t.slice(m.index + m[0].length, m.index + m[0].length + 40));
      return { date, time, rule: p.rule };
    }
  }
  return null;
}
