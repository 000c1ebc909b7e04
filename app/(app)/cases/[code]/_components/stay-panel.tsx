import { useFormatter, useLocale, useTranslations } from "next-intl";
import { dayText } from "@/components/cases/date-text";
import { stayRuleParts } from "@/components/cases/stay-rule-text";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import type { StayDTO } from "@/lib/cases/dto";
import { countryName } from "@/lib/i18n/countries";

/** Days a stay may still run before it is overstayed: fewer than this is urgent (the home list's horizon). */
const SOON_DAYS = 14;

/** The stay where the person is now: days used, the day it runs out, registration, and the rule it is counted by. */
export function StayPanel({ stay }: { stay: StayDTO }) {
  const t = useTranslations("stay");
  const format = useFormatter();
  const locale = useLocale();
  const day = (d: Date) => dayText(format, d);
  const facts = stay.facts;
  const urgent = facts.kind === "limited" && facts.daysLeft < SOON_DAYS;
  return (
    <section
      aria-labelledby="stay-heading"
      data-testid="stay-panel"
      className={cx("space-y-1 rounded-md border px-3 py-2 text-sm", urgent ? "border-amber-400 bg-amber-50" : "border-slate-200")}
    >
      <h3 id="stay-heading" className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
        {t("heading", { country: countryName(stay.country, locale) })}
        {stay.rule ? (
          stay.checkedOn ? (
            <span className="text-xs font-normal text-slate-600">{t("ruleChecked", { when: day(stay.checkedOn) })}</span>
          ) : (
            <Badge tone="warning">{t("ruleUnverified")}</Badge>
          )
        ) : null}
      </h3>
      {facts.kind === "limited" ? (
        <>
          <p className="text-slate-800">
            {facts.windowDays === null
              ? t("usedPerEntry", { used: facts.daysUsed, allowed: facts.daysAllowed })
              : t("usedInWindow", { used: facts.daysUsed, allowed: facts.daysAllowed, window: facts.windowDays })}
          </p>
          <p className={cx("font-medium", urgent ? "text-amber-950" : "text-slate-900")} data-testid="stay-ends">
            {facts.daysLeft >= 0
              ? t("endsOn", { date: day(facts.endsOn), days: facts.daysLeft })
              : t("ranOut", { date: day(facts.endsOn), days: -facts.daysLeft })}
          </p>
        </>
      ) : facts.kind === "unknown_arrival" ? (
        <p className="text-slate-800">{t("unknownArrival")}</p>
      ) : (
        <p className="text-slate-800">
          {stay.rule ? t("noLimit") : t("noRule")}
          {facts.daysUsed !== null ? ` ${t("daysSinceArrival", { days: facts.daysUsed })}` : ""}
        </p>
      )}
      {facts.kind !== "unknown_arrival" && facts.registrationBy ? (
        <p className="text-slate-800">{t("registrationBy", { date: day(facts.registrationBy) })}</p>
      ) : null}
      {stay.rule ? (
        <p className="text-xs text-slate-600">
          {stayRuleParts(stay.rule)
            .map(([key, values]) => t(`rule.${key}`, values))
            .join(" · ")}
        </p>
      ) : null}
    </section>
  );
}
