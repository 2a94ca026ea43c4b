/**
 * Dates as the Swedish WordPress sites wrote them. Local time is Europe/Stockholm (CET, CEST in summer),
 * computed here rather than through Intl so the replica is identical on machines without full ICU.
 */

export interface LocalDateTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
}

const MONTHS_SV = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const DAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day of month of the last Sunday of a month. */
function lastSunday(year: number, month: number): number {
  const last = daysInMonth(year, month);
  const dow = new Date(Date.UTC(year, month - 1, last)).getUTCDay();
  return last - dow;
}

/** EU summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
export function stockholmOffsetHours(t: LocalDateTime): number {
  const localMs = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  const start = Date.UTC(t.year, 2, lastSunday(t.year, 3), 2, 0); // 02:00 local CET = 01:00 UTC
  const end = Date.UTC(t.year, 9, lastSunday(t.year, 10), 3, 0); // 03:00 local CEST = 01:00 UTC
  return localMs >= start && localMs < end ? 2 : 1;
}

/** `2013-12-11T09:30:00+01:00` */
export function isoLocal(t: LocalDateTime): string {
  const off = stockholmOffsetHours(t);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:00+${pad(off)}:00`;
}

/** `11 december 2013`, the date format of the Swedish themes. */
export function swedishDate(t: LocalDateTime): string {
  return `${t.day} ${MONTHS_SV[t.month - 1]} ${t.year}`;
}

/** `december 2013`, as month archive headings and the archives widget show it. */
export function swedishMonth(year: number, month: number): string {
  return `${MONTHS_SV[month - 1]} ${year}`;
}

/** `11 december 2013 kl. 09:30`, the comment timestamp. */
export function swedishDateTime(t: LocalDateTime): string {
  return `${swedishDate(t)} kl. ${pad(t.hour)}:${pad(t.minute)}`;
}

/** RFC 822 in UTC with +0000, as WordPress feeds write pubDate. */
export function rfc822(t: LocalDateTime): string {
  const ms = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) - stockholmOffsetHours(t) * 3600_000;
  const d = new Date(ms);
  return `${DAYS_EN[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS_EN[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00 +0000`;
}

/** Sort key: minutes since the epoch, local time (order is all it is used for). */
export function sortKey(t: LocalDateTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) / 60_000;
}

/** A local time `minutes` later, calendar-correct. */
export function addMinutes(t: LocalDateTime, minutes: number): LocalDateTime {
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) + minutes * 60_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}
