import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { load } from 'cheerio';
import { offsetBetween, parseDateText, parseIsoDate, parseLocalDate, parseRfc822, readPublished } from '../../../src/scrapers/extract/dates.ts';

// Each form is one a WordPress locale prints with its default `date_format` / `time_format`, a common
// theme's variant, or what the three real corpora show (`25.02.2016 by henrik`, `juni 1, 2017`, `09/03/2014`).
const BY_LANGUAGE: Record<string, [string, string][]> = {
  sv: [['17 juni 2018', '2018-06-17'], ['Publicerat den 2 oktober 2012', '2012-10-02'], ['söndag 17 juni 2018 kl. 10:00', '2018-06-17'], ['1:a maj 2013', '2013-05-01'], ['17 aug 2018', '2018-08-17']],
  nb: [['17. juni 2018', '2018-06-17'], ['søndag 17. juni 2018', '2018-06-17'], ['juni 1, 2017', '2017-06-01'], ['17. des. 2012', '2012-12-17'], ['mars 22, 2011, kl. 10:26 pm', '2011-03-22']],
  nn: [['sundag 17. juni 2018', '2018-06-17'], ['3. mai 2016', '2016-05-03'], ['17. desember 2013 kl. 09:30', '2013-12-17']],
  da: [['17. juni 2018', '2018-06-17'], ['5. marts 2013', '2013-03-05'], ['17. okt. 2012 kl. 10.15', '2012-10-17'], ['søndag den 17. juni 2018', '2018-06-17']],
  fi: [['17.6.2018', '2018-06-17'], ['17. kesäkuuta 2018', '2018-06-17'], ['kesäkuu 17, 2018', '2018-06-17'], ['sunnuntai 17. kesäkuuta 2018 klo 10.26', '2018-06-17'], ['5. joulukuuta 2012', '2012-12-05']],
  de: [['17. Juni 2018', '2018-06-17'], ['5. März 2013', '2013-03-05'], ['5. Mrz 2013', '2013-03-05'], ['6. Okt. 2012', '2012-10-06'], ['17.06.2018 um 10:00 Uhr', '2018-06-17'], ['5. Jänner 2013', '2013-01-05'], ['Sonntag, 17. Juni 2018', '2018-06-17'], ['09/03/2014 · Flo · Kategorie: Allgemein', '2014-03-09']],
  nl: [['17 juni 2018', '2018-06-17'], ['17 mrt 2018', '2018-03-17'], ['17-06-2018 om 10:00', '2018-06-17'], ['zondag 17 juni 2018', '2018-06-17'], ['3 mei 2015', '2015-05-03']],
  fr: [['17 juin 2018', '2018-06-17'], ['1er juin 2018', '2018-06-01'], ['dimanche 17 juin 2018 à 14h30', '2018-06-17'], ['17 déc. 2018', '2018-12-17'], ['5 mai 2013', '2013-05-05'], ['17 août 2018', '2018-08-17'], ['le 3 févr. 2014', '2014-02-03']],
  es: [['17 de junio de 2018', '2018-06-17'], ['domingo, 17 de junio de 2018', '2018-06-17'], ['17 dic. 2018', '2018-12-17'], ['1º de septiembre de 2018', '2018-09-01'], ['17 de junio de 2018 a las 10:00', '2018-06-17'], ['5 ene 2014', '2014-01-05']],
  it: [['17 giugno 2018', '2018-06-17'], ['17 ago 2018', '2018-08-17'], ['17 giugno 2018 alle 10:00', '2018-06-17'], ['domenica 17 giugno 2018', '2018-06-17'], ['3 gen 2012', '2012-01-03']],
  pt: [['17 de junho de 2018', '2018-06-17'], ['17 de junho de 2018 às 10:00', '2018-06-17'], ['1º de setembro de 2018', '2018-09-01'], ['5 de março de 2013', '2013-03-05'], ['17 out 2018', '2018-10-17']],
  en: [['June 17, 2018', '2018-06-17'], ['Sunday, June 17, 2018', '2018-06-17'], ['17th June 2018', '2018-06-17'], ['June 17th, 2018', '2018-06-17'], ['17th of June 2018', '2018-06-17'], ['Jun 17, 2018 @ 10:00 am', '2018-06-17'], ['February 25, 2016 by henrik', '2016-02-25'], ['Posted on 2nd May 2013', '2013-05-02']],
  ja: [['2018年6月17日', '2018-06-17'], ['2018年06月17日 10:00', '2018-06-17'], ['2018年6月17日(日)', '2018-06-17'], ['2018/06/17', '2018-06-17'], ['２０１８年６月１７日', '2018-06-17']],
  'zh-Hans': [['2018年6月17日', '2018-06-17'], ['2018年6月17日 下午3:05', '2018-06-17'], ['2018-06-17', '2018-06-17']],
  'zh-Hant': [['2018 年 6 月 17 日', '2018-06-17'], ['2018年6月17日 晚上10:07', '2018-06-17']],
  ko: [['2018년 6월 17일', '2018-06-17'], ['2018. 6. 17. PM 10:07', '2018-06-17']],
  pl: [['17 listopada 2018', '2018-11-17'], ['3 maja 2015', '2015-05-03']],
};

test('dates in the words and digits of 17 languages, weekday prefixes, ordinals and times after them', () => {
  for (const [lang, cases] of Object.entries(BY_LANGUAGE)) {
    for (const [text, want] of cases) {
      assert.equal(parseDateText(text), want, `${lang}: ${text}`);
      assert.equal(parseDateText(text, { lang }), want, `${lang} with hint: ${text}`);
    }
  }
});

test('text split across elements: `6. Nov<br>2012` and date parts in separate spans', () => {
  assert.equal(parseDateText('6. Nov2012'), '2012-11-06', 'cheerio text() joins <br>-separated text');
  const $ = load('<html lang="de-DE"><body><article><span class="entry-date">6. Nov<br>2012</span></article><div class="post"><span class="post-date"><span>Jun</span><span>17</span><span>2018</span></span></div></body></html>');
  assert.equal(readPublished($, $('article'))?.value, '2012-11-06');
  assert.equal(readPublished($, $('div.post'))?.value, '2018-06-17');
});

test('DD/MM or MM/DD: a value above 12 decides, then the page locale, then day-first', () => {
  assert.equal(parseDateText('05/06/2013', { lang: 'en-US' }), '2013-05-06');
  assert.equal(parseDateText('05/06/2013', { lang: 'en-GB' }), '2013-06-05');
  assert.equal(parseDateText('05/06/2013', { lang: 'de-DE' }), '2013-06-05');
  assert.equal(parseDateText('05/06/2013'), '2013-06-05', 'no hint: day-first, as most locales write it');
  assert.equal(parseDateText('06/17/2018'), '2018-06-17', '17 cannot be a month');
  assert.equal(parseDateText('17/06/2018', { lang: 'en-US' }), '2018-06-17', 'a value above 12 beats the locale');
  assert.equal(parseDateText('05.06.2013', { lang: 'en-US' }), '2013-06-05', 'dots are day-first everywhere');
  // readPublished takes the hint from <html lang> itself.
  const page = (lang: string) => load(`<html lang="${lang}"><body><article><span class="entry-date">05/06/2013</span></article></body></html>`);
  const us = page('en-US');
  const sv = page('sv-SE');
  assert.equal(readPublished(us, us('article'))?.value, '2013-05-06');
  assert.equal(readPublished(sv, sv('article'))?.value, '2013-06-05');
});

test('a month word two languages read differently is read in the page language', () => {
  assert.equal(parseDateText('17 listopada 2018'), '2018-11-17', 'Polish by default: November');
  assert.equal(parseDateText('17 listopada 2018', { lang: 'hr' }), '2018-10-17', 'Croatian: October');
  assert.equal(parseDateText('17. listopadu 2018', { lang: 'cs-CZ' }), '2018-11-17');
});

test('times are kept as local times; a date-time only with an offset the caller knows, never invented UTC', () => {
  assert.deepEqual(parseLocalDate('mars 22, 2011, kl. 10:26 pm'), { date: '2011-03-22', time: '22:26:00', rule: 'month-day-year' });
  assert.equal(parseLocalDate('March 5, 2013 at 12:05 am')?.time, '00:05:00');
  assert.equal(parseLocalDate('March 5, 2013 at 12:05 pm')?.time, '12:05:00');
  assert.equal(parseLocalDate('17. Juni 2018 um 10:00 Uhr')?.time, '10:00:00');
  assert.equal(parseLocalDate('le 17 juin 2018 à 14h30')?.time, '14:30:00');
  assert.equal(parseLocalDate('17.6.2018 klo 10.26')?.time, '10:26:00');
  assert.equal(parseLocalDate('2018年6月17日 下午3:05')?.time, '15:05:00');
  assert.equal(parseLocalDate('2018年6月17日 10時05分')?.time, '10:05:00');
  assert.equal(parseLocalDate('17 juni 2018 3.50')?.time, null, 'a dotted number without `kl.` is no time');
  assert.equal(parseLocalDate('17 juni 2018 3 kommentarer')?.time, null);
  assert.equal(parseLocalDate('17 juni 2018 kl. 25:00')?.time, null);
  assert.equal(parseDateText('5 juni 2013 kl. 10:15'), '2013-06-05', 'no offset known: only the date');
  assert.equal(parseDateText('5 juni 2013 kl. 10:15', { offset: '+02:00' }), '2013-06-05T10:15:00+02:00');
  assert.equal(parseDateText('5 juni 2013 kl. 10:15', { offset: '+0100' }), '2013-06-05T10:15:00+01:00');
  assert.equal(parseDateText('5 juni 2013', { offset: '+02:00' }), '2013-06-05', 'no time shown: no time made up');
});

test('the offset a site shows its times in, from one shown time and its UTC moment', () => {
  const shown = parseLocalDate('mars 19, 2009, kl. 9:01 pm')!;
  assert.equal(offsetBetween(shown, '2009-03-19T20:01:00+00:00'), '+01:00');
  assert.equal(offsetBetween(shown, 'Thu, 19 Mar 2009 20:01:59 GMT'), '+01:00', 'seconds are not shown: cut to the minute');
  assert.equal(offsetBetween(shown, '2009-03-20T02:01:00Z'), '-05:00');
  assert.equal(offsetBetween(shown, '2009-03-19T15:16:00Z'), '+05:45');
  assert.equal(offsetBetween(shown, '2009-03-19T20:08:00Z'), null, 'seven minutes is no offset');
  assert.equal(offsetBetween(shown, '2009-03-18T20:01:00Z'), null, 'a day is no offset');
  assert.equal(offsetBetween(parseLocalDate('19 mars 2009')!, '2009-03-19T20:01:00Z'), null, 'no time shown');
});

test('text that holds no date is no date', () => {
  for (const text of ['31 februari 2013', 'juni 2013', '2013', 'Kategori EU', '3 kommentarer', 'Platte der Woche # 180', '12/13/14/2015', '1.2.3', '13/13/2013', '']) {
    assert.equal(parseDateText(text), null, text);
  }
});

test('ISO and RFC 822 dates keep the offset they carry and never gain one', () => {
  assert.equal(parseIsoDate('2012-10-02T14:05:00+0200'), '2012-10-02T14:05:00+02:00');
  assert.equal(parseIsoDate('2012-10-02T14:05:00.123Z'), '2012-10-02T14:05:00+00:00');
  assert.equal(parseIsoDate('2012-10-02 14:05'), '2012-10-02');
  assert.equal(parseRfc822('Tue, 02 Oct 2012 12:05:00 EDT'), '2012-10-02T12:05:00-04:00');
  assert.equal(parseRfc822('Tue, 2 Oct 2012 9:05:00 +0100'), '2012-10-02T09:05:00+01:00');
});

// An independent reference: ICU's CLDR patterns (Intl.DateTimeFormat) in the locales WordPress ships.
const LOCALES = ['sv-SE', 'nb-NO', 'nn-NO', 'da-DK', 'fi-FI', 'de-DE', 'de-AT', 'nl-NL', 'fr-FR', 'es-ES', 'it-IT', 'pt-PT', 'pt-BR', 'pl-PL', 'cs-CZ', 'ru-RU', 'en-US', 'en-GB', 'ja-JP', 'zh-CN', 'zh-TW', 'ko-KR'];
const day = fc.integer({ min: Date.UTC(1995, 0, 1) / 864e5, max: Date.UTC(2099, 11, 31) / 864e5 });
const minute = fc.integer({ min: 0, max: 24 * 60 - 1 });

test('property: every CLDR long, medium and full date (with and without a short time) of 22 locales reads back', () => {
  fc.assert(
    fc.property(day, minute, fc.constantFrom(...LOCALES), fc.constantFrom('full', 'long', 'medium'), fc.boolean(), (d, min, locale, dateStyle, withTime) => {
      const when = new Date(d * 864e5 + min * 6e4);
      const text = new Intl.DateTimeFormat(locale, { dateStyle, timeStyle: withTime ? 'short' : undefined, timeZone: 'UTC' }).format(when);
      const got = parseLocalDate(text, { lang: locale });
      const iso = when.toISOString();
      assert.equal(got?.date, iso.slice(0, 10), `${locale} ${dateStyle}: ${text}`);
      assert.equal(got?.time ?? null, withTime ? `${iso.slice(11, 16)}:00` : null, `${locale} time: ${text}`);
      // Without an offset from the caller the answer is a date, whatever the text shows.
      assert.equal(parseDateText(text, { lang: locale }), iso.slice(0, 10));
    }),
    { numRuns: 600 },
  );
});

test('property: numeric WordPress formats d/m/Y, m/d/Y (en-US), d.m.Y, Y/m/d, j.n.Y read back', () => {
  const p2 = (n: number) => String(n).padStart(2, '0');
  fc.assert(
    fc.property(day, (d) => {
      const t = new Date(d * 864e5);
      const [y, m, dd] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
      const want = t.toISOString().slice(0, 10);
      assert.equal(parseDateText(`${p2(dd)}/${p2(m)}/${y}`, { lang: 'en-GB' }), want);
      assert.equal(parseDateText(`${p2(m)}/${p2(dd)}/${y}`, { lang: 'en-US' }), want);
      assert.equal(parseDateText(`${p2(dd)}.${p2(m)}.${y}`), want);
      assert.equal(parseDateText(`${dd}.${m}.${y}`, { lang: 'fi' }), want);
      assert.equal(parseDateText(`${y}/${p2(m)}/${p2(dd)}`), want);
    }),
    { numRuns: 300 },
  );
});
