import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { isLocale, negotiateLocale, type Locale } from "./locales";

/** The signed-in user's chosen language, or null (then the browser's language is used). */
async function currentLocalePreference(): Promise<Locale | null> {
  const actor = await getActor().catch(() => null);
  return actor && isLocale(actor.locale) ? actor.locale : null;
}

// The signed-in user's language (stored on the account); otherwise the browser's.
export default getRequestConfig(async () => {
  const preferred = await currentLocalePreference();
  const locale: Locale = preferred ?? negotiateLocale((await headers()).get("accept-language"));
  return {
    locale,
    messages: (await import(`./messages/${locale}.json`)).default,
    timeZone: "UTC",
  };
});
