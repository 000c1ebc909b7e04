import { MONTH_WORD, NO_UNIT, SEP, SP, WORD, YEAR, isName, isStreetName, isStreetWord, re } from "./screening-words";
import {
  COORDINATE_PAIRS,
  FORMATION,
  FORMATION_ADJECTIVE,
  HANDLE_KEYWORD,
  HOUSE,
  HOUSE_OR_FLAT,
  MESSENGER_SCHEME,
  NOT_PLATE_LETTERS,
  type Rule,
  STREET_AFTER,
  STREET_FIRST,
  UNIT_WORD,
  URL_WITHOUT_SCHEME,
  URL_WITH_SCHEME,
  isSocialLink,
  namesACallSign,
  onTheGlobe,
} from "./screening-patterns";

/** The screening's rules, by kind of identifier: a pattern and, where needed, a second look (for screening.ts). */

export const RULES: readonly Rule[] = [
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
