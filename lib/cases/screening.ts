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

import { deobfuscate, normalise } from "./screening-words";
import { EMAIL_RULE, OBFUSCATED_EMAIL, PROVIDER_EMAIL, type Rule } from "./screening-patterns";
import { RULES } from "./screening-rules";
import { numberKinds } from "./screening-numbers";

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
