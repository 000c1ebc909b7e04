import "server-only";
import type { AbstractIntlMessages } from "next-intl";
import clientKeys from "./client-keys.json";

/**
 * The part of a language's catalogue client code can ask for (lib/i18n/client-keys.json, written from
 * the sources by `npm run i18n:client-keys`): a namespace handed to client components carries the
 * keys its client components use, not the sentences only server components render. Half of the case
 * page's client messages were those (docs/performance-notes.md).
 */

const KEYS = new Set(clientKeys.keys);
const PREFIXES = clientKeys.prefixes;

const isGroup = (value: unknown): value is AbstractIntlMessages => typeof value === "object" && value !== null && !Array.isArray(value);

function wanted(key: string): boolean {
  return KEYS.has(key) || PREFIXES.some((prefix) => key.startsWith(prefix));
}

/** `messages` with only the keys client code uses; a group left empty is dropped. */
export function clientPart(messages: AbstractIntlMessages, prefix = ""): AbstractIntlMessages {
  const kept: AbstractIntlMessages = {};
  for (const [name, value] of Object.entries(messages)) {
    const key = `${prefix}${name}`;
    if (isGroup(value)) {
      const group = wanted(key) ? value : clientPart(value, `${key}.`);
      if (Object.keys(group).length > 0) kept[name] = group;
    } else if (wanted(key)) {
      kept[name] = value;
    }
  }
  return kept;
}

// Catalogues only change with a release: each language's client part is cut once per process.
const cut = new Map<string, AbstractIntlMessages>();

export function clientCatalog(locale: string, messages: AbstractIntlMessages): AbstractIntlMessages {
  let part = cut.get(locale);
  if (!part) {
    part = clientPart(messages);
    cut.set(locale, part);
  }
  return part;
}
