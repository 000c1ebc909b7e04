/**
 * "No identifiers by design": free text (coarse place, next-step text, notes, closing reason, vetting
 * remarks) is screened before it is stored. Text that looks like a phone number, e-mail address,
 * passport or ID number, card number, street address, exact coordinates or a date of birth is
 * refused, naming what to remove. Pure and shared: forms can warn early, the server decides.
 *
 * It errs on the side of refusing: a caseworker can always rephrase ("the usual number"), while a
 * stored passport number cannot be un-leaked. The corpus in screening.corpus.ts pins its behaviour.
 */

export type IdentifierKind = "email" | "phone" | "document_number" | "card_number" | "address" | "coordinates" | "birth_date" | "url";

export interface Finding {
  kind: IdentifierKind;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/u;
const URL = /\b(?:https?:\/\/|www\.)\S+/i;

// Dates and times are common and harmless in notes; they are removed before counting digits.
const DATES_AND_TIMES = [
  /\b\d{4}-\d{1,2}-\d{1,2}\b/g, // 2024-05-12
  /\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/g, // 12.05.2024, 12/05/24
  /\b\d{1,2}:\d{2}(?::\d{2})?\b/g, // 19:30
];

const BIRTH_CONTEXT = /((?<!\p{L})д\.\s?р\.|дата рождения|родил(?:ся|ась)|(?<!\p{L})г\.\s?р\.|год рождения|(?<!\p{L})born(?!\p{L})|birth ?date|date of birth|(?<!\p{L})dob(?!\p{L}))/iu;
const ANY_DATE = /\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|(19|20)\d{2})\b/;

// Keywords that introduce a document number, in Russian and English.
// (NFKC turns "№" into "No", so the number sign is matched as "no" followed by a digit.)
const DOCUMENT_CONTEXT = /(паспорт|загран|серия|сер\.|номер|удостоверени|военн(?:ый|ого) билет|в\/б|инн|снилс|полис|дело|passport|document|id no|id number|(?<!\p{L})no\.?\s?\d)/iu;
// A series of letters followed by digits: "АА 1234567", "AB1234567", "C01X00T47".
const LETTERS_THEN_DIGITS = /(?<![\p{L}\p{N}])[\p{Lu}]{1,3}[\s№-]?\d{6,9}(?![\p{N}])/u;
// A mixed token of 8-12 letters and digits with at least 5 digits and 1 letter ("12AB34567").
const MIXED_TOKEN = /(?<![\p{L}\p{N}-])(?=[\p{L}\p{N}]*\p{L})(?=(?:[\p{L}]*\p{N}){5})[\p{L}\p{N}]{8,12}(?![\p{L}\p{N}-])/u;

// Street addresses: a street keyword with a name and a number nearby, or an apartment/house number.
const ADDRESS_PATTERNS = [
  // "ул. Ленина, 5", "проспект Мира 12"
  /(?:^|[\s,(])(ул|улица|пр-т|просп|проспект|пер|переулок|шоссе|бульвар|б-р|наб|набережная|пл|площадь|мкр|микрорайон|тупик)\.?\s+[\p{L}\d .-]{1,40}?[,\s]\s*(д\.?|дом)?\s*\d+/iu,
  // "Невский пр-т, 28", "Ленинский просп. 5"
  /\p{L}+\s+(пр-т|просп\.|ул\.|пер\.|ш\.|б-р|наб\.)\s*,?\s*(д\.?\s*)?\d+/iu,
  // "д. 5", "кв. 12", "корп. 2"
  /(?:^|[\s,])(д|дом|кв|квартира|корп|корпус|стр|строение|подъезд)\.?\s*\d+/iu,
  // "12 Baker Street", "221B Baker St."
  /\b\d{1,5}[A-Za-z]?,?\s+(?:\p{Lu}[\p{L}'-]+\s){1,3}(Street|St\.|Avenue|Ave\.?|Road|Rd\.?|Lane|Boulevard|Blvd\.?)(?!\p{L})/u,
  // "Hauptstraße 5", "Atatürk Caddesi No: 12", "ulitsa Lenina 5"
  /(straße|strasse|str\.|ulitsa|ul\.|prospekt|sokak|sokağı|caddesi|cad\.)\s*(no\.?:?\s*)?\d+/iu,
  // "Apt 4", "Flat 12", "Wohnung 3"
  /\b(apt|apartment|flat|suite|bldg|wohnung)\.?\s*(no\.?\s*)?\d+/iu,
  // "rue de la Paix", "Calle Mayor"
  /\b(rue|calle|ulica|utca)\s+(?:(?:de|du|des|la|le|del|di)\s+)*\p{Lu}/u,
];

const COORDINATES = [
  /-?\d{1,3}\.\d{3,}\s*[,;\s]\s*-?\d{1,3}\.\d{3,}/,
  /\d{1,3}\s*°\s*\d{1,2}\s*['′]?\s*(\d{1,2}(\.\d+)?\s*['′″"]{0,2})?\s*[NSEWСЮВЗ]/iu,
  /(?:geo:|maps\.google|goo\.gl\/maps|yandex\.\w+\/maps|2gis)/i,
];

function stripDatesAndTimes(text: string): string {
  return DATES_AND_TIMES.reduce((out, pattern) => out.replace(pattern, " "), text);
}

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

/** Runs of digits that may be separated by spaces, dashes, dots or brackets ("+7 (912) 345-67-89"). */
function digitRuns(text: string): string[] {
  const runs = text.match(/\+?\(?\d[\d\s().-]*\d/g) ?? [];
  return runs.map((run) => run.replace(/\D/g, ""));
}

/** What in `text` looks like an identifier, one finding per kind. Empty when the text is clean. */
export function screenText(text: string): Finding[] {
  const found = new Set<IdentifierKind>();
  const normalised = text.normalize("NFKC");

  if (EMAIL.test(normalised)) found.add("email");
  if (URL.test(normalised)) found.add("url");
  if (COORDINATES.some((p) => p.test(normalised))) found.add("coordinates");
  if (BIRTH_CONTEXT.test(normalised) && ANY_DATE.test(normalised)) found.add("birth_date");
  if (ADDRESS_PATTERNS.some((p) => p.test(normalised))) found.add("address");

  const withoutDates = stripDatesAndTimes(normalised.replace(EMAIL, " "));
  for (const digits of digitRuns(withoutDates)) {
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) found.add("card_number");
    else if (digits.length >= 7 && digits.length <= 15) found.add(DOCUMENT_CONTEXT.test(normalised) && !phoneShaped(digits) ? "document_number" : "phone");
    else if (digits.length > 15) found.add("document_number");
  }
  if (LETTERS_THEN_DIGITS.test(withoutDates) || MIXED_TOKEN.test(withoutDates)) found.add("document_number");
  if (DOCUMENT_CONTEXT.test(normalised) && /\d{4,}/.test(withoutDates.replace(/\b(19|20)\d{2}\b/g, " "))) found.add("document_number");

  return [...found].map((kind) => ({ kind }));
}

/** For zod: a refinement message naming what to remove ("identifier:phone,email"). */
export function screeningMessage(findings: Finding[]): string {
  return `identifier:${findings.map((f) => f.kind).join(",")}`;
}
