import type { IdentifierKind } from "./screening";
import { ALONE_AFTER, ALONE_BEFORE, CURRENCY, DAY, MON, MON2, MONTH, NO_UNIT, SP, YEAR, oneOf, re, words } from "./screening-words";

/** Patterns of numbers that are not identifiers, and the parts of e-mail addresses, links, handles and streets (for screening.ts). */

// --- Numbers that are not identifiers ----------------------------------------------------------
export const AMOUNT = String.raw`(?:\d{1,3}(?:[ ,.'’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)`;
export const AMOUNTS = String.raw`${AMOUNT}(?:${SP}?[-–—]${SP}?${AMOUNT})?`;
export const HARMLESS_NUMBERS = [
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

export const withoutHarmlessNumbers = (text: string) => HARMLESS_NUMBERS.reduce((out, pattern) => out.replace(pattern, " "), text);

export const CALL_SIGN_STOP = words(`
  не нет неизвестен неизвестно было в на от за по и или свой свою своего сообщил сменил менял
  unknown not none of and or the a at in on for from with given known used changed system`);
export const CALL_SIGN_LINKS = words("у него неё нее его её ее был была is was his her their");
/**
 * After "позывной": a quoted or capitalised word, a Russian word other than "нет", "не"…, or any word
 * after a colon or dash. "Call sign unknown", "позывного нет", "a nickname among friends" stay sentences.
 */
export function namesACallSign(tail: string): boolean {
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
export const NOT_PLATE_LETTERS = words("EUR USD RUB GEL AMD KZT TRY KGS BYN RSD GBP CHF UAH AZN UZS CNY AM PM");

/** "в/ч", "войсковая часть", "часть", "unit", "п/п", "полевая почта", "field post"… before a unit or field-post number. */
export const UNIT_WORD = oneOf(String.raw`
  в\s?[/.]\s?ч\.? вч v\s?[/.]\s?ch\.? vch (?:войсков|воинск|военн)\p{L}*\s+част\p{L}* част(?:ь|и|ью) (?:military\s+)?unit
  п\s?[/.]\s?п\.? полев\p{L}*\s+почт\p{L}* field\s+post(?:\s+office)?`);
/** Regiments, brigades, divisions, battalions, and the abbreviations of a few. */
export const FORMATION = oneOf("полк бригад дивизи батальон regiment brigade division battalion омсбр мсп мсд обрмп одшбр дшб вдд пдп ошб");
export const FORMATION_ADJECTIVE = oneOf(String.raw`
  \p{L}+(?:ая|ой|ый|ий|ого|ей|ое|ую|ых) separate guards? motor(?:ised|ized)? rifle airborne assault mechani[sz]ed tank artillery
  marine naval infantry`);

/** "55.7558, 37.6173" and "55,7558 37,6173": latitude and longitude, 3 or more decimals (about 100 m). */
export const COORDINATE_PAIRS = [
  re(String.raw`(?<![\d.])(-?\d{1,3})\.\d{3,}°?\s?[NSEW]?(?:\s*[,;]\s*|\s+)[NSEW]?\s?(-?\d{1,3})\.\d{3,}(?![\d.]*\d)`),
  re(String.raw`(?<![\d,])(-?\d{1,3}),\d{4,}(?:\s*;\s*|,\s+|\s+)(-?\d{1,3}),\d{4,}(?![\d,]*\d)`),
] as const;
export const onTheGlobe = (m: ArrayLike<string | undefined>) => Math.abs(Number(m[1])) <= 90 && Math.abs(Number(m[2])) <= 180;

// --- Patterns, by kind -------------------------------------------------------------------------
export interface Rule {
  kind: IdentifierKind;
  pattern: RegExp;
  /** A second look at a match, for what a regular expression says badly (stop words, host names). */
  accept?: (match: RegExpMatchArray) => boolean;
}

export const EMAIL = String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+\s?@\s?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.`;
export const EMAIL_RULE = re(String.raw`${EMAIL}\p{L}{2,}(?![\p{L}\p{N}])`);
// Addresses at the big providers, even without the domain ending: "ivan.petrov@gmail".
export const PROVIDER_EMAIL = re(
  String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+\s?@\s?(?:g?mail|googlemail|yandex|ya|proton(?:mail)?|outlook|hotmail|yahoo|icloud|rambler|bk|inbox|list|tuta(?:nota)?|gmx)(?![\p{L}\p{N}])`,
);
// Spelled-out addresses must end in a lower-case domain ending, so "at home.Then" stays a sentence.
export const OBFUSCATED_EMAIL = re(String.raw`${EMAIL}(?:[a-z]{2,6}|рф)(?![\p{L}\p{N}])`, "u");

export const SOCIAL_HOSTS = new RegExp(
  `^(?:[\\w-]+\\.)*${oneOf(String.raw`
    t\.me telegram\.(?:me|dog) wa\.me whatsapp\.com vk\.(?:com|ru) ok\.ru instagram\.com instagr\.am facebook\.com fb\.(?:com|me)
    m\.me x\.com twitter\.com tiktok\.com youtube\.com youtu\.be signal\.(?:me|group) threads\.net linkedin\.com viber\.com
    snapchat\.com discord\.(?:gg|com) reddit\.com bsky\.app max\.ru livejournal\.com github\.com`)}$`,
  "i",
);
export const isSocialLink = (link: string) =>
  SOCIAL_HOSTS.test(link.replace(/^[a-z]+:\/\/(?:www\.)?|^www\./i, "").split(/[/?#:]/)[0] ?? "");
export const URL_WITH_SCHEME = String.raw`(?:https?|ftp):\/\/\S+|(?<![\p{L}\p{N}])www\.\S+`;
// The domain ending must be lower case, so that "St.Petersburg/Moscow" stays a route.
export const URL_WITHOUT_SCHEME = String.raw`(?<![\p{L}\p{N}@._%+\/:-])(?:[\p{L}\p{N}-]+\.)+(?:[a-z]{2,}|рф|рус|бел|қаз|укр|срб)\/\S*`;
export const MESSENGER_SCHEME = String.raw`(?<!\p{L})(?:tg|viber|whatsapp|signal|sgnl|skype):\/?\/?\S+`;

export const HANDLE_KEYWORD = oneOf(String.raw`
  telegram телеграм\p{L}* телег\p{L}* tg тг instagram insta инст(?:а|у|е|ой|аграм\p{L}*)? ig vk вк вконтакте skype скайп\p{L}*
  signal сигнал\p{L}* whatsapp ватсап\p{L}* viber вайбер\p{L}* ник(?:а|ом|нейм\p{L}*)? nick(?:name)? user\s?name login логин\p{L}*
  аккаунт\p{L}* account profile профил\p{L}*`);

/**
 * Street words before the name ("ул. Абая", "проспект Мира", "ul. Abaya", "prospekt Mira") and after it
 * ("Невский пр-т", "Абай даңғылы", "Abaya street", "Rustaveli ave"). Abbreviations may take a dot; after a
 * full word a dot ends the sentence ("…на центральной улице. Needs 2 tickets").
 */
export const STREET_FIRST = String.raw`(?:${oneOf(String.raw`
  ул пр пр-т пр-кт просп пер ш б-р наб пл мкр туп ul prosp pr-t mkr pr per pl nab`)}\.${SP}*|${oneOf(String.raw`
  ул пр пр-т пр-кт просп пер ш б-р наб пл мкр туп ul prosp pr-t mkr улиц[аеуы] проспект[аеу]? переул(?:ок|ка|ке) шоссе бульвар[аеу]? набережн(?:ая|ой|ую)
  площад[ьи] микрорайон[аеу]? проезд[аеу]? тупик[аеу]? аллеи аллея тракт[аеу]? линия линии ulitsa ulica ulitsy prospekt pereulok
  bulvar shosse mikrorayon mikroraion ploshchad`)}${SP}+)`;
export const STREET_AFTER = String.raw`(?:${oneOf(String.raw`
  ул пр-т пр-кт просп пер ш б-р наб пл даң көш str st ave av rd ln blvd hwy sq pr cad`)}\.?|${oneOf(String.raw`
  улица проспект переулок шоссе бульвар набережная площадь проезд тупик аллея тракт даңғылы көшесі көше street avenue road lane
  boulevard highway square prospekt prospect ulitsa kuchasi kucha k'ucha gamziri koshesi dangyly poghots poghota sokak caddesi`)})`;
/** Abbreviations take a dot ("кв. 12"); after a full word a dot ends the sentence ("…a rented flat. 12 days"). */
export const HOUSE_OR_FLAT = String.raw`(?:${oneOf("д кв корп мкр мкр-н kv korp apt bldg")}\.?|${oneOf(String.raw`
  дом квартира корпус строение подъезд пәтер үй kvartira korpus dom apartment flat suite wohnung`)})`;
export const HOUSE = String.raw`(?:д\.?${SP}?|дом${SP}|d\.${SP}?|dom${SP}|no\.?${SP}?)?\d{1,4}(?!\d)${NO_UNIT}`;
