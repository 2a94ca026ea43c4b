/**
 * Dates as WXR writes them: `wp:post_date` in the blog's local time (`YYYY-MM-DD HH:MM:SS`) and
 * `wp:post_date_gmt` in UTC. Where the old site gave no offset (or only a day) the GMT date is unknown,
 * and WordPress's own marker for that is `0000-00-00 00:00:00`: its importer then derives it from the
 * local date and the new site's time zone.
 */
const UNKNOWN = '0000-00-00 00:00:00';

export function wpDates(published: string | null): { local: string; gmt: string } {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(published ?? '');
  if (!m) return { local: UNKNOWN, gmt: UNKNOWN };
  const local = `${m[1]} ${m[2] ?? '00:00'}:${m[3] ?? '00'}`;
  if (!m[2] || !m[4]) return { local, gmt: UNKNOWN };
  const t = new Date(published!);
  if (Number.isNaN(t.getTime())) return { local, gmt: UNKNOWN };
  return { local, gmt: t.toISOString().slice(0, 19).replace('T', ' ') };
}

/** RSS 2.0's pubDate (RFC 822), as WordPress writes it: `Wed, 05 Jun 2013 08:20:00 +0000`. */
export function rfc822(published: string): string {
  const t = new Date(/T/.test(published) ? published : `${published}T00:00:00Z`);
  return Number.isNaN(t.getTime()) ? '' : t.toUTCString().replace('GMT', '+0000');
}
