import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

/**
 * Hands client components only the message namespaces they use. Without this, next-intl would
 * serialize every message of the app into every page (a third of a small page's weight).
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
  const all = await getMessages();
  const picked = Object.fromEntries(
    [...(base ? BASE_CLIENT_NAMESPACES : []), ...namespaces].filter((ns) => ns in all).map((ns) => [ns, all[ns]]),
  );
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
