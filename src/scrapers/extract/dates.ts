/**
 * Dates as themes print them: machine-readable attributes first (`<time datetime>`, `abbr.published[title]`,
 * `article:published_time`), then text in the languages of `i18n/months.ts` (`5 juni 2013`, `6. Nov 2012`,
 * `June 5, 2013`, `2013-06-05`, `05.06.2013`, `2018年6月17日`; see `i18n/date-text.ts`).
 * Dates stay the site's local dates: an offset is kept where the source gives one, and never invented.
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { hasChildren } from 'domhandler';
import { type Found, metaContent } from './text.ts';
import { find, inside, matches } from './select.ts';
import { type DateHints, type LocalDate, parseLocalDate, ymd } from './i18n/date-text.ts';
import { monthNumber } from './i18n/months.ts';

export { parseLocalDate, type LocalDate, type DateHints } from './i18n/date-text.ts';

/** A `±HH:MM` offset from `Z`, `+0200`, `+02`, `-05:00`, or null when it is none of those. */
function normaliseOffset(z: string): string | null {
  if (z === 'Z' || z === 'z') return '+00:00';
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  return m ? `${m[1]}${m[2]}:${m[3] ?? '00'}` : null;
}

/**
 * A machine-readable date or date-time (ISO 8601 / RFC 3339, as in `datetime` attributes) kept as written
 * when it carries an offset; a date-time without offset is reduced to its date, since its zone is unknown.
 */
export function parseIsoDate(s: string): string | null {
  const t = s.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(t);
  if (!m) return null;
  const date = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!date) return null;
  if (m[4] === undefined || m[7] === undefined) return date;
  const off = normaliseOffset(m[7].toUpperCase());
  if (!off || Number(m[4]) > 23 || Number(m[5]) > 59) return date;
  return `${date}T${m[4]}:${m[5]}:${m[6] ?? '00'}${off}`;
}

/** Options of parseDateText: the page's language, and the site's UTC offset where a caller knows it. */
export interface DateTextOptions extends DateHints {
  /** `+02:00` (or `+0200`, `Z`): with it, a time shown after the date gives a date-time in that offset. */
  offset?: string;
}

/**
 * A date in words or digits as a theme prints it, to `YYYY-MM-DD`, or null. With `offset` and a time in
 * the text (`5 juni 2013 kl. 10:15`), `YYYY-MM-DDTHH:MM:SS±HH:MM`: the time as shown, in the offset given.
 */
export function parseDateText(text: string, options: DateTextOptions = {}): string | null {
  const hit = parseLocalDate(text, options);
  if (!hit) return null;
  const off = options.offset ? normaliseOffset(options.offset.trim()) : null;
  return hit.time && off ? `${hit.date}T${hit.time}${off}` : hit.date;
}

/**
 * The UTC offset a site displays times in, from one moment it shows as text (`parseLocalDate`) and the same
 * moment in UTC (a comment feed's `pubDate`): WordPress prints UTC plus its `gmt_offset` setting, which is
 * often a fixed offset rather than a zone's, so the offset is evidence to take from the site itself.
 * Pages show minutes only, so the UTC time is cut to its minute; null unless whole quarter hours within ±14 h.
 */
export function offsetBetween(local: LocalDate, utcIso: string): string | null {
  const utc = Date.parse(utcIso);
  if (!local.time || Number.isNaN(utc)) return null;
  const minutes = Date.parse(`${local.date}T${local.time.slice(0, 5)}:00Z`) / 6e4 - Math.floor(utc / 6e4);
  if (!Number.isInteger(minutes) || minutes % 15 !== 0 || Math.abs(minutes) > 14 * 60) return null;
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** The offsets RFC 822 names (section 5.1); military one-letter zones are too rare and ambiguous to read. */
const RFC822_ZONES: Record<string, string> = { GMT: '+00:00', UT: '+00:00', UTC: '+00:00', Z: '+00:00', EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00', MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00' };

/** An RFC 822 feed date (`Wed, 05 Jun 2013 08:00:00 +0000`) as ISO 8601 with offset. */
export function parseRfc822(s: string): string | null {
  const m = /(\d{1,2})\s+([A-Za-z]{3})\w*\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|UT|Z|[ECMP][SD]T|[+-]\d{4})?/i.exec(s);
  if (!m) return parseIsoDate(s);
  const date = ymd(Number(m[3]), monthNumber(m[2]!, 'en') ?? 0, Number(m[1]));
  if (!date) return null;
  const z = (m[7] ?? 'GMT').toUpperCase();
  // A feed without a zone is GMT by RFC 822's grammar (the zone is required; WordPress always writes +0000).
  const off = /^[+-]/.test(z) ? `${z.slice(0, 3)}:${z.slice(3)}` : RFC822_ZONES[z] ?? '+00:00';
  return `${date}T${m[4]!.padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}${off}`;
}

const langCache = new WeakMap<CheerioAPI, string | undefined>();

/**
 * The page's language from `<html lang>` (WordPress's `language_attributes()`: `sv-SE`, `en-US`), read
 * once per page: it decides whether `05/06/2013` is day-first, and which month table reads a word first.
 */
export function readPageLang($: CheerioAPI): string | undefined {
  if (langCache.has($)) return langCache.get($);
  const root = $.root()[0]!;
  const html = hasChildren(root) ? root.children.find((c): c is Element => c.type === 'tag' && (c as Element).name === 'html') : undefined;
  const lang = (html?.attribs.lang ?? html?.attribs['xml:lang'])?.trim() || undefined;
  langCache.set($, lang);
  return lang;
}

/** Text with a space at every element boundary: `<span>Jun</span><span>17</span>` is `Jun 17`, not `Jun17`. */
function spacedText(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (!hasChildren(node)) return '';
  const el = node as Element;
  if (el.name === 'script' || el.name === 'style') return '';
  return el.children.map(spacedText).join(' ');
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
      // The element's own text first, then with spaces at element boundaries (`6. Nov<br>2012`).
      const hints = { lang: readPageLang($) };
      const v = parseDateText($(el).text(), hints) ?? parseDateText(spacedText(el), hints) ?? parseDateText(el.attribs.title ?? '', hints);
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
