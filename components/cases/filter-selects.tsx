import { useTranslations } from "next-intl";
import { FilterSelect } from "@/components/ui/filter-form";
import { RISK_LEVELS } from "@/lib/cases/vocabulary";
import type { CountryOption } from "@/lib/i18n/countries";

/** The filters the case list and the dashboard share; the page names them in its own words. */

interface SharedFilter {
  label: string;
  /** The label of the choice that filters nothing. */
  any: string;
  value: string | undefined;
}

export function CountryFilter({ countries, ...filter }: SharedFilter & { countries: CountryOption[] }) {
  return <FilterSelect {...filter} name="country" options={countries.map((c) => ({ value: c.code, label: c.name }))} />;
}

export function RiskFilter(filter: SharedFilter) {
  const tc = useTranslations("case");
  return <FilterSelect {...filter} name="risk" options={RISK_LEVELS.map((r) => ({ value: r, label: tc(`riskLevel.${r}`) }))} />;
}
