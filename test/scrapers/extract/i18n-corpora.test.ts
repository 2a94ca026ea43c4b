/**
 * The date and comment-count texts of three real WordPress mirrors (../shared/corpora: an English theme
 * on a Finnish-Swedish site, Yoko in Norwegian, a custom German theme), read by parseDateText,
 * parseLocalDate and parseCommentCount and compared with truth WordPress wrote itself: the oracle's
 * local dates and counts, and the UTC `pubDate` of every comment in the per-post comment feeds (the time a
 * page shows must be that UTC minute plus a whole-hour European offset: a misread `pm` is 12 hours off).
 * The elements are picked with each theme's own markup (from CORPUS.md): this tests the readers of text,
 * not which element a page reader chooses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { load, type CheerioAPI } from 'cheerio';
import { offsetBetween, parseDateText, parseLocalDate, parseRfc822, readPageLang } from '../../../src/scrapers/extract/dates.ts';
import { parseCommentCount } from '../../../src/scrapers/extract/comment-count.ts';

const ROOT = new URL('../../../../shared/corpora/', import.meta.url);

interface OraclePost { path: string; date_local: string; comments: number }
interface Theme {
  name: string;
  timezone: string;
  /** The post's own date line, its displayed count(s), and each comment's date line. */
  date: string;
  counts: string[];
  commentDate: string;
}

const THEMES: Theme[] = [
  // liquorice: `<p class="date"><small>25.02.2016 by henrik`, `<h2 id="comments">3 Comments »`, comments `16.03.2016 at 12:41`.
  { name: 'hfors-arkiv', timezone: 'Europe/Helsinki', date: 'p.date small', counts: ['h2#comments'], commentDate: '.commentmetadata' },
  // Yoko (nb-NO): `april 17, 2009`, a `#respond`/`#comments` link `2 kommentarer`, `Én kommentar`, `mars 19, 2009, kl. 9:01 pm`.
  { name: 'kamfjord', timezone: 'Europe/Oslo', date: 'span.entry-date', counts: ['.single-entry-header a[href$="#respond"], .single-entry-header a[href$="#comments"]', '#comments-title'], commentDate: '.commentmetadata' },
  // tkk (de-DE): `09/03/2014 · Flo`, a bare `0` in `a.comment-now`, `Keine Kommentare`, comments `30/11/2010 — 18:18`.
  { name: 'tanzundklang', timezone: 'Europe/Berlin', date: 'div.entry div.meta', counts: ['div.comment-count a.comment-now', 'h2#comments'], commentDate: '.comment-author small' },
];

const loadPage = (file: URL): CheerioAPI => load(readFileSync(file, 'utf8'), { xml: { xmlMode: false, decodeEntities: true } });

/** `YYYY-MM-DD HH:MM` of an instant on the wall clock of a time zone (ICU's tz data), for the summary line. */
function wallClock(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

for (const theme of THEMES) {
  test(`${theme.name}: every post's date and comment count as the site shows them, and every comment's local time`, () => {
    const dir = new URL(`${theme.name}/`, ROOT);
    assert.ok(existsSync(new URL('oracle.json', dir)), `the corpus ${theme.name} is missing: the tests need ../shared/corpora beside the repository`);
    const posts = (JSON.parse(readFileSync(new URL('oracle.json', dir), 'utf8')) as { posts: OraclePost[] }).posts;
    let dates = 0;
    let counts = 0;
    let comments = 0;
    let inZone = 0;
    const offsets = new Set<string>();
    for (const post of posts) {
      const page = new URL(`site${post.path}index.html`, dir);
      const $ = loadPage(page);
      const lang = readPageLang($);
      const dateText = $(theme.date).first().text();
      assert.equal(parseDateText(dateText, { lang }), post.date_local, `${post.path}: ${JSON.stringify(dateText.trim().slice(0, 60))}`);
      dates++;
      for (const sel of theme.counts) {
        const el = $(sel).first();
        if (el.length === 0) continue;
        assert.equal(parseCommentCount(el.text())?.value, post.comments, `${post.path} ${sel}: ${JSON.stringify(el.text().trim())}`);
        counts++;
      }
      // Each comment's shown date and time against its feed item's UTC pubDate on the site's wall clock.
      const feed = new URL('feed/index.html', page);
      if (!existsSync(feed)) continue;
      const $f = load(readFileSync(feed, 'utf8'), { xml: true });
      for (const item of $f('item').toArray()) {
        const id = /#comment-(\d+)/.exec($f(item).find('link').text())?.[1];
        const utc = parseRfc822($f(item).find('pubDate').text());
        const shown = $(`#comment-${id}, #li-comment-${id}`).first().find(theme.commentDate).first().text();
        if (!id || !utc || !shown) continue;
        const local = parseLocalDate(shown, { lang });
        assert.ok(local?.time, `${post.path} comment ${id}: no time read in ${JSON.stringify(shown.trim())}`);
        // The page shows the feed's UTC minute plus the site's offset as WordPress was set then: a zone
        // (`Europe/Oslo`) or a fixed `gmt_offset` (hfors shows +2 all year, tanzundklang 0 in 2010).
        const offset = offsetBetween(local, utc);
        const where = `${post.path} comment ${id}: ${JSON.stringify(shown.trim())} vs ${utc}`;
        assert.ok(offset && ['+00:00', '+01:00', '+02:00', '+03:00'].includes(offset), `${where}: offset ${offset} is no European site's`);
        offsets.add(offset);
        // With that offset, the text gives back the feed's moment to the minute.
        const dt = parseDateText(shown, { lang, offset });
        assert.equal(Math.floor(Date.parse(dt!) / 6e4), Math.floor(Date.parse(utc) / 6e4), where);
        if (wallClock(utc, theme.timezone) === `${local.date} ${local.time.slice(0, 5)}`) inZone++;
        comments++;
      }
    }
    // Each corpus really exercised every reader (a selector that matched nothing would pass silently).
    assert.equal(dates, posts.length);
    assert.ok(counts >= posts.length, `${theme.name}: only ${counts} count texts read`);
    assert.ok(comments > 0, `${theme.name}: no comment dates compared`);
    console.log(`# ${theme.name}: ${dates} dates and ${counts} count texts as the oracle; ${comments} comment times shown in UTC${[...offsets].sort().join(" | ")} (${inZone} on ${theme.timezone} time)`);
  });
}
