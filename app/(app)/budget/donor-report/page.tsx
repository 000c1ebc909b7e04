import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { MonthRangeSchema } from "@/lib/budget/schemas";
import { countryName } from "@/lib/i18n/countries";
import { buildDonorReport, type DonorSectionId } from "@/lib/reports/donor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("donorReport"))("title") };
}

/**
 * The donor report, printable (ADR 022): the same figures as its CSV, through the same disclosure
 * control, audited each time it is shown. The page speaks the reader's language (statuses, countries
 * and kinds of help by name); the CSV keeps English titles and the codes, for spreadsheets.
 */
export default async function DonorReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("report:export");
  const query = await searchParams;
  const [t, tCase, tHelp, locale] = await Promise.all([
    getTranslations("donorReport"),
    getTranslations("case"),
    getTranslations("assistance"),
    getLocale(),
  ]);
  const rowLabel = (section: DonorSectionId, code: string): string => {
    if (section === "people") return t("all");
    if (section === "stage") return tCase(`status.${code}` as Parameters<typeof tCase>[0]);
    if (section === "assistanceType") return tHelp(`type.${code}` as Parameters<typeof tHelp>[0]);
    return countryName(code, locale);
  };
  const parsed = MonthRangeSchema.safeParse({ from: query.from, to: query.to });
  const now = new Date().toISOString().slice(0, 7);
  const range = parsed.success ? parsed.data : { from: `${now.slice(0, 4)}-01`, to: now };
  const report = parsed.success ? await buildDonorReport(actor, range) : null;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <form method="get" className="flex flex-wrap items-end gap-3 text-sm print:hidden" aria-label={t("period")}>
          <label className="flex flex-col gap-1">
            {t("from")}
            <input type="month" name="from" required defaultValue={range.from} className="rounded-md border border-slate-300 px-2 py-1" />
          </label>
          <label className="flex flex-col gap-1">
            {t("to")}
            <input type="month" name="to" required defaultValue={range.to} className="rounded-md border border-slate-300 px-2 py-1" />
          </label>
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-1">
            {t("show")}
          </button>
          <button
            type="submit"
            formMethod="post"
            formAction="/budget/donor-report/csv"
            className="rounded-md border border-slate-300 px-3 py-1"
          >
            {t("csv")}
          </button>
        </form>
        {report ? (
          <Card aria-label={t("title")}>
            <CardBody className="space-y-6">
              <p className="text-sm text-slate-700">{t("periodText", { from: report.period.from, to: report.period.to })}</p>
              {report.sections.map((s) => (
                <div key={s.title} className="overflow-x-auto">
                  <table className="w-full text-left text-sm">
                    <caption className="mb-2 text-left font-semibold text-slate-900">{t(`sections.${s.id}`)}</caption>
                    <thead className="text-xs text-slate-600">
                      <tr>
                        {s.header.map((h, i) => (
                          <th key={i} scope="col" className="py-1 pr-3 font-medium">
                            {i === 0 ? (h ? t(`columns.${s.id}`) : "") : i === 1 ? t("people") : t("amount")}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {s.rows.map((r) => (
                        <tr key={r[0]} className="border-t border-slate-100" data-testid="donor-row">
                          {r.map((v, i) => (
                            <td key={i} className="py-1 pr-3 break-words">
                              {i === 0 ? rowLabel(s.id, v) : v}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ))}
              <p className="text-xs break-words text-slate-600">{t("note")}</p>
            </CardBody>
          </Card>
        ) : (
          <p className="text-sm text-slate-600">{t("choose")}</p>
        )}
      </div>
    </>
  );
}
