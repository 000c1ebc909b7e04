import type { IdentifierKind } from "./screening";
import { COORDINATE_PAIRS, EMAIL_RULE, onTheGlobe, withoutHarmlessNumbers } from "./screening-patterns";

/** Phone, card and document numbers among the digits of a text (for screening.ts). */

// --- Identity and card numbers -----------------------------------------------------------------
// Keywords that introduce a document number, in Russian and English.
// (NFKC turns "№" into "No", so the number sign is matched as "no" followed by a digit.)
export const DOCUMENT_WORDS = String.raw`(?:паспорт|загран|серия|сер\.|номер|удостоверени|военн(?:ый|ого) билет|в\/б|инн|снилс|полис|дело|passport|document|id no|id number|(?<!\p{L})no\.?\s?\d)`;
/** Such a word before a number, in the same sentence: "паспорт 45 07 …", "дело № 1…". */
export const DOCUMENT_BEFORE = new RegExp(String.raw`${DOCUMENT_WORDS}(?:[^\n!?;.,]|[.,](?!\s))*\d?$`, "iu");
/** A number of 4 or more digits after such a word, in the same sentence ("…passport. Flight SU 1234" is two). */
export const DOCUMENT_NEAR = new RegExp(String.raw`${DOCUMENT_WORDS}(?:[^\n!?;.,]|[.,](?!\s)){0,40}?\d{4,}`, "iu");
// A series of letters followed by digits: "АА 1234567", "AB1234567", "C01X00T47".
export const LETTERS_THEN_DIGITS = /(?<![\p{L}\p{N}])[\p{Lu}]{1,3}[\s№-]?\d{6,9}(?![\p{N}])/u;
// A mixed token of 8-12 letters and digits with at least 5 digits and 1 letter ("12AB34567").
export const MIXED_TOKEN = /(?<![\p{L}\p{N}-])(?=[\p{L}\p{N}]*\p{L})(?=(?:[\p{L}]*\p{N}){5})[\p{L}\p{N}]{8,12}(?![\p{L}\p{N}-])/u;
/**
 * Digits joined by up to three characters that are neither letters nor digits: "+7 (912) 345-67-89".
 * A line break or a punctuation mark before a space (". ", ", ", "; ") splits them: "Debt 350 000. 31 years
 * old" and "+7 912 345 67 89, 3-4 weeks" are two numbers each.
 */
export const DIGIT_RUN = /\d+(?:(?:(?![.,;!?]\s)[^\p{L}\p{N}\n]){1,3}\d+)*/gu;

export function luhn(digits: string): boolean {
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
export function phoneShaped(digits: string): boolean {
  return (digits.length === 11 && /^[78]9/.test(digits)) || (digits.length >= 11 && digits.startsWith("00"));
}

export function numberKinds(text: string, found: Set<IdentifierKind>): void {
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
