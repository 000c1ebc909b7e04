import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { DateOnly, ZonedDateTime } from "@/components/cases/time";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { caseListHref } from "@/lib/cases/list-url";
import type { HomeDTO, HomeStepDTO } from "@/lib/dashboard/home";
import type { HomeEntryDTO } from "@/lib/dashboard/home-entries";
import type { HomeStayDTO } from "@/lib/dashboard/home-stays";
import { countryName } from "@/lib/i18n/countries";

function StepList({ steps, empty }: { steps: HomeStepDTO[]; empty: string }) {
  const t = useTranslations("home");
  if (steps.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {steps.map((s, i) => (
        <li key={`${s.code}-${i}`} className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
          <span className="min-w-0">
            <Link href={`/cases/${s.code}`} className="font-mono font-medium text-brand-700 underline-offset-2 hover:underline">
              {s.code}
            </Link>{" "}
            <span className="text-slate-800">{s.text}</span>
          </span>
          <span className={s.overdue ? "text-xs font-semibold text-red-700" : "text-xs text-slate-600"}>
            {s.overdue ? t("overdueSince") : t("due")} <DateOnly date={s.dueOn} />
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Stays that run out soon: the case, the country, the exact day and the days left (or over). */
function StayList({ stays }: { stays: HomeStayDTO[] }) {
  const t = useTranslations("home");
  const locale = useLocale();
  if (stays.length === 0) return <p className="text-sm text-slate-600">{t("noStays")}</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="home-stays">
      {stays.map((s) => (
        <li key={s.code} className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
          <span className="min-w-0">
            <Link href={`/cases/${s.code}`} className="font-mono font-medium text-brand-700 underline-offset-2 hover:underline">
              {s.code}
            </Link>{" "}
            <span className="text-slate-800">{countryName(s.country, locale)}</span>
          </span>
          <span className={s.daysLeft < 0 ? "text-xs font-semibold text-red-700" : "text-xs text-amber-900"}>
            {s.daysLeft < 0 ? t("stayRanOut", { days: -s.daysLeft }) : t("stayEnds", { days: s.daysLeft })} <DateOnly date={s.endsOn} />
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Granted visas to enter by soon: the case, the destination, the exact day and the days left. */
function EntryList({ entries }: { entries: HomeEntryDTO[] }) {
  const t = useTranslations("home");
  const locale = useLocale();
  if (entries.length === 0) return <p className="text-sm text-slate-600">{t("noEntries")}</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="home-entries">
      {entries.map((e, i) => (
        <li key={`${e.code}-${i}`} className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
          <span className="min-w-0">
            <Link href={`/cases/${e.code}`} className="font-mono font-medium text-brand-700 underline-offset-2 hover:underline">
              {e.code}
            </Link>{" "}
            <span className="text-slate-800">{countryName(e.destination, locale)}</span>
          </span>
          <span className="text-xs text-amber-900">
            {t("entryBy", { days: e.daysLeft })} <DateOnly date={e.entryBy} />
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The caseworker's start page: what needs doing now. */
export function CaseworkerHome({ data }: { data: HomeDTO }) {
  const t = useTranslations("home");
  const locale = useLocale();
  const format = useFormatter();
  const tiles = [
    { label: t("openCases"), row: data.open, tone: "text-slate-900" },
    { label: t("stale"), row: data.stale, tone: "text-amber-800" },
    { label: t("extradition"), row: data.extradition, tone: "text-red-700" },
    { label: t("staysEnding"), row: data.staysEnding, tone: "text-amber-800" },
  ];
  return (
    <div className="space-y-6">
      <section aria-label={t("figures")} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map((tile) => (
          <Link
            key={tile.label}
            href={caseListHref(tile.row.filter)}
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600"
          >
            <span className="block text-sm text-slate-600">{tile.label}</span>
            <span className={`mt-1 block text-3xl font-semibold ${tile.tone}`}>{format.number(tile.row.count)}</span>
          </Link>
        ))}
      </section>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card aria-labelledby="overdue-heading">
          <CardHeader id="overdue-heading" title={t("overdueSteps", { count: data.overdue.length })} />
          <CardBody>
            <StepList steps={data.overdue} empty={t("noOverdue")} />
          </CardBody>
        </Card>
        <Card aria-labelledby="upcoming-heading">
          <CardHeader id="upcoming-heading" title={t("upcomingSteps")} />
          <CardBody>
            <StepList steps={data.upcoming} empty={t("noUpcoming")} />
          </CardBody>
        </Card>
        <Card aria-labelledby="stays-heading" className="lg:col-span-2">
          <CardHeader id="stays-heading" title={t("stays")} description={t("staysHint")} />
          <CardBody>
            <StayList stays={data.stays} />
          </CardBody>
        </Card>
        <Card aria-labelledby="entries-heading" className="lg:col-span-2">
          <CardHeader id="entries-heading" title={t("entries")} description={t("entriesHint")} />
          <CardBody>
            <EntryList entries={data.entries} />
          </CardBody>
        </Card>
        <Card aria-labelledby="appointments-heading" className="lg:col-span-2">
          <CardHeader id="appointments-heading" title={t("appointments")} />
          <CardBody>
            {data.appointments.length === 0 ? (
              <p className="text-sm text-slate-600">{t("noAppointments")}</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {data.appointments.map((a, i) => (
                  <li key={`${a.code}-${i}`} className="flex flex-wrap justify-between gap-2 py-2 text-sm">
                    <span>
                      <Link href={`/cases/${a.code}`} className="font-mono font-medium text-brand-700 underline-offset-2 hover:underline">
                        {a.code}
                      </Link>{" "}
                      {t("appointmentFor", { country: countryName(a.destination, locale) })}
                    </span>
                    <ZonedDateTime date={a.appointmentAt} />
                  </li>
                ))}
              </ul>
            )}
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
