/**
 * Month names as WordPress locales print them (`date_i18n()` with the locale's `F`, `M` and genitive
 * forms), lower-case, NFKC. One table per language; `monthNumber` consults the page's language first, so a
 * word that means different months in two languages (`listopada`: November in Polish, October in
 * Croatian) is read in the language the page declares, and by the default order below without a hint.
 */

/** The 12 months of a language, January first; each entry lists every spelling of that month. */
type MonthTable = readonly (readonly string[])[];

const T = (...months: string[]): MonthTable => months.map((m) => m.split(' '));

export const MONTHS_BY_LANG: Record<string, MonthTable> = {
  en: T('january jan', 'february feb febr', 'march mar', 'april apr', 'may', 'june jun', 'july jul', 'august aug', 'september sep sept', 'october oct', 'november nov', 'december dec'),
  sv: T('januari jan', 'februari feb', 'mars mar', 'april apr', 'maj', 'juni jun', 'juli jul', 'augusti aug', 'september sep sept', 'oktober okt', 'november nov', 'december dec'),
  // Bokmål and nynorsk share the names; WordPress nb/nn abbreviate with a dot (`okt.`, `des.`).
  nb: T('januar jan', 'februar feb', 'mars mar', 'april apr', 'mai', 'juni jun', 'juli jul', 'august aug', 'september sep sept', 'oktober okt', 'november nov', 'desember des'),
  da: T('januar jan', 'februar feb', 'marts mar', 'april apr', 'maj', 'juni jun', 'juli jul', 'august aug', 'september sep sept', 'oktober okt', 'november nov', 'december dec'),
  // Finnish: nominative (`kesäkuu`), the partitive dates use (`17. kesäkuuta`), and the short stems.
  fi: T('tammikuu tammikuuta tammi', 'helmikuu helmikuuta helmi', 'maaliskuu maaliskuuta maalis', 'huhtikuu huhtikuuta huhti', 'toukokuu toukokuuta touko', 'kesäkuu kesäkuuta kesä', 'heinäkuu heinäkuuta heinä', 'elokuu elokuuta elo', 'syyskuu syyskuuta syys', 'lokakuu lokakuuta loka', 'marraskuu marraskuuta marras', 'joulukuu joulukuuta joulu'),
  // German, with Austrian `Jänner`/`Feber` and both WordPress abbreviations of March (`Mrz`, `Mär`).
  de: T('januar jänner jan jän', 'februar feber feb', 'märz mrz mär mar', 'april apr', 'mai', 'juni jun', 'juli jul', 'august aug', 'september sep sept', 'oktober okt', 'november nov', 'dezember dez'),
  nl: T('januari jan', 'februari feb', 'maart mrt mar', 'april apr', 'mei', 'juni jun', 'juli jul', 'augustus aug', 'september sep sept', 'oktober okt', 'november nov', 'december dec'),
  fr: T('janvier janv jan', 'février févr fév fevrier', 'mars mar', 'avril avr', 'mai', 'juin', 'juillet juil', 'août aout aoû', 'septembre sept sep', 'octobre oct', 'novembre nov', 'décembre déc decembre dec'),
  es: T('enero ene', 'febrero feb', 'marzo mar', 'abril abr', 'mayo may', 'junio jun', 'julio jul', 'agosto ago', 'septiembre setiembre sep sept set', 'octubre oct', 'noviembre nov', 'diciembre dic'),
  it: T('gennaio gen', 'febbraio feb', 'marzo mar', 'aprile apr', 'maggio mag', 'giugno giu', 'luglio lug', 'agosto ago', 'settembre set', 'ottobre ott', 'novembre nov', 'dicembre dic'),
  pt: T('janeiro jan', 'fevereiro fev', 'março marco mar', 'abril abr', 'maio mai', 'junho jun', 'julho jul', 'agosto ago', 'setembro set', 'outubro out', 'novembro nov', 'dezembro dez'),
  // Polish, Czech and Russian dates use the genitive (`17 listopada 2018`, `17. listopadu`, `17 ноября`).
  pl: T('styczeń stycznia sty', 'luty lutego lut', 'marzec marca mar', 'kwiecień kwietnia kwi', 'maj maja', 'czerwiec czerwca cze', 'lipiec lipca lip', 'sierpień sierpnia sie', 'wrzesień września wrz', 'październik października paź', 'listopad listopada lis', 'grudzień grudnia gru'),
  cs: T('leden ledna', 'únor února', 'březen března', 'duben dubna', 'květen května', 'červen června', 'červenec července', 'srpen srpna', 'září', 'říjen října', 'listopad listopadu', 'prosinec prosince'),
  hr: T('siječanj siječnja sij', 'veljača veljače velj', 'ožujak ožujka ožu', 'travanj travnja tra', 'svibanj svibnja svi', 'lipanj lipnja lip', 'srpanj srpnja srp', 'kolovoz kolovoza kol', 'rujan rujna ruj', 'listopad listopada lis', 'studeni studenoga studenog stu', 'prosinac prosinca pro'),
  ru: T('январь января янв', 'февраль февраля февр фев', 'март марта мар', 'апрель апреля апр', 'май мая', 'июнь июня июн', 'июль июля июл', 'август августа авг', 'сентябрь сентября сент сен', 'октябрь октября окт', 'ноябрь ноября нояб ноя', 'декабрь декабря дек'),
};

/** Which table a language tag reads from (`nn` and `no` are Norwegian like `nb`). */
const ALIASES: Record<string, string> = { nn: 'nb', no: 'nb', ca: 'es', gl: 'es', sk: 'cs', bs: 'hr', sr: 'hr' };

/** Without a hint, earlier languages win a word that two tables read differently (Polish before Croatian). */
const DEFAULT_ORDER = ['en', 'sv', 'nb', 'da', 'de', 'nl', 'fr', 'es', 'it', 'pt', 'fi', 'pl', 'cs', 'ru', 'hr'];

function index(langs: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const lang of langs) {
    MONTHS_BY_LANG[lang]!.forEach((names, i) => {
      for (const n of names) if (!map.has(n)) map.set(n, i + 1);
    });
  }
  return map;
}

const DEFAULT_INDEX = index(DEFAULT_ORDER);
const byLang = new Map<string, Map<string, number>>();

/** The primary language of a BCP 47 tag or WordPress locale (`nb-NO`, `pt_BR` → `nb`, `pt`). */
export function primaryLanguage(lang: string | undefined): string | undefined {
  const p = lang?.trim().toLowerCase().split(/[-_]/)[0];
  if (!p) return undefined;
  return ALIASES[p] ?? p;
}

/** The month (1-12) a word names, read in `lang` first; a trailing dot (`okt.`, `dic.`) is ignored. */
export function monthNumber(word: string, lang?: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  const p = primaryLanguage(lang);
  if (p && MONTHS_BY_LANG[p]) {
    let map = byLang.get(p);
    if (!map) byLang.set(p, (map = index([p, ...DEFAULT_ORDER.filter((l) => l !== p)])));
    return map.get(w);
  }
  return DEFAULT_INDEX.get(w);
}
