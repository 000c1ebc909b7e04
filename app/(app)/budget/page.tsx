import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { BudgetLineForm } from "@/app/(app)/budget/_components/budget-line-form";
import { BudgetTable } from "@/app/(app)/budget/_components/budget-table";
import { MoneyText } from "@/components/budget/money-text";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { listBudgetLines } from "@/lib/budget/lines";
import { MonthRangeSchema } from "@/lib/budget/schemas";
import { getBudgetView } from "@/lib/budget/view";
import { countryName } from "@/lib/i18n/countries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("budget"))("title") };
}

/** The period asked for, or this year so far. */
function period(query: Record<string, string | string[] | undefined>) {
  const parsed = MonthRangeSchema.safeParse({ from: query.from, to: query.to });
  if (parsed.success) return parsed.data;
  const now = new Date().toISOString().slice(0, 7);
  return { from: `${now.slice(0, 4)}-01`, to: now };
}

/** The coordinator's budget (ADR 022): spent and committed, help awaiting approval, budget lines. */
export default async function BudgetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("budget:manage");
  const range = period(await searchParams);
  const [view, lines, t, ta, tc, locale] = await Promise.all([
    getBudgetView(actor, range),
    listBudgetLines(actor),
    getTranslations("budget"),
    getTranslations("assistance"),
    getTranslations("case"),
    getLocale(),
  ]);
  return (
    <ClientMessages namespaces={["budget"]}>
      <>
        <PageHeader title={t("title")} description={t("description")} />
        <div className="space-y-6">
          <p className="text-sm">
            <Link className="text-brand-700 underline" href={`/budget/donor-report?from=${range.from}&to=${range.to}`}>
              {t("donorReport")}
            </Link>
          </p>
          <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label={t("period")}>
            <label className="flex flex-col gap-1">
              {t("from")}
              <input type="month" name="from" defaultValue={range.from} className="rounded-md border border-slate-300 px-2 py-1" />
            </label>
            <label className="flex flex-col gap-1">
              {t("to")}
              <input type="month" name="to" defaultValue={range.to} className="rounded-md border border-slate-300 px-2 py-1" />
            </label>
            <button type="submit" className="rounded-md border border-slate-300 px-3 py-1">
              {t("show")}
            </button>
          </form>
          <Card aria-labelledby="awaiting-heading">
            <CardHeader id="awaiting-heading" title={t("awaiting")} />
            <CardBody>
              {view.awaiting.length ? (
                <ul className="space-y-1 text-sm">
                  {view.awaiting.map((a) => (
                    <li key={`${a.caseCode}-${a.month}-${a.amountMinor}-${a.type}`}>
                      <Link className="text-brand-700 underline" href={`/cases/${a.caseCode}`}>
                        {a.caseCode}
                      </Link>{" "}
                      · {ta(`type.${a.type}`)} · <MoneyText amountMinor={a.amountMinor} currency={a.currency} /> · {a.month}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-600">{t("noneAwaiting")}</p>
              )}
            </CardBody>
          </Card>
          <Card aria-labelledby="spent-heading">
            <CardHeader id="spent-heading" title={t("spentTitle", { from: range.from, to: range.to })} />
            <CardBody className="space-y-6">
              <BudgetTable caption={t("byLineAndMonth")} headers={[t("line"), t("month")]} rows={view.byLineAndMonth} />
              <BudgetTable
                caption={t("byCountry")}
                headers={[t("country")]}
                rows={view.byCountry}
                label={([c]) => [countryName(c ?? "", locale)]}
              />
              <BudgetTable caption={t("byStage")} headers={[t("stage")]} rows={view.byStage} label={([s]) => [tc(`status.${s}`)]} />
            </CardBody>
          </Card>
          <Card aria-labelledby="lines-heading">
            <CardHeader id="lines-heading" title={t("lines")} description={t("linesHint")} />
            <CardBody className="space-y-6">
              {lines.map((line) => (
                <BudgetLineForm key={line.id} line={line} />
              ))}
              <h3 className="font-semibold text-slate-900">{t("newLine")}</h3>
              <BudgetLineForm />
            </CardBody>
          </Card>
        </div>
      </>
    </ClientMessages>
  );
}
