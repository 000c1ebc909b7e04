import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentLocalePreference } from "@/lib/auth/locale";
import { negotiateLocale, type Locale } from "./locales";

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
