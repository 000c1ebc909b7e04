import { useFormatter } from "next-intl";

/** An amount in minor units, formatted in the viewer's language with its currency (never converted). */
export function MoneyText({ amountMinor, currency }: { amountMinor: number; currency: string }) {
  const format = useFormatter();
  return <>{format.number(amountMinor / 100, { style: "currency", currency })}</>;
}
