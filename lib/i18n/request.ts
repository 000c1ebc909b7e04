import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { zoneOf } from "@/lib/access/actor";
import { DEFAULT_TIME_ZONE } from "@/lib/time/zones";
import { isLocale, negotiateLocale, type Locale } from "./locales";

// The signed-in user's language (stored on the account); otherwise the browser's. Moments are shown
// in the user's time zone, else the organisation's (ADR 030); before sign-in, in UTC.
export default getRequestConfig(async () => {
  const actor = await getActor().catch(() => null);
  const preferred: Locale | null = actor && isLocale(actor.locale) ? actor.locale : null;
  const locale: Locale = preferred ?? negotiateLocale((await headers()).get("accept-language"));
  return {
    locale,
    messages: (await import(`./messages/${locale}.json`)).default,
    timeZone: actor ? zoneOf(actor) : DEFAULT_TIME_ZONE,
  };
});
