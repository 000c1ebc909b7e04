/**
 * "No identifiers by design": free text (coarse place, next-step text, notes, closing reason, office
 * city, vetting remarks) is screened before it is stored. Refused, naming what to remove:
 * - phone numbers: 7–15 digits split by any separators ("+7 (912) 345-67-89", "+7/912/345/67/89",
 *   "8_912_345_67_89"), once ordinary dates, times, year ranges, money and percentages are set aside;
 * - e-mail addresses, also obfuscated ("ivan (at) mail.ru", "ivan собака mail.ru", "ivan at mail dot ru");
 * - passport, ID, tax and criminal-case numbers; card numbers (Luhn);
 * - street addresses: Russian, Kazakh, Armenian, Georgian, transliterated and Western forms
 *   ("ул. Абая 15", "Самара, Ленина 5-12", "Abaya street 15", "Աբովյան 12"), flat and house numbers;
 * - exact coordinates (decimal point or comma, degrees, map links, plus codes, what3words);
 * - dates of birth: a date or year next to a birth phrase ("1995 г.р.", "ДР 12.04.1995", "born in 1995");
 * - links: any URL, and any "host.tld/path" written without a scheme;
 * - social and messenger handles: "@name", profile links (t.me/, vk.com/, instagram.com/…), "ник ivan_93";
 * - military unit and field-post numbers ("в/ч 71289", "п/п 12345", "unit 71289", "155-я бригада");
 * - call signs and nicknames ("позывной «Бес»", "call sign Ghost");
 * - vehicle licence plates (Russian, Kazakh, Armenian, Georgian, Ukrainian and Belarusian formats).
 * The text is first NFKC-normalised, stripped of invisible format characters, and every Unicode decimal
 * digit (Arabic-Indic, Persian, Devanagari, full-width…) is read as its ASCII digit.
 *
 * Pure and shared: forms can warn early, the server decides. It errs on the side of refusing: a
 * caseworker can always rephrase ("the usual number"), while a stored passport number cannot be
 * un-leaked; but ordinary dates, times, durations, counts and money pass, and one sentence or line
 * does not run into the next. The corpus in screening.corpus.ts pins its behaviour; screening.test.ts
 * prints its recall and precision. Let through by design: names of people, and a bare street name with
 * a number and nothing else ("Satpaeva 22"), which reads like "Category 3".
 *
 * It runs on every form submit: no pattern nests quantifiers over overlapping classes, and the speed
 * tests feed it 5,000-character hostile texts.
 */

export type IdentifierKind =
  | "email"
  | "phone"
  | "document_number"
  | "card_number"
  | "address"
  | "coordinates"
  | "birth_date"
  | "url"
  | "handle"
  | "unit_number"
  | "call_sign"
  | "licence_plate";

export interface Finding {
  kind: IdentifierKind;
}

const re = (source: string, flags = "iu") => new RegExp(source, `${flags}g`);
/** Lists of words are written space-separated: as a set, or as a group of alternatives in a pattern. */
const words = (list: string) => new Set(list.trim().split(/\s+/));
const oneOf = (list: string) => `(?:${[...words(list)].join("|")})`;

// --- Shared fragments --------------------------------------------------------------------------
const MONTH_WORD = String.raw`(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*`;
const MONTH = String.raw`${MONTH_WORD}\.?`;
const YEAR = String.raw`(?:19|20)\d{2}`;
/** Space within a line: an address, a plate or a unit does not run on across a line break. */
const SP = String.raw`[^\S\n]`;
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])`;
const MON = String.raw`(?:0?[1-9]|1[0-2])`;
/** Without a year, a month is written with two digits ("1.07"); "4.9" is more likely part of a number. */
const MON2 = String.raw`(?:0[1-9]|1[0-2])`;
/**
 * Not glued to more digits by a date separator ("345.12.06", "12 - 2024 - 2025" are not dates); a dot
 * followed by a space ends a sentence, so "…on 12.06.2025. 12.07 suits too" keeps both dates.
 */
const ALONE_BEFORE = String.raw`(?<!\d)(?<!\d[./\-–—])(?<!\d\s?[/\-–—]\s?)`;
const ALONE_AFTER = String.raw`(?!\d)(?![./\-–—]\d)(?!\s?[/\-–—]\s?\d)`;
/** Currency signs, codes and words: "350 EUR", "€1,200", "25 000 рублей", "25k". */
const CURRENCY = String.raw`(?:[$€₽£₸₾֏]|(?<!\p{L})${oneOf(String.raw`
  eur euros? usd rub rur gel amd kzt try kgs byn rsd dollars? rub(?:le|ble)s? roubles? lari tenge drams? liras? dinars? soms?
  руб\p{L}* р\. тенге лари драм\p{L}* евро доллар\p{L}* лир\p{L}* динар\p{L}* сом\p{L}* тыс\p{L}*\.? млн k`)}(?!\p{L}))`;
/** A number followed by a unit is a quantity, not a house number ("street 5 minutes away"). */
const UNITS = oneOf(String.raw`
  % min мин km км m м h ч hours? hrs? час(?:а|ов|ы)? days? дн\p{L}* сут\p{L}* nights? ноч\p{L}* weeks? недел\p{L}* months? мес\p{L}*
  years? год\p{L}* лет people persons? человек\p{L}* чел pax adults? взросл\p{L}* child\p{L}* kids? дет\p{L}* реб[её]н\p{L}*
  times раз\p{L}* rooms? комнат\p{L}* floors? этаж\p{L}* beds? мест\p{L}* eur usd rub руб\p{L}* kg кг`);
const NO_UNIT = String.raw`(?!${SP}*(?:${UNITS}(?!\p{L})|${CURRENCY}))`;
const SEP = String.raw`(?:${SP}*,${SP}*|${SP}+)`;
const WORD = String.raw`\p{L}[\p{L}'’-]*`;

/** Words that look like a street name or a city's neighbour but are ordinary language. */
const NOT_A_NAME = words(`
  the a an this that same main next other one our my his her their your busy quiet side back high on in at of to every each any
  which what whole empty dark wrong right first second third last old new big small near and or no was is were age aged wait
  waiting about around approx session week day step stage round part page chapter room gate terminal platform seat flight train
  bus row case item point option group mood score level
  было был была были есть нет уже ещё еще около примерно почти где там тут всего только стояли стоял ждали ждал все всё этап шаг
  неделя день сессия встреча пункт вариант рейс поезд автобус вагон место платформа терминал выход глава часть страница группа
  настроение оценка балл возраст ждать ждём квартал кварталы статья статьи комната комнаты палата вопрос вопросы article question
  у в во на возле рядом напротив за перед к от до по с со из между через behind opposite by beside between across
  monday tuesday wednesday thursday friday saturday sunday понедельник вторник среда четверг пятница суббота воскресенье`);
const ONLY_A_MONTH = new RegExp(`^${MONTH}$`, "iu");
const ONLY_A_UNIT = new RegExp(`^${UNITS}$`, "iu");
/** Not a stop word or a unit ("на улице 2 часа, 2-3 месяца"). */
const isStreetWord = (word: string | undefined) => !!word && !NOT_A_NAME.has(word.toLowerCase()) && !ONLY_A_UNIT.test(word);
/** Nor a month ("Monday, March 3"). */
const isName = (word: string | undefined) => isStreetWord(word) && !ONLY_A_MONTH.test(word ?? "");
/**
 * Without a street keyword, only a word ending like a street name: Russian genitives and adjectives
 * ("Ленина", "Абая", "Толстого", "Садовая", "Космонавтов") and their transliterations ("Abaya",
 * "Rustaveli", "Tole bi"). "Open 10-18", "Hours 9-17", "Rated 4/5" and "Давление 140/90" stay sentences.
 */
const isStreetName = (word: string | undefined) => isName(word) && /(?:[аяоиыйвaioy]|yan|ян|dze|дзе|batyr|батыр)$/iu.test(word ?? "");

// --- Normalisation -----------------------------------------------------------------------------
const IS_DIGIT = /^\p{Nd}$/u;

/** Unicode encodes every script's decimal digits as ten consecutive code points, 0 to 9. */
function asciiDigit(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  let zero = code;
  while (IS_DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return String((code - zero) % 10);
}

function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\p{Cf}/gu, "") // zero-width spaces and joiners, direction marks, soft hyphens
    .replace(/(?![0-9])\p{Nd}/gu, asciiDigit);
}

/** Spelled-out "@" and "." turned back into symbols, for obfuscated e-mail addresses. */
function deobfuscate(text: string): string {
  // (?<!\s) starts each match at the beginning of a run of spaces: a long run costs one pass, not its square.
  return text
    .replace(/(?<!\s)\s*[([{<]\s*(?:at|а|a|собака|собачка|@)\s*[)\]}>]\s*/giu, "@")
    .replace(/(?<!\s)\s+(?:at|собака|собачка)\s+/giu, "@")
    .replace(/(?<!\s)\s*[([{<]\s*(?:dot|точка|тчк|\.)\s*[)\]}>]\s*/giu, ".")
    .replace(/(?<!\s)\s+(?:dot|точка|тчк)\s+/giu, ".");
}

// --- Numbers that are not identifiers ----------------------------------------------------------
const AMOUNT = String.raw`(?:\d{1,3}(?:[ ,.'’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)`;
const AMOUNTS = String.raw`${AMOUNT}(?:${SP}?[-–—]${SP}?${AMOUNT})?`;
const HARMLESS_NUMBERS = [
  re(String.raw`(?<!\d[:.]?)(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d)?(?![:.]?\d)`), // 19:30, 10.30
  re(String.raw`${ALONE_BEFORE}${DAY}\.${MON2}(?:\.(?:${YEAR}|\d{2}))?\s?[-–—]\s?${DAY}\.${MON2}(?:\.(?:${YEAR}|\d{2}))?${ALONE_AFTER}`), // 12.06-15.06.2025
  re(String.raw`${ALONE_BEFORE}${YEAR}-${MON}-${DAY}\s?[–—-]\s?${YEAR}-${MON}-${DAY}${ALONE_AFTER}`), // 2025-06-12 – 2025-06-15
  re(String.raw`${ALONE_BEFORE}${YEAR}-${MON}-${DAY}${ALONE_AFTER}`), // 2025-06-12
  re(String.raw`${ALONE_BEFORE}${DAY}([./])${MON}\1(?:${YEAR}|\d{2})${ALONE_AFTER}`), // 12.06.2025, 12/06/25
  re(String.raw`${ALONE_BEFORE}${DAY}-${MON}-${YEAR}${ALONE_AFTER}`), // 12-06-2025
  re(String.raw`${ALONE_BEFORE}${DAY}\.${MON2}${ALONE_AFTER}`), // 15.07
  re(String.raw`${ALONE_BEFORE}${MON}[./]${YEAR}${ALONE_AFTER}`), // 03.2028
  re(String.raw`${MONTH}\s${DAY}(?:st|nd|rd|th)?,?\s${YEAR}(?!\d)`), // June 12, 2025
  re(String.raw`(?<!\d)${DAY}\s?${MONTH}\s?${YEAR}(?!\d)`), // 1 января 2000
  re(
    String.raw`${ALONE_BEFORE}${YEAR}(?=,\s|\s?(?:г\.|год|year))|(?<=(?<!\p{L})(?:in|since|until|by|of|в|с|до|по|от|к)\s)${YEAR}${ALONE_AFTER}`,
  ), // in 2000, 8–10 weeks
  re(String.raw`${ALONE_BEFORE}${YEAR}\s?[-–—/]\s?(?:${YEAR}|\d{2})${ALONE_AFTER}`), // 2024–2025, 2024/25
  re(String.raw`${ALONE_BEFORE}${YEAR}(?:,\s?${YEAR})+${ALONE_AFTER}`), // 2023, 2024, 2025
  re(String.raw`(?<![\d.,])(?:${CURRENCY}${SP}?${AMOUNTS}|${AMOUNTS}${SP}?${CURRENCY})`), // 1 500 000 ₽, €350
  re(String.raw`(?<![\d.,])\d+(?:[.,]\d+)?\s?%`),
];

const withoutHarmlessNumbers = (text: string) => HARMLESS_NUMBERS.reduce((out, pattern) => out.replace(pattern, " "), text);

const CALL_SIGN_STOP = words(`
  не нет неизвестен неизвестно было в на от за по и или свой свою своего сообщил сменил менял
  unknown not none of and or the a at in on for from with given known used changed system`);
const CALL_SIGN_LINKS = words("у него неё нее его её ее был была is was his her their");
/**
 * After "позывной": a quoted or capitalised word, a Russian word other than "нет", "не"…, or any word
 * after a colon or dash. "Call sign unknown", "позывного нет", "a nickname among friends" stay sentences.
 */
function namesACallSign(tail: string): boolean {
  const labelled = /^\s*[:—–-]/.test(tail);
  for (const word of tail.match(/["«“„'‘]?\p{L}+/gu) ?? []) {
    if (/^["«“„'‘]/.test(word)) return true;
    if (CALL_SIGN_LINKS.has(word.toLowerCase())) continue;
    if (CALL_SIGN_STOP.has(word.toLowerCase())) return false;
    return /^\p{Lu}/u.test(word) || labelled || /\p{Script=Cyrillic}/u.test(word);
  }
  return false;
}
/** Letters that make "350 EUR 20" or "10 AM 123" money and time, not a licence plate. */
const NOT_PLATE_LETTERS = words("EUR USD RUB GEL AMD KZT TRY KGS BYN RSD GBP CHF UAH AZN UZS CNY AM PM");

/** "в/ч", "войсковая часть", "часть", "unit", "п/п", "полевая почта", "field post"… before a unit or field-post number. */
const UNIT_WORD = oneOf(String.raw`
  в\s?[/.]\s?ч\.? вч v\s?[/.]\s?ch\.? vch (?:войсков|воинск|военн)\p{L}*\s+част\p{L}* част(?:ь|и|ью) (?:military\s+)?unit
  п\s?[/.]\s?п\.? полев\p{L}*\s+почт\p{L}* field\s+post(?:\s+office)?`);
/** Regiments, brigades, divisions, battalions, and the abbreviations of a few. */
const FORMATION = oneOf("полк бригад дивизи батальон regiment brigade division battalion омсбр мсп мсд обрмп одшбр дшб вдд пдп ошб");
const FORMATION_ADJECTIVE = oneOf(String.raw`
  \p{L}+(?:ая|ой|ый|ий|ого|ей|ое|ую|ых) separate guards? motor(?:ised|ized)? rifle airborne assault mechani[sz]ed tank artillery
  marine naval infantry`);

/** "55.7558, 37.6173" and "55,7558 37,6173": latitude and longitude, 3 or more decimals (about 100 m). */
const COORDINATE_PAIRS = [
  re(String.raw`(?<![\d.])(-?\d{1,3})\.\d{3,}°?\s?[NSEW]?(?:\s*[,;]\s*|\s+)[NSEW]?\s?(-?\d{1,3})\.\d{3,}(?![\d.]*\d)`),
  re(String.raw`(?<![\d,])(-?\d{1,3}),\d{4,}(?:\s*;\s*|,\s+|\s+)(-?\d{1,3}),\d{4,}(?![\d,]*\d)`),
] as const;
const onTheGlobe = (m: ArrayLike<string | undefined>) => Math.abs(Number(m[1])) <= 90 && Math.abs(Number(m[2])) <= 180;

// --- Patterns, by kind -------------------------------------------------------------------------
interface Rule {
  kind: IdentifierKind;
  pattern: RegExp;
  /** A second look at a match, for what a regular expression says badly (stop words, host names). */
  accept?: (match: RegExpMatchArray) => boolean;
}

const EMAIL = String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+\s?@\s?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.`;
const EMAIL_RULE = re(String.raw`${EMAIL}\p{L}{2,}(?![\p{L}\p{N}])`);
// Addresses at the big providers, even without the domain ending: "ivan.petrov@gmail".
const PROVIDER_EMAIL = re(
  String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+\s?@\s?(?:g?mail|googlemail|yandex|ya|proton(?:mail)?|outlook|hotmail|yahoo|icloud|rambler|bk|inbox|list|tuta(?:nota)?|gmx)(?![\p{L}\p{N}])`,
);
// Spelled-out addresses must end in a lower-case domain ending, so "at home.Then" stays a sentence.
const OBFUSCATED_EMAIL = re(String.raw`${EMAIL}(?:[a-z]{2,6}|рф)(?![\p{L}\p{N}])`, "u");

const SOCIAL_HOSTS = new RegExp(
  `^(?:[\\w-]+\\.)*${oneOf(String.raw`
    t\.me telegram\.(?:me|dog) wa\.me whatsapp\.com vk\.(?:com|ru) ok\.ru instagram\.com instagr\.am facebook\.com fb\.(?:com|me)
    m\.me x\.com twitter\.com tiktok\.com youtube\.com youtu\.be signal\.(?:me|group) threads\.net linkedin\.com viber\.com
    snapchat\.com discord\.(?:gg|com) reddit\.com bsky\.app max\.ru livejournal\.com github\.com`)}$`,
  "i",
);
const isSocialLink = (link: string) => SOCIAL_HOSTS.test(link.replace(/^[a-z]+:\/\/(?:www\.)?|^www\./i, "").split(/[/?#:]/)[0] ?? "");
const URL_WITH_SCHEME = String.raw`(?:https?|ftp):\/\/\S+|(?<![\p{L}\p{N}])www\.\S+`;
// The domain ending must be lower case, so that "St.Petersburg/Moscow" stays a route.
const URL_WITHOUT_SCHEME = String.raw`(?<![\p{L}\p{N}@._%+\/:-])(?:[\p{L}\p{N}-]+\.)+(?:[a-z]{2,}|рф|рус|бел|қаз|укр|срб)\/\S*`;
const MESSENGER_SCHEME = String.raw`(?<!\p{L})(?:tg|viber|whatsapp|signal|sgnl|skype):\/?\/?\S+`;

const HANDLE_KEYWORD = oneOf(String.raw`
  telegram телеграм\p{L}* телег\p{L}* tg тг instagram insta инст(?:а|у|е|ой|аграм\p{L}*)? ig vk вк вконтакте skype скайп\p{L}*
  signal сигнал\p{L}* whatsapp ватсап\p{L}* viber вайбер\p{L}* ник(?:а|ом|нейм\p{L}*)? nick(?:name)? user\s?name login логин\p{L}*
  аккаунт\p{L}* account profile профил\p{L}*`);

/**
 * Street words before the name ("ул. Абая", "проспект Мира", "ul. Abaya", "prospekt Mira") and after it
 * ("Невский пр-т", "Абай даңғылы", "Abaya street", "Rustaveli ave"). Abbreviations may take a dot; after a
 * full word a dot ends the sentence ("…на центральной улице. Needs 2 tickets").
 */
const STREET_FIRST = String.raw`(?:${oneOf(String.raw`
  ул пр пр-т пр-кт просп пер ш б-р наб пл мкр туп ul prosp pr-t mkr pr per pl nab`)}\.${SP}*|${oneOf(String.raw`
  ул пр пр-т пр-кт просп пер ш б-р наб пл мкр туп ul prosp pr-t mkr улиц[аеуы] проспект[аеу]? переул(?:ок|ка|ке) шоссе бульвар[аеу]? набережн(?:ая|ой|ую)
  площад[ьи] микрорайон[аеу]? проезд[аеу]? тупик[аеу]? аллеи аллея тракт[аеу]? линия линии ulitsa ulica ulitsy prospekt pereulok
  bulvar shosse mikrorayon mikroraion ploshchad`)}${SP}+)`;
const STREET_AFTER = String.raw`(?:${oneOf(String.raw`
  ул пр-т пр-кт просп пер ш б-р наб пл даң көш str st ave av rd ln blvd hwy sq pr cad`)}\.?|${oneOf(String.raw`
  улица проспект переулок шоссе бульвар набережная площадь проезд тупик аллея тракт даңғылы көшесі көше street avenue road lane
  boulevard highway square prospekt prospect ulitsa kuchasi kucha k'ucha gamziri koshesi dangyly poghots poghota sokak caddesi`)})`;
/** Abbreviations take a dot ("кв. 12"); after a full word a dot ends the sentence ("…a rented flat. 12 days"). */
const HOUSE_OR_FLAT = String.raw`(?:${oneOf("д кв корп мкр мкр-н kv korp apt bldg")}\.?|${oneOf(String.raw`
  дом квартира корпус строение подъезд пәтер үй kvartira korpus dom apartment flat suite wohnung`)})`;
const HOUSE = String.raw`(?:д\.?${SP}?|дом${SP}|d\.${SP}?|dom${SP}|no\.?${SP}?)?\d{1,4}(?!\d)${NO_UNIT}`;

const RULES: readonly Rule[] = [
  // Links and handles
  { kind: "url", pattern: re(`${URL_WITH_SCHEME}|${MESSENGER_SCHEME}`) },
  { kind: "url", pattern: re(URL_WITHOUT_SCHEME, "u") },
  { kind: "handle", pattern: re(URL_WITH_SCHEME), accept: (m) => isSocialLink(m[0]) },
  { kind: "handle", pattern: re(URL_WITHOUT_SCHEME, "u"), accept: (m) => isSocialLink(m[0]) },
  { kind: "handle", pattern: re(MESSENGER_SCHEME) },
  {
    kind: "handle",
    pattern: re(String.raw`(?<![\p{L}\p{N}._%+@-])@([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)`),
    // "@ 10", "@10", "@10:30", "@10am" are times, not handles.
    accept: (m) => /[A-Za-z_]/.test(m[1] ?? "") && !/^\d{1,2}(?:am|pm|h)$/i.test(m[1] ?? ""),
  },
  {
    kind: "handle",
    pattern: re(String.raw`(?<!\p{L})(?:${HANDLE_KEYWORD})(?:\s*[:\-–—]\s*|\s+)@?([A-Za-z][A-Za-z0-9_.]{1,}[A-Za-z0-9_])`),
    // A user name has an underscore, a digit or an inner dot; "Telegram only" is a sentence.
    accept: (m) => /[_\d]|\w\.\w/.test(m[1] ?? ""),
  },
  // Coordinates
  { kind: "coordinates", pattern: COORDINATE_PAIRS[0], accept: onTheGlobe },
  {
    kind: "coordinates",
    pattern: re(String.raw`(?<!\p{L})(?:lat|latitude|lon|lng|long|longitude|широта|долгота)\.?\s?[:=]?\s?-?\d{1,3}[.,]\d{3,}`),
  },
  { kind: "coordinates", pattern: COORDINATE_PAIRS[1], accept: onTheGlobe },
  {
    kind: "coordinates",
    pattern: re(
      String.raw`\d{1,3}\s?°\s?\d{1,2}\s?['′]?\s?(?:\d{1,2}(?:\.\d+)?\s?['′″"]{0,2})?\s?(?:[NSEWСЮВЗ](?!\p{L})|[сю]\.?\s?ш|[вз]\.?\s?д)`,
    ),
  },
  {
    kind: "coordinates",
    pattern: re(
      String.raw`geo:|maps\.google|google\.[a-z.]+\/maps|goo\.gl\/maps|maps\.app\.goo\.gl|yandex\.[a-z]+\/maps|2gis\.|openstreetmap\.org|osm\.org\/|maps\.apple|what3words|w3w\.co|\/\/\/\p{L}+\.\p{L}+\.\p{L}+`,
    ),
  },
  {
    kind: "coordinates",
    pattern: re(String.raw`(?<![\p{L}\p{N}])[23456789CFGHJMPQRVWX]{4,8}\+[23456789CFGHJMPQRVWX]{2,3}(?![\p{L}\p{N}])`, "u"), // plus codes
    accept: (m) => /[A-Z]/.test(m[0]),
  },
  // Dates of birth: a birth phrase with a date or year close by, on either side.
  ...(() => {
    const key = String.raw`(?<!\p{L})(?:рожд(?:ения|[её]н(?:а|ы|н?ый|н?ая)?|\.)|родил(?:ся|ась|ись)|д\.\s?р\.?|д\/р|г\.\s?р\.?|born|birth\s?(?:date|day|year)|(?:date|year)\s+of\s+birth|dob|d\.o\.b\.?)(?!\p{L})`;
    const date = String.raw`(?<!\d)(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}\s?${MONTH_WORD}(?:\s?${YEAR})?|${MONTH_WORD}\s\d{1,2}|${YEAR}|\d{1,2}\.\d{1,2}|\d{2}-?м|['’]\d{2})(?!\d)`;
    return [
      { kind: "birth_date", pattern: re(String.raw`${key}[^\d\n.,;!?]{0,16}?${date}`) },
      { kind: "birth_date", pattern: re(String.raw`${date}[^\d\n.,;!?]{0,8}?${key}`) },
      { kind: "birth_date", pattern: re(String.raw`(?<!\p{L})(?:ДР|Д\.Р\.?)[\s:–-]{0,3}${date}`, "u") },
      { kind: "birth_date", pattern: re(String.raw`(?<!\p{L})b\.\s?${date}`) },
      { kind: "birth_date", pattern: re(String.raw`(?<!\d)\d{2}\s?г\.\s?р\.?|(?<!\d)${YEAR}\s?гр\.?(?!\p{L})`) },
    ] satisfies Rule[];
  })(),
  // Street addresses
  {
    kind: "address", // "ул. Абая 15", "проспект Мира 101", "ul. Abaya 15", "prospekt Mira 5"
    pattern: re(
      String.raw`(?<!\p{L})${STREET_FIRST}(?:им\.${SP}?|imeni${SP})?(?:\d{1,2}(?:-?го)?${SP})?(${WORD})(?:${SP}+${WORD})?${SEP}${HOUSE}`,
    ),
    // With a street keyword, a month is a street too ("ул. 8 Марта, 12").
    accept: (m) => isStreetWord(m[1]),
  },
  {
    kind: "address", // "Невский пр-т, 28", "Abaya street 15", "Rustaveli ave 12", "Абай даңғылы 15"
    pattern: re(String.raw`(?<![\p{L}\p{N}])(${WORD})${SP}+${STREET_AFTER}${SEP}${HOUSE}`),
    accept: (m) => isName(m[1]),
  },
  {
    kind: "address", // "Ленина 5-12", "Tole bi 59-12", "Ленина 15/2"
    pattern: re(
      String.raw`(?<![\p{L}\p{N}])(\p{Lu}[\p{L}'’-]+)(?:${SP}+(${WORD}))?,?${SP}+\d{1,3}\p{L}?${SP}?[-–/]${SP}?(\d{1,3})(?![\p{N}%])(?![-–/.,]?\d)(?!${SP}*\p{L})`,
      "u",
    ),
    // "Mood 7/10" is a score.
    accept: (m) => isStreetName(m[2] ?? m[1]) && !(m[0].includes("/") && /^10{1,2}$/.test(m[3] ?? "")),
  },
  {
    kind: "address", // "Самара, Ленина 5", "Tbilisi, Rustaveli 12"
    pattern: re(
      String.raw`(?<![\p{L}\p{N}])\p{Lu}[\p{L}'’-]+,${SP}*(\p{Lu}[\p{L}'’-]+)${SP}+\d{1,3}\p{L}?(?![\p{L}\p{N}%])(?![.,:\-–/]\d|${SP}?\d)${NO_UNIT}`,
      "u",
    ),
    accept: (m) => isStreetName(m[1]),
  },
  // "кв. 12", "д. 5", "kv 3", "Apt 4", "мкр 5", "пәтер 3"
  { kind: "address", pattern: re(String.raw`(?<!\p{L})${HOUSE_OR_FLAT}(?:${SP}|-){0,2}(?:no\.?${SP}?|#${SP}?)?\d{1,4}(?!\d)${NO_UNIT}`) },
  { kind: "address", pattern: re(String.raw`\p{Script=Armenian}{2,}(?:${SP}+\p{Script=Armenian}+\.?)?${SEP}\d{1,4}(?!\d)`) },
  { kind: "address", pattern: re(String.raw`\p{Script=Georgian}{2,}(?:${SP}+\p{Script=Georgian}+\.?)?${SEP}\d{1,4}(?!\d)`) },
  {
    kind: "address",
    pattern: re(
      String.raw`\d{1,5}[A-Za-z]?,?\s+(?:\p{Lu}[\p{L}'-]+\s){1,3}(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.?|Lane|Boulevard|Blvd\.?)(?!\p{L})`,
      "u",
    ),
  },
  // "Hauptstraße 5", "Atatürk Caddesi No: 12" (the street word may end the name's own word)
  {
    kind: "address",
    pattern: re(String.raw`(?:straße|strasse|str\.|sokak|sokağı|caddesi|cad\.)\s?(?:no\.?:?\s?)?\d{1,4}(?!\d)${NO_UNIT}`),
  },
  { kind: "address", pattern: re(String.raw`(?<!\p{L})(?:rue|calle|ulica|utca)\s+(?:(?:de|du|des|la|le|del|di)\s+)*\p{Lu}`, "u") },
  // Military units and field post: "в/ч 71289", "п/п 12345", "unit 71289", "155-я бригада"
  {
    kind: "unit_number",
    pattern: re(String.raw`(?<!\p{L})(${UNIT_WORD})(?!\p{L})(?:\s{0,3}(?:no\.?|#|:|-|–)){0,2}\s{0,3}(\d{4,6})(?!\d)`),
    // A bare "unit" or "часть" before a year is a report or a course: "unit 2025", "часть 2024".
    accept: (m) => !(/^(?:unit|част\p{L}+)$/iu.test(m[1] ?? "") && /^(?:19|20)\d{2}$/.test(m[2] ?? "")),
  },
  {
    kind: "unit_number",
    // Years are not unit numbers: "в 2023 бригаду перебросили".
    pattern: re(
      String.raw`(?<![\d:.,/-])(?!(?:19|20)\d{2}(?!\d))\d{2,4}${SP}?-?${SP}?(?:[яйе]|ая|ой|ий|го|ого|th|st|nd|rd)?${SP}+(?:${FORMATION_ADJECTIVE}${SP}+){0,3}${FORMATION}\p{L}*`,
    ),
  },
  {
    kind: "unit_number", // "полк 1009", "бригада № 155"
    pattern: re(String.raw`(?<!\p{L})${FORMATION}\p{L}*${SP}+(?:no\.?${SP}?|#${SP}?)?(?!(?:19|20)\d{2}(?!\d))\d{2,4}(?!\d)${NO_UNIT}`),
  },
  // Call signs and nicknames: "позывной «Бес»", "call sign Ghost", "callsign: Wolf"
  {
    kind: "call_sign",
    pattern: re(
      String.raw`(?<!\p{L})(?:позывн\p{L}*|call[\s-]?sign\p{L}*|c\/s|nom\s+de\s+guerre|прозвищ\p{L}*|nickname)(?!\p{L})(?=([^\n.,;!?]{0,40}))`,
    ),
    accept: (m) => namesACallSign(m[1] ?? ""),
  },
  // Licence plates
  {
    kind: "licence_plate",
    pattern: re(
      String.raw`(?<![\p{L}\p{N}])[авекмнорстухabekmhopctyx]\d{3}[авекмнорстухabekmhopctyx]{2}(?:${SP}?\d{2,3})?(?:${SP}?rus)?(?![\p{L}\p{N}])`,
    ),
  },
  {
    kind: "licence_plate",
    pattern: re(
      String.raw`(?<![\p{L}\p{N}])[АВЕКМНОРСТУХABEKMHOPCTYX]${SP}?\d{3}${SP}?[АВЕКМНОРСТУХABEKMHOPCTYX]{2}(?:${SP}?\d{2,3})?(?![\p{L}\p{N}])`,
      "u",
    ),
  },
  {
    kind: "licence_plate", // "123 ABC 02", "35 LL 123", "01 KZ 123 ABC", "AA-123-BB", "AA 1234 BB", "1234 AB-7"
    pattern: re(
      String.raw`(?<![\p{L}\p{N}])(?:\d{3}${SP}?([A-Z]{2,3})${SP}?\d{2}|\d{2}${SP}?([A-Z]{2})${SP}?\d{3}(?:${SP}?[A-Z]{2,3})?|[A-ZА-ЯЁ]{2}(?:${SP}|-)?\d{3,4}(?:${SP}|-)?[A-ZА-ЯЁ]{2}|\d{4}${SP}?[A-ZА-Я]{2}-?\d)(?![\p{L}\p{N}])`,
      "u",
    ),
    accept: (m) => !NOT_PLATE_LETTERS.has(m[1] ?? m[2] ?? ""),
  },
  {
    kind: "licence_plate",
    pattern: re(
      String.raw`(?<!\p{L})(?:гос\.?\s?номер\p{L}*|госномер\p{L}*|номер\s+(?:машины|авто\p{L}*)|номерн\p{L}*\s+знак\p{L}*|licen[cs]e\s+plate|number\s+plate|plate\s+(?:number|no\.?))[^\S\n:—–-]{0,4}(?=\p{L}{0,3}[^\S\n]?\d)[\p{L}\p{N}]`,
    ),
  },
];

// --- Identity and card numbers -----------------------------------------------------------------
// Keywords that introduce a document number, in Russian and English.
// (NFKC turns "№" into "No", so the number sign is matched as "no" followed by a digit.)
const DOCUMENT_WORDS = String.raw`(?:паспорт|загран|серия|сер\.|номер|удостоверени|военн(?:ый|ого) билет|в\/б|инн|снилс|полис|дело|passport|document|id no|id number|(?<!\p{L})no\.?\s?\d)`;
/** Such a word before a number, in the same sentence: "паспорт 45 07 …", "дело № 1…". */
const DOCUMENT_BEFORE = new RegExp(String.raw`${DOCUMENT_WORDS}(?:[^\n!?;.,]|[.,](?!\s))*\d?$`, "iu");
/** A number of 4 or more digits after such a word, in the same sentence ("…passport. Flight SU 1234" is two). */
const DOCUMENT_NEAR = new RegExp(String.raw`${DOCUMENT_WORDS}(?:[^\n!?;.,]|[.,](?!\s)){0,40}?\d{4,}`, "iu");
// A series of letters followed by digits: "АА 1234567", "AB1234567", "C01X00T47".
const LETTERS_THEN_DIGITS = /(?<![\p{L}\p{N}])[\p{Lu}]{1,3}[\s№-]?\d{6,9}(?![\p{N}])/u;
// A mixed token of 8-12 letters and digits with at least 5 digits and 1 letter ("12AB34567").
const MIXED_TOKEN = /(?<![\p{L}\p{N}-])(?=[\p{L}\p{N}]*\p{L})(?=(?:[\p{L}]*\p{N}){5})[\p{L}\p{N}]{8,12}(?![\p{L}\p{N}-])/u;
/**
 * Digits joined by up to three characters that are neither letters nor digits: "+7 (912) 345-67-89".
 * A line break or a punctuation mark before a space (". ", ", ", "; ") splits them: "Debt 350 000. 31 years
 * old" and "+7 912 345 67 89, 3-4 weeks" are two numbers each.
 */
const DIGIT_RUN = /\d+(?:(?:(?![.,;!?]\s)[^\p{L}\p{N}\n]){1,3}\d+)*/gu;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** International or Russian trunk-prefixed numbers of phone length: "+7…", "8 912…", "00 49…". */
function phoneShaped(digits: string): boolean {
  return (digits.length === 11 && /^[78]9/.test(digits)) || (digits.length >= 11 && digits.startsWith("00"));
}

function numberKinds(text: string, found: Set<IdentifierKind>): void {
  // E-mail addresses and coordinates are named as such, not also as phone numbers.
  const withoutCoordinates = COORDINATE_PAIRS.reduce(
    (out, pattern) => out.replace(pattern, (...m: string[]) => (onTheGlobe(m) ? " " : (m[0] ?? ""))),
    text,
  );
  const numbers = withoutHarmlessNumbers(withoutCoordinates.replace(EMAIL_RULE, " "));
  for (const run of numbers.matchAll(DIGIT_RUN)) {
    const digits = run[0].replace(/\D/g, "");
    const afterDocumentWord = () => DOCUMENT_BEFORE.test(numbers.slice(Math.max(0, run.index - 30), run.index + 1));
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) found.add("card_number");
    else if (digits.length >= 7 && digits.length <= 15)
      found.add(!phoneShaped(digits) && afterDocumentWord() ? "document_number" : "phone");
    else if (digits.length > 15) found.add("document_number");
  }
  if (LETTERS_THEN_DIGITS.test(numbers) || MIXED_TOKEN.test(numbers)) found.add("document_number");
  if (DOCUMENT_NEAR.test(numbers.replace(/\b(19|20)\d{2}\b/g, " "))) found.add("document_number");
}

/** Whether a rule finds an accepted match; after a refused one the search goes on from its next character. */
function matches({ pattern, accept }: Rule, text: string): boolean {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (!accept || accept(match)) return true;
    pattern.lastIndex = match.index + 1;
  }
  return false;
}

/** What in `text` looks like an identifier, one finding per kind. Empty when the text is clean. */
export function screenText(text: string): Finding[] {
  const found = new Set<IdentifierKind>();
  const normalised = normalise(text);

  const deobfuscated = deobfuscate(normalised);
  // search(), unlike test(), ignores and keeps the lastIndex of these global patterns.
  if (
    [EMAIL_RULE, PROVIDER_EMAIL].some((p) => normalised.search(p) >= 0) ||
    [OBFUSCATED_EMAIL, PROVIDER_EMAIL].some((p) => deobfuscated.search(p) >= 0)
  )
    found.add("email");
  for (const rule of RULES) if (!found.has(rule.kind) && matches(rule, normalised)) found.add(rule.kind);
  numberKinds(normalised, found);

  return [...found].map((kind) => ({ kind }));
}

/** For zod: a refinement message naming what to remove ("identifier:phone,email"). */
export function screeningMessage(findings: Finding[]): string {
  return `identifier:${findings.map((f) => f.kind).join(",")}`;
}
