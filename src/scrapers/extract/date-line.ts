/**
 * A post's date where the theme marks none (no `<time>`, no `.entry-date`, no article:published_time):
 * a short line of the article that reads as a date ("09/03/2014 · Flo", "25.02.2016 by henrik"), checked
 * against the permalink, whose /%year%/%monthnum%/%day%/ WordPress builds from the same local date; with
 * no line at all, a permalink with a full date is that date.
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { type Found, cleanText } from './text.ts';
import { parseDateText } from './dates.ts';
import { find, inside } from './select.ts';

/** `{year, month, day}` of a permalink like `/2014/03/slug/` or `/2016/02/25/slug/`. */
export function permalinkDate(url: string): { year: string; month: string | null; day: string | null } | null {
  const m = /\/((?:19|20)\d\d)\/(\d\d)\/(?:(\d\d)\/)?[^/]+\/?$/.exec(new URL(url).pathname);
  return m ? { year: m[1]!, month: m[2]!, day: m[3] ?? null } : null;
}

function agrees(date: string, p: ReturnType<typeof permalinkDate>): boolean {
  if (!p) return true;
  return date.slice(0, 4) === p.year && (!p.month || date.slice(5, 7) === p.month) && (!p.day || date.slice(8, 10) === p.day);
}

export function readDateLine($: CheerioAPI, scope: Cheerio<AnyNode>, url: string): Found<string> | null {
  const p = permalinkDate(url);
  for (const el of find(scope, 'p, small, span, div, li, em, strong, h3, h4, h5, h6').toArray()) {
    if (inside(el, '.comment, .comment-body, #comments, #respond, .widget, #sidebar, .sidebar, aside, nav, footer')) continue;
    const text = cleanText($(el).text());
    if (!text || text.length > 80) continue;
    const d = parseDateText(text);
    if (d && agrees(d, p)) return { value: d, rule: 'text:date-line' };
  }
  if (p?.day) return { value: `${p.year}-${p.month}-${p.day}`, rule: 'url:permalink-date' };
  return null;
}
