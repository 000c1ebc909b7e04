import fc from "fast-check";
import { describe, expect, test } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import ru from "@/lib/i18n/messages/ru.json";
import { screenText, screeningMessage, type IdentifierKind } from "./screening";
import { MUST_PASS, MUST_REFUSE } from "./screening.corpus";

const kinds = (text: string) => screenText(text).map((f) => f.kind);

describe("identifier screening", () => {
  test.each(MUST_REFUSE)("refuses %j", ({ text, kind }) => {
    expect(kinds(text)).toContain(kind);
  });

  test.each(MUST_PASS)("lets through %j", (text) => {
    expect(screenText(text)).toEqual([]);
  });

  test("over the whole corpus, every refuse text is refused and no pass text is", () => {
    const refused = MUST_REFUSE.filter(({ text }) => screenText(text).length > 0);
    const named = MUST_REFUSE.filter(({ text, kind }) => kinds(text).includes(kind));
    const falsePositives = MUST_PASS.filter((text) => screenText(text).length > 0);
    const truePositives = refused.length;
    const falseNegatives = MUST_REFUSE.length - truePositives;
    const percent = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
    console.log(
      `screening corpus: ${MUST_REFUSE.length} refuse, ${MUST_PASS.length} pass — ` +
        `recall ${percent(truePositives, truePositives + falseNegatives)}, ` +
        `precision ${percent(truePositives, truePositives + falsePositives.length)} ` +
        `(kind named correctly in ${percent(named.length, MUST_REFUSE.length)})`,
    );
    expect(MUST_REFUSE.filter(({ text }) => screenText(text).length === 0).map((e) => e.text)).toEqual([]);
    expect(falsePositives).toEqual([]);
  });

  test("the corpus is balanced: at least as many pass texts as refuse texts, each text once", () => {
    expect(MUST_PASS.length).toBeGreaterThanOrEqual(MUST_REFUSE.length);
    expect(MUST_REFUSE.length).toBeGreaterThanOrEqual(120);
    const texts = [...MUST_REFUSE.map((e) => e.text), ...MUST_PASS];
    expect(texts.filter((text, i) => texts.indexOf(text) !== i)).toEqual([]);
  });

  test("every kind has a message in each language and at least three refuse examples", () => {
    const messageKinds = Object.keys(en.identifierKinds);
    expect(Object.keys(ru.identifierKinds)).toEqual(messageKinds);
    const examples = (kind: string) => MUST_REFUSE.filter((e) => e.kind === kind).length;
    expect(messageKinds.filter((kind) => examples(kind) < 3)).toEqual([]);
    // And the corpus names no kind the messages lack.
    expect(MUST_REFUSE.filter((e) => !messageKinds.includes(e.kind))).toEqual([]);
  });

  test("names every kind found in one text", () => {
    const found = kinds("mail a@b.org, phone +7 912 345 67 89, ул. Ленина, д. 5, в/ч 71289, @ivan_93, А123ВС 77");
    expect(found).toEqual(expect.arrayContaining<IdentifierKind>(["email", "phone", "address", "unit_number", "handle", "licence_plate"]));
    expect(new Set(found).size).toBe(found.length);
  });

  test("the message names the kinds found, in order", () => {
    expect(screeningMessage([{ kind: "phone" }, { kind: "email" }])).toBe("identifier:phone,email");
  });

  test.each([
    ["full-width", "+７ ９１２ ３４５ ６７ ８９"],
    ["Arabic-Indic", "+٧ ٩١٢ ٣٤٥ ٦٧ ٨٩"],
    ["Extended Arabic-Indic (Persian)", "+۷ ۹۱۲ ۳۴۵ ۶۷ ۸۹"],
    ["Devanagari", "+७ ९१२ ३४५ ६७ ८९"],
    ["Bengali", "+৭ ৯১২ ৩৪৫ ৬৭ ৮৯"],
    ["Thai", "+๗ ๙๑๒ ๓๔๕ ๖๗ ๘๙"],
    ["mathematical bold", "+𝟕 𝟗𝟏𝟐 𝟑𝟒𝟓 𝟔𝟕 𝟖𝟗"],
    ["zero-width spaces between the digits", "+7\u200b912\u200b345\u200b67\u200b89"],
  ])("a phone number written in %s digits is caught", (_script, text) => {
    expect(kinds(text)).toContain("phone");
  });

  test("a unit number in Arabic-Indic digits is caught too", () => {
    expect(kinds("в/ч ٧١٢٨٩")).toContain("unit_number");
  });
});

describe("identifier screening, properties", () => {
  const digitGroups = fc
    .array(fc.stringMatching(/^\d{1,4}$/), { minLength: 3, maxLength: 7 })
    .filter((groups) => groups.join("").length >= 10 && groups.join("").length <= 15);
  const PHONE_KINDS: IdentifierKind[] = ["phone", "document_number", "card_number"];

  test("10 to 15 digits joined by any one separator are refused as a number", () => {
    // Not ". ", ", " or a line break: those end a sentence or a list item ("Debt 350 000. 31 years old").
    const separator = fc.constantFrom(
      " ",
      "-",
      ".",
      "/",
      "_",
      "|",
      "  ",
      " - ",
      " / ",
      ") ",
      "–",
      "\u00a0",
      " | ",
      "..",
      ",",
      " (",
      "+",
      "*",
    );
    fc.assert(
      fc.property(digitGroups, separator, fc.boolean(), (groups, sep, plus) => {
        const found = kinds(`${plus ? "+" : ""}${groups.join(sep)}`);
        expect(found.some((kind) => PHONE_KINDS.includes(kind))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test("10 to 15 digits joined by a mix of separators other than . / - are refused as a number", () => {
    // With ".", "/" and "-" mixed in, a piece can read as a date ("… 912 12.06.1985") and be set aside.
    const separator = fc.constantFrom(" ", "_", "|", "  ", ") ", " | ", "\u00a0", "_ ", " (");
    fc.assert(
      fc.property(digitGroups, fc.array(separator, { minLength: 6, maxLength: 6 }), (groups, seps) => {
        const text = groups.map((group, i) => (i === 0 ? group : `${seps[i - 1] ?? " "}${group}`)).join("");
        expect(kinds(text).some((kind) => PHONE_KINDS.includes(kind))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test("sentences do not run into each other: two pass texts pass together, a refuse text is still refused beside one", () => {
    // Joined by a comma, a few pairs do read as an address ("…Площадь Свободы, 3 батальона…"); sentences do not.
    const joiner = fc.constantFrom(". ", "\n", "; ", ".\n", "! ", "? ");
    const pass = fc.constantFrom(...MUST_PASS);
    fc.assert(
      fc.property(pass, joiner, pass, (a, join, b) => {
        expect(screenText(`${a}${join}${b}`)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...MUST_REFUSE), joiner, pass, fc.boolean(), ({ text, kind }, join, other, first) => {
        expect(kinds(first ? `${text}${join}${other}` : `${other}${join}${text}`)).toContain(kind);
      }),
      { numRuns: 2000 },
    );
  });

  test("ordinary dates, times, money, durations and counts pass", () => {
    const pad = (n: number) => String(n).padStart(2, "0");
    const day = fc.integer({ min: 1, max: 28 });
    const month = fc.integer({ min: 1, max: 12 });
    const year = fc.integer({ min: 2000, max: 2030 });
    const date = fc.oneof(
      fc.tuple(day, month, year).map(([d, m, y]) => `${pad(d)}.${pad(m)}.${y}`),
      fc.tuple(day, month, year).map(([d, m, y]) => `${d}.${m}.${String(y).slice(2)}`),
      fc.tuple(day, month, year).map(([d, m, y]) => `${y}-${pad(m)}-${pad(d)}`),
      fc.tuple(day, month, year).map(([d, m, y]) => `${pad(d)}/${pad(m)}/${y}`),
      fc.tuple(day, month).map(([d, m]) => `${pad(d)}.${pad(m)}`),
      fc.tuple(day, fc.constantFrom("января", "марта", "июня", "октября"), year).map(([d, m, y]) => `${d} ${m} ${y}`),
      fc.tuple(fc.constantFrom("January", "March", "June", "October"), day, year).map(([m, d, y]) => `${m} ${d}, ${y}`),
    );
    const time = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${pad(h)}:${pad(m)}`),
      fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${h}.${pad(m)}`),
      fc.tuple(fc.integer({ min: 8, max: 12 }), fc.integer({ min: 13, max: 20 })).map(([a, b]) => `${a}:00–${b}:30`),
    );
    const money = fc.oneof(
      fc.integer({ min: 1, max: 9999 }).map((n) => `${n} EUR`),
      fc.integer({ min: 1, max: 999 }).map((n) => `${n} 000 рублей`),
      fc.integer({ min: 1, max: 99 }).map((n) => `${n} 500 000 ₽`),
      fc.integer({ min: 1, max: 9999 }).map((n) => `$${n}`),
      fc.integer({ min: 1, max: 999 }).map((n) => `${n} тенге`),
    );
    const duration = fc.oneof(
      fc.integer({ min: 1, max: 9 }).map((n) => `${n}-${n + 1} weeks`),
      fc.integer({ min: 1, max: 90 }).map((n) => `${n} days`),
      fc.integer({ min: 1, max: 9 }).map((n) => `${n}–${n + 2} недели`),
      fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 4 })).map(([a, c]) => `${a} adults and ${c} children`),
    );
    const sentence = fc.oneof(
      fc.tuple(date, time).map(([d, t]) => `Appointment on ${d} at ${t}`),
      fc.tuple(date, time).map(([d, t]) => `Приём ${d} в ${t}`),
      fc.tuple(date, time, money).map(([d, t, m]) => `${d}, ${t}: ticket ${m}`),
      fc.tuple(money, date).map(([m, d]) => `Билет за ${m}, вылет ${d}`),
      fc.tuple(duration, money).map(([w, m]) => `Waiting ${w}; budget ${m}`),
      fc.tuple(date, date).map(([a, b]) => `с ${a} по ${b}`),
      fc.tuple(date, duration).map(([d, w]) => `From ${d}, ${w}`),
    );
    fc.assert(
      fc.property(sentence, (text) => {
        expect(screenText(text)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("identifier screening, speed", () => {
  /** The best of three runs, after a warm-up over the corpus (the first use of a pattern compiles it). */
  const timed = (text: string) => {
    for (const entry of [...MUST_PASS, ...MUST_REFUSE.map((e) => e.text)]) screenText(entry);
    let best = Infinity;
    for (let run = 0; run < 3; run += 1) {
      const start = performance.now();
      screenText(text);
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };

  test("a 5,000-character ordinary note is screened well under 50 ms", () => {
    let note = "";
    for (let i = 0; note.length < 5000; i += 1) note += `${MUST_PASS[i % MUST_PASS.length]}\n`;
    expect(timed(note.slice(0, 5000))).toBeLessThan(50);
  });

  // Guards against catastrophic backtracking: inputs built to make overlapping quantifiers explode.
  test.each([
    ["spaces", " ".repeat(5000)],
    ["one long word", "a".repeat(5000)],
    ["digits and spaces", "1 ".repeat(2500)],
    ["digits and dots", "1.".repeat(2500)],
    ["a long e-mail-like token", `${"a.".repeat(2400)}@${"b".repeat(150)}`],
    ["street keywords", "ул. Ленина ".repeat(450)],
    ["at signs", "@a".repeat(2500)],
    ["capitalised words and dashes", "Ленина 5-".repeat(550)],
    ["call-sign keywords", "позывной ".repeat(550)],
    ["host-like dots", "a.b".repeat(1666)],
    ["birth keywords", "родился ".repeat(600)],
    ["ordinal numbers before adjectives", "12 отдельной ".repeat(400)],
    ["capitalised words and ranges", "Ab 1-".repeat(1000)],
    ["Armenian words", "Աբ ".repeat(1666)],
  ])("a hostile 5,000-character text (%s) is screened in well under 100 ms", (_name, text) => {
    expect(timed(text)).toBeLessThan(100);
  });
});
