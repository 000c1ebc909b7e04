/** The words and small patterns the screening (screening.ts) is written in, and how text is normalised first. */

export const re = (source: string, flags = "iu") => new RegExp(source, `${flags}g`);
/** Lists of words are written space-separated: as a set, or as a group of alternatives in a pattern. */
export const words = (list: string) => new Set(list.trim().split(/\s+/));
export const oneOf = (list: string) => `(?:${[...words(list)].join("|")})`;

// --- Shared fragments --------------------------------------------------------------------------
export const MONTH_WORD = String.raw`(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*`;
export const MONTH = String.raw`${MONTH_WORD}\.?`;
export const YEAR = String.raw`(?:19|20)\d{2}`;
/** Space within a line: an address, a plate or a unit does not run on across a line break. */
export const SP = String.raw`[^\S\n]`;
export const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])`;
export const MON = String.raw`(?:0?[1-9]|1[0-2])`;
/** Without a year, a month is written with two digits ("1.07"); "4.9" is more likely part of a number. */
export const MON2 = String.raw`(?:0[1-9]|1[0-2])`;
/**
 * Not glued to more digits by a date separator ("345.12.06", "12 - 2024 - 2025" are not dates); a dot
 * followed by a space ends a sentence, so "…on 12.06.2025. 12.07 suits too" keeps both dates.
 */
export const ALONE_BEFORE = String.raw`(?<!\d)(?<!\d[./\-–—])(?<!\d\s?[/\-–—]\s?)`;
export const ALONE_AFTER = String.raw`(?!\d)(?![./\-–—]\d)(?!\s?[/\-–—]\s?\d)`;
/** Currency signs, codes and words: "350 EUR", "€1,200", "25 000 рублей", "25k". */
export const CURRENCY = String.raw`(?:[$€₽£₸₾֏]|(?<!\p{L})${oneOf(String.raw`
  eur euros? usd rub rur gel amd kzt try kgs byn rsd dollars? rub(?:le|ble)s? roubles? lari tenge drams? liras? dinars? soms?
  руб\p{L}* р\. тенге лари драм\p{L}* евро доллар\p{L}* лир\p{L}* динар\p{L}* сом\p{L}* тыс\p{L}*\.? млн k`)}(?!\p{L}))`;
/** A number followed by a unit is a quantity, not a house number ("street 5 minutes away"). */
export const UNITS = oneOf(String.raw`
  % min мин km км m м h ч hours? hrs? час(?:а|ов|ы)? days? дн\p{L}* сут\p{L}* nights? ноч\p{L}* weeks? недел\p{L}* months? мес\p{L}*
  years? год\p{L}* лет people persons? человек\p{L}* чел pax adults? взросл\p{L}* child\p{L}* kids? дет\p{L}* реб[её]н\p{L}*
  times раз\p{L}* rooms? комнат\p{L}* floors? этаж\p{L}* beds? мест\p{L}* eur usd rub руб\p{L}* kg кг`);
export const NO_UNIT = String.raw`(?!${SP}*(?:${UNITS}(?!\p{L})|${CURRENCY}))`;
export const SEP = String.raw`(?:${SP}*,${SP}*|${SP}+)`;
export const WORD = String.raw`\p{L}[\p{L}'’-]*`;

/** Words that look like a street name or a city's neighbour but are ordinary language. */
export const NOT_A_NAME = words(`
  the a an this that same main next other one our my his her their your busy quiet side back high on in at of to every each any
  which what whole empty dark wrong right first second third last old new big small near and or no was is were age aged wait
  waiting about around approx session week day step stage round part page chapter room gate terminal platform seat flight train
  bus row case item point option group mood score level
  было был была были есть нет уже ещё еще около примерно почти где там тут всего только стояли стоял ждали ждал все всё этап шаг
  неделя день сессия встреча пункт вариант рейс поезд автобус вагон место платформа терминал выход глава часть страница группа
  настроение оценка балл возраст ждать ждём квартал кварталы статья статьи комната комнаты палата вопрос вопросы article question
  у в во на возле рядом напротив за перед к от до по с со из между через behind opposite by beside between across
  monday tuesday wednesday thursday friday saturday sunday понедельник вторник среда четверг пятница суббота воскресенье`);
export const ONLY_A_MONTH = new RegExp(`^${MONTH}$`, "iu");
export const ONLY_A_UNIT = new RegExp(`^${UNITS}$`, "iu");
/** Not a stop word or a unit ("на улице 2 часа, 2-3 месяца"). */
export const isStreetWord = (word: string | undefined) => !!word && !NOT_A_NAME.has(word.toLowerCase()) && !ONLY_A_UNIT.test(word);
/** Nor a month ("Monday, March 3"). */
export const isName = (word: string | undefined) => isStreetWord(word) && !ONLY_A_MONTH.test(word ?? "");
/**
 * Without a street keyword, only a word ending like a street name: Russian genitives and adjectives
 * ("Ленина", "Абая", "Толстого", "Садовая", "Космонавтов") and their transliterations ("Abaya",
 * "Rustaveli", "Tole bi"). "Open 10-18", "Hours 9-17", "Rated 4/5" and "Давление 140/90" stay sentences.
 */
export const isStreetName = (word: string | undefined) =>
  isName(word) && /(?:[аяоиыйвaioy]|yan|ян|dze|дзе|batyr|батыр)$/iu.test(word ?? "");

// --- Normalisation -----------------------------------------------------------------------------
export const IS_DIGIT = /^\p{Nd}$/u;

/** Unicode encodes every script's decimal digits as ten consecutive code points, 0 to 9. */
export function asciiDigit(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  let zero = code;
  while (IS_DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return String((code - zero) % 10);
}

export function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\p{Cf}/gu, "") // zero-width spaces and joiners, direction marks, soft hyphens
    .replace(/(?![0-9])\p{Nd}/gu, asciiDigit);
}

/** Spelled-out "@" and "." turned back into symbols, for obfuscated e-mail addresses. */
export function deobfuscate(text: string): string {
  // (?<!\s) starts each match at the beginning of a run of spaces: a long run costs one pass, not its square.
  return text
    .replace(/(?<!\s)\s*[([{<]\s*(?:at|а|a|собака|собачка|@)\s*[)\]}>]\s*/giu, "@")
    .replace(/(?<!\s)\s+(?:at|собака|собачка)\s+/giu, "@")
    .replace(/(?<!\s)\s*[([{<]\s*(?:dot|точка|тчк|\.)\s*[)\]}>]\s*/giu, ".")
    .replace(/(?<!\s)\s+(?:dot|точка|тчк)\s+/giu, ".");
}
