import { z } from "zod";

/**
 * Money as the budget keeps it: whole minor units of one currency from a closed ISO 4217 list, and
 * totals per currency (no exchange rate is invented). Pure; shared with forms.
 */

/** The currencies help is paid in: the donors' and the transit countries'. Every one has 2 decimals. */
export const CURRENCIES = ["EUR", "USD", "GBP", "CHF", "PLN", "GEL", "AMD", "KZT", "KGS", "TRY", "RSD", "UZS", "MNT"] as const;
export type Currency = (typeof CURRENCIES)[number];

export const CurrencySchema = z.enum(CURRENCIES, { error: "invalid_currency" });

/** The largest amount one record or threshold may hold, in major units (keeps sums far below 2^53). */
export const MAX_MAJOR_UNITS = 10_000_000;

/** "450", "450.5" or "450.50" (a dot or a comma) → 45050 minor units. */
export function parseAmount(text: string): number | null {
  const match = /^(\d{1,8})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const major = Number(match[1]);
  if (major > MAX_MAJOR_UNITS) return null;
  return major * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
}

/** A form's amount: a positive sum in minor units. */
export const AmountSchema = z.string().transform((text, ctx) => {
  const minor = parseAmount(text);
  if (minor === null || minor <= 0) {
    ctx.addIssue({ code: "custom", message: "invalid_amount" });
    return z.NEVER;
  }
  return minor;
});

/** A threshold: 0 or more, in minor units. */
export const ThresholdSchema = z.string().transform((text, ctx) => {
  const minor = parseAmount(text);
  if (minor === null) {
    ctx.addIssue({ code: "custom", message: "invalid_amount" });
    return z.NEVER;
  }
  return minor;
});

/** Minor units as a plain decimal ("450.00"), for CSV and forms; pages format with the locale. */
export function minorToDecimal(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Sums amounts per currency, in the currencies' list order. */
export function totalsByCurrency(
  rows: ReadonlyArray<{ currency: string; amountMinor: number }>,
): Array<{ currency: string; amountMinor: number }> {
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(r.currency, (sums.get(r.currency) ?? 0) + r.amountMinor);
  const order = (c: string) => {
    const i = (CURRENCIES as readonly string[]).indexOf(c);
    return i === -1 ? CURRENCIES.length : i;
  };
  return [...sums].sort((a, b) => order(a[0]) - order(b[0])).map(([currency, amountMinor]) => ({ currency, amountMinor }));
}
