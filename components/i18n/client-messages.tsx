import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import { clientCatalog } from "@/lib/i18n/client-catalog";

/**
 * Hands client components only the message namespaces they use, and of those only the keys client
 * code asks for (lib/i18n/client-catalog.ts). Without this, next-intl would serialize every message
 * of the app into every page (a third of a small page's weight).
 * `components/i18n/client-messages.test.ts` checks each page's list against the client
 * components it imports.
 */

/**
 * Used by the client components every page may show (forms, confirmations). Not the error messages:
 * a refused action's result carries its words (lib/errors/action-words.ts).
 */
export const BASE_CLIENT_NAMESPACES = ["common"] as const;

export async function ClientMessages({
  namespaces = [],
  base = true,
  children,
}: {
  namespaces?: readonly string[];
  base?: boolean;
  children: React.ReactNode;
}) {
  const all = clientCatalog(await getLocale(), await getMessages());
  const picked = Object.fromEntries(
    [...(base ? BASE_CLIENT_NAMESPACES : []), ...namespaces].filter((ns) => ns in all).map((ns) => [ns, all[ns]]),
  );
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
