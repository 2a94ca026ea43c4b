/**
 * Text as WordPress prints it: entity escaping (wptexturize's numeric entities, `&#038;` for a bare
 * ampersand in titles), dates in each language's own format, and sanitize_title's locale-aware slugs.
 */
import type { Language } from './types.ts';

/**
 * HTML-escapes text the way WordPress's title filters do: `&` becomes `&#038;`, typographic quotes,
 * dashes and the ellipsis become numeric entities (wptexturize writes them so), `<`/`>` are escaped.
 */
export function escTitle(text: string): string {
  return entityize(text.replace(/&/g, '&#038;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** Escapes text for an attribute value in double quotes. */
export function escAttr(text: string): string {
  return entityize(text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** esc_url(): WordPress writes the `&` between query parameters of a link as `&#038;`. */
export function escUrl(url: string): string {
  return url.replace(/&/g, '&#038;');
}

/** Escapes plain text for element content (comment authors, widget text). */
export function escText(text: string): string {
  return entityize(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

const TEXTURIZED = /[\u2013\u2014\u2018\u2019\u201C\u201D\u201E\u2026\u2192\u2190]/g;

/** wptexturize output: the typographic characters as numeric entities. */
export function entityize(html: string): string {
  return html.replace(TEXTURIZED, (c) => `&#${c.codePointAt(0)};`);
}

/**
 * Makes HTML safe for a Latin-1 page: every character above U+00FF becomes a numeric entity, as WordPress
 * stored them on blogs whose blog_charset was ISO-8859-1.
 */
export function latin1Safe(html: string): string {
  return html.replace(/[^\u0000-\u00FF]/gu, (c) => `&#${c.codePointAt(0)};`);
}

/** Plain text of a small HTML fragment: tags dropped, the few entities used here decoded, spaces collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const MONTHS: Record<Language, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  nb: ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
};

export interface LocalDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Parses the data files' `YYYY-MM-DD HH:MM` local time. */
export function parseLocal(s: string): LocalDate {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(s);
  if (!m) throw new Error(`bad date ${JSON.stringify(s)}: expected YYYY-MM-DD HH:MM`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]) };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2013-06-05` */
export function isoDay(d: LocalDate): string {
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** `2013-06-05T10:12:00+00:00`, the `datetime` attribute WordPress themes print. */
export function isoDateTime(d: LocalDate, offset: string): string {
  return `${isoDay(d)}T${pad(d.hour)}:${pad(d.minute)}:00${offset}`;
}

/** RFC 822 date in GMT, as WordPress feeds write pubDate (so a post after midnight local may show the day before). */
export function rfc822(d: LocalDate, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [oh, om] = offset.slice(1).split(':').map(Number) as [number, number];
  const utc = Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute) - sign * (oh * 60 + om) * 60_000;
  return new Date(utc).toUTCString().replace('GMT', '+0000');
}

/** The date as the theme displays it: `June 5, 2013`, `6. November 2012`, `4. mars 2016`, `5. maj 2010`. */
export function displayDate(d: LocalDate, lang: Language): string {
  const month = MONTHS[lang][d.month - 1]!;
  return lang === 'en' ? `${month} ${d.day}, ${d.year}` : `${d.day}. ${month} ${d.year}`;
}

/** The time as a comment's date shows it: `9:14 am` / `9:14` / `kl. 09:14`. */
export function displayTime(d: LocalDate, lang: Language): string {
  if (lang === 'en') return `${d.hour % 12 === 0 ? 12 : d.hour % 12}:${pad(d.minute)} ${d.hour < 12 ? 'am' : 'pm'}`;
  if (lang === 'de') return `${d.hour}:${pad(d.minute)}`;
  return `kl. ${pad(d.hour)}:${pad(d.minute)}`;
}

/** `June 2013` / `November 2012` / `mars 2016`: the archive widget's and month archive's label. */
export function monthLabel(year: number, month: number, lang: Language): string {
  return `${MONTHS[lang][month - 1]!} ${year}`;
}

/**
 * sanitize_title for tag names: remove_accents with the locale's own rules (de_DE: ä → ae; da_DK: å → aa,
 * ø → oe; other locales: æ → ae, ø → o, å → a), lower case, spaces to hyphens, other punctuation dropped.
 */
export function wpSlug(name: string, lang: Language): string {
  let s = name;
  if (lang === 'de') s = s.replace(/Ä/g, 'Ae').replace(/ä/g, 'ae').replace(/Ö/g, 'Oe').replace(/ö/g, 'oe').replace(/Ü/g, 'Ue').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
  if (lang === 'da') s = s.replace(/Æ/g, 'Ae').replace(/æ/g, 'ae').replace(/Ø/g, 'Oe').replace(/ø/g, 'oe').replace(/Å/g, 'Aa').replace(/å/g, 'aa');
  s = s.replace(/Æ/g, 'AE').replace(/æ/g, 'ae').replace(/Ø/g, 'O').replace(/ø/g, 'o').replace(/ß/g, 'ss');
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, '')
    .replace(/[^a-z0-9\s_-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .replace(/-{2,}/g, '-');
}

/** MySQL utf8_general_ci-like order for term names: case and accents ignored. */
export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });
}
