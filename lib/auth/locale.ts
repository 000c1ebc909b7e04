import "server-only";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { getActor } from "./session";

/** The signed-in user's chosen language, or null (then the browser's language is used). */
export async function currentLocalePreference(): Promise<Locale | null> {
  const actor = await getActor().catch(() => null);
  return actor && isLocale(actor.locale) ? actor.locale : null;
}
