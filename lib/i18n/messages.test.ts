import path from "node:path";
import { isPluralElement, isSelectElement, isTagElement, parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, test } from "vitest";
import { readAppSources, scanErrorCodes, scanKeyUsage, type KeyUsage } from "@/lib/testing/i18n-usage";
import type { Locale } from "./locales";
import en from "./messages/en.json";
import ru from "./messages/ru.json";

// Every language of LOCALES has a file here (the type says so), compared with English, the source.
const MESSAGES: Record<Locale, unknown> = { en, ru };
const TRANSLATIONS = Object.entries(MESSAGES).filter(([locale]) => locale !== "en") as Array<[Locale, unknown]>;

/**
 * Namespaces whose keys may be looked up with a key that arrives as data, t(code). Anywhere else a
 * key must be written in the code, literally or as a template with a static start (t(`kind.${k}`)),
 * so that the test can see it. Even here a key counts as used only when its name appears as a string
 * literal somewhere in app/, components/ or lib/ (where the data comes from), so a message nobody
 * can ask for any more is still found.
 */
const DATA_KEYED_NAMESPACES: Record<string, string> = {
  // Codes of domain errors and of refused actions, worded on the server and shown by <ActionForm>.
  errors: "lib/errors/action-words.ts words t(result.error)",
  // zod messages and InvalidInputError field codes, shown next to the field by useFieldError().
  fieldErrors: "lib/errors/refusal-words.ts words t(code) for each field (on the server, and the import's refusals)",
  // Kinds of identifier found by lib/cases/screening.ts, sent as "identifier:phone,email".
  identifierKinds: "lib/errors/refusal-words.ts names each kind",
  // <DaysSince messageKey="daysInStage">: the caller names the message.
  time: "components/cases/time.tsx",
  // Case event types (CaseEventType) without a sentence of their own.
  timeline: "app/(app)/cases/[code]/_components/case-timeline.tsx falls back to t(event.type)",
};

function flatten(tree: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else if (value && typeof value === "object") for (const [k, v] of flatten(value, full)) out.set(k, v);
    else throw new Error(`${full} is neither a message nor a group of messages`);
  }
  return out;
}

const flat = Object.fromEntries(Object.entries(MESSAGES).map(([locale, tree]) => [locale, flatten(tree)])) as Record<
  Locale,
  Map<string, string>
>;

function elements(message: string): MessageFormatElement[] {
  return parse(message, { requiresOtherClause: true });
}

/** Argument names with how they are used; for selects, the branches offered. */
function signature(message: string): string[] {
  const out = new Set<string>();
  const walk = (list: MessageFormatElement[]) => {
    for (const el of list) {
      if (isSelectElement(el)) {
        out.add(`{${el.value}, select, ${Object.keys(el.options).sort().join(" ")}}`);
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (isPluralElement(el)) {
        // Languages differ in plural categories; the argument itself must be there.
        out.add(`{${el.value}}`);
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (isTagElement(el)) {
        out.add(`<${el.value}>`);
        walk(el.children);
      } else if (el.type !== TYPE.literal && el.type !== TYPE.pound) {
        out.add(`{${el.value}}`);
      }
    }
  };
  walk(elements(message));
  return [...out].sort();
}

function plurals(list: MessageFormatElement[]): Array<{ argument: string; categories: string[] }> {
  return list.flatMap((el) => {
    if (isPluralElement(el))
      return [{ argument: el.value, categories: Object.keys(el.options) }, ...Object.values(el.options).flatMap((o) => plurals(o.value))];
    if (isSelectElement(el)) return Object.values(el.options).flatMap((o) => plurals(o.value));
    if (isTagElement(el)) return plurals(el.children);
    return [];
  });
}

describe("messages", () => {
  test.each(TRANSLATIONS.map(([locale]) => locale))("%s has exactly the keys of English", (locale) => {
    const keys = [...flat[locale].keys()];
    const missing = [...flat.en.keys()].filter((key) => !flat[locale].has(key));
    const extra = keys.filter((key) => !flat.en.has(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  test("every message is valid ICU (with an `other` branch in each plural and select)", () => {
    const broken: string[] = [];
    for (const [locale, messages] of Object.entries(flat)) {
      for (const [key, message] of messages) {
        try {
          elements(message);
        } catch (error) {
          broken.push(`${locale} ${key}: ${(error as Error).message}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  test.each(TRANSLATIONS.map(([locale]) => locale))("%s keeps every argument, tag and select branch of English", (locale) => {
    const differing = [...flat.en]
      .filter(([key]) => flat[locale].has(key))
      .map(([key, message]) => ({ key, en: signature(message), [locale]: signature(flat[locale].get(key)!) }))
      .filter((row) => JSON.stringify(row.en) !== JSON.stringify(row[locale]));
    expect(differing).toEqual([]);
  });

  test("every Russian plural has the one, few, many and other forms", () => {
    const required = new Intl.PluralRules("ru").resolvedOptions().pluralCategories;
    expect([...required].sort()).toEqual(["few", "many", "one", "other"]);
    const lacking = [...flat.ru].flatMap(([key, message]) =>
      plurals(elements(message))
        .filter((p) => required.some((category) => !p.categories.includes(category)))
        .map((p) => `${key} {${p.argument}}: has ${p.categories.join(", ")}`),
    );
    expect(lacking).toEqual([]);
  });

  test("no Russian message is an English text left untranslated", () => {
    const sameInEveryLanguage = new Set(["app.name", "audit.actorPlaceholder"]);
    const untranslated = [...flat.ru].filter(
      ([key, message]) =>
        !sameInEveryLanguage.has(key) && message === flat.en.get(key) && /[A-Za-z]{2}/.test(message.replace(/\{[^{}]*\}/g, "")),
    );
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });
});

// Parsing every source file takes a second or two, more on a busy machine.
describe("message keys and the code", { timeout: 60_000 }, () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const sources = readAppSources(root);
  let scanned: KeyUsage | undefined;
  const usage = () => (scanned ??= scanKeyUsage(sources));
  const keys = [...flat.en.keys()];

  test("every translator has a namespace written in the code", () => {
    expect(usage().problems).toEqual([]);
  });

  test("every key the code names exists in English", () => {
    const missing = usage().uses.flatMap((use) => {
      if (use.kind === "exact" && !use.has && !flat.en.has(use.key)) return [`${use.at}: ${use.key}`];
      if (use.kind === "prefix" && !keys.some((key) => key.startsWith(use.prefix))) return [`${use.at}: ${use.prefix}…`];
      return [];
    });
    expect(missing).toEqual([]);
  });

  test("keys that arrive as data are looked up only in the namespaces listed for it", () => {
    const elsewhere = usage()
      .uses.filter((use) => use.kind === "dynamic" && !(use.namespace in DATA_KEYED_NAMESPACES))
      .map((use) => (use.kind === "dynamic" ? `${use.at}: t(${use.expression}) in namespace "${use.namespace}"` : ""));
    expect(
      elsewhere,
      "write the key in the code (a template with a static start is fine), or list the namespace in DATA_KEYED_NAMESPACES with the reason",
    ).toEqual([]);
  });

  test("every key is used by the code", () => {
    const { uses, literals, literalPrefixes } = usage();
    const exact = new Set(uses.flatMap((u) => (u.kind === "exact" ? [u.key] : [])));
    const prefixes = uses.flatMap((u) => (u.kind === "prefix" ? [u.prefix] : []));
    const dynamic = new Set(uses.flatMap((u) => (u.kind === "dynamic" && u.namespace in DATA_KEYED_NAMESPACES ? [u.namespace] : [])));
    const asData = (key: string) =>
      [...dynamic].some((ns) => {
        if (!key.startsWith(`${ns}.`)) return false;
        const name = key.slice(ns.length + 1);
        return literals.has(name) || [...literalPrefixes].some((p) => name.startsWith(p) && name.length > p.length);
      });
    const unused = keys.filter((key) => !exact.has(key) && !prefixes.some((p) => key.startsWith(p)) && !asData(key));
    expect(unused, "remove these keys from every language, or use them").toEqual([]);
  });

  test("every error code the server sends has a message", () => {
    const codes = scanErrorCodes(sources);
    const missing = [
      ...[...codes.errors].filter(([code]) => !flat.en.has(`errors.${code}`)).map(([code, at]) => `${at}: errors.${code}`),
      ...[...codes.fieldErrors].filter(([code]) => !flat.en.has(`fieldErrors.${code}`)).map(([code, at]) => `${at}: fieldErrors.${code}`),
    ];
    expect(codes.errors.size).toBeGreaterThan(10);
    expect(codes.fieldErrors.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
