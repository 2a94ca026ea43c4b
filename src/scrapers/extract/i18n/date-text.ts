/**
 * Dates in words or digits as WordPress themes print them, in the languages of `months.ts`: the locale's
 * `date_format` (`F j, Y`, `j. F Y`, `j \d\e F \d\e Y`, `d/m/Y`, `d.m.Y`, `Y/m/d`, `Y年n月j日`), with
 * weekday prefixes, ordinals (`17th`, `1er`, `1º`) and a time after the date (`kl. 10:26 pm`, `um 10:00
 * Uhr`, `à 14h30`, `klo 10.26`, `下午3:05`).
 *
 * The result is a local date, as the page shows it. A time is returned beside it, never turned into UTC:
 * only a caller that knows the site's offset (from a feed or `article:published_time`) may join the two.
 */
import { monthNumber } from './months.ts';

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
    // A number then a word of 3+ letters (`17juni`); shorter ones are ordinals and clock marks (`17th`, `1er`, `14h30`, `pm`).
    .replace(/(\d)([\p{Script=Latin}\p{Script=Cyrillic}]{3,})/gu, '$1 $2')
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

/** What may stand between a date and its time: separators, `г.`/`r.` after a year, a CJK weekday. */
const GAP = String.raw`(?:\s|[.,·|@–—-]|г\.|r\.|\(?[月火水木金土日]\)?(?:曜日)?|(?:星期|周|週)[一二三四五六日天]|[월화수목금토일]요일)*`;
/** Words that announce a time, in any number (`alle ore`, `kl.`, `um`, `à`, `klo`, `v`, `в`). */
const MARKER = String.raw`(?:(?:kl|klo|kello|um|om|à|a las|a la|alle|ore|às|at|o|godz|v|в|le)\.?\s*)*`;
/** CJK and Korean half-day words before the time; `中午` (noon) and the evening words are afternoon. */
const HALF_BEFORE = String.raw`(上午|早上|清晨|凌晨|午夜|午前|오전|下午|傍晚|晚上|中午|午後|오후|am|pm|a\.m\.|p\.m\.)?`;
const AM = /^(上午|早上|清晨|凌晨|午夜|午前|오전|am)$/u;

/**
 * A time right after the date: `10:26 pm`, `kl. 10:26`, `um 10:00 uhr`, `à 14h30`, `klo 10.26`,
 * `, 上午10:00`, `10時05分`, `PM 10:07`. A dot between hour and minutes (`klo 10.26`, `2018, 22.07`) is
 * read only after a word that announces a time or a comma, so `… 2018 3.50` is no time.
 */
const TIME = new RegExp(
  String.raw`^(${GAP})(${MARKER})${HALF_BEFORE}\s*(\d{1,2})\s*(:|h|時|시|\.)\s*(\d{2})(?:\s*[:.]\s*(\d{2}))?\s*(?:分|분)?\s*(?:(a\.?\s?m\.?|p\.?\s?m\.?)(?![\p{L}]))?`,
  'u',
);

function readTime(rest: string): string | null {
  const m = TIME.exec(rest);
  if (!m) return null;
  const [, gap, marker, before, hour, sep, minutes, seconds, after] = m;
  if (sep === '.' && !marker && !gap!.includes(',')) return null;
  let h = num(hour);
  const min = num(minutes);
  const s = seconds === undefined ? 0 : num(seconds);
  const half = (after ?? before)?.replace(/[.\s]/g, '');
  if (half) {
    if (h < 1 || h > 12) return null;
    const am = AM.test(half);
    if (!am && h < 12) h += 12;
    if (am && h === 12) h = 0;
  }
  if (h > 23 || min > 59 || s > 59) return null;
  return `${pad(h)}:${pad(min)}:${pad(s)}`;
}

/** The first date the text shows (by the pattern order above) and the time written right after it. */
export function parseLocalDate(text: string, hints: DateHints = {}): LocalDate | null {
  const t = normalise(text);
  if (!/\d/.test(t)) return null;
  const lang = hints.lang?.trim() || undefined;
  for (const p of PATTERNS) {
    for (const m of t.matchAll(p.re)) {
      const date = p.read(m, lang);
      if (!date) continue;
      const time = readTime(t.slice(m.index + m[0].length, m.index + m[0].length + 40));
      return { date, time, rule: p.rule };
    }
  }
  return null;
}
