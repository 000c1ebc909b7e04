import { getFormatter, getTranslations } from "next-intl/server";
import { closeOutreachAction } from "@/app/(app)/emergency/actions";
import { OutreachForm } from "@/app/(app)/emergency/_components/outreach-form";
import { ActionForm } from "@/components/ui/action-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import type { CountryOption } from "@/lib/i18n/countries";
import type { OutreachWindowDTO } from "@/lib/outreach/windows";

/**
 * The outreach windows (ADR 028): those open now, each with who opened it, until when and a way to
 * close it early, then the form that opens one. A window of named cases shows how many, never which.
 */
export async function OutreachSection({ windows, countries }: { windows: OutreachWindowDTO[]; countries: CountryOption[] }) {
  const [t, format] = await Promise.all([getTranslations("emergency"), getFormatter()]);
  const countryName = new Map(countries.map((c) => [c.code, c.name]));
  return (
    <Card aria-labelledby="outreach-heading" className="mt-6">
      <CardHeader id="outreach-heading" title={t("outreach")} description={t("outreachHint")} />
      <CardBody className="space-y-6 text-sm">
        <section aria-labelledby="outreach-open-heading" className="space-y-2">
          <h3 id="outreach-open-heading" className="font-semibold text-slate-900">
            {t("outreachOpenWindows")}
          </h3>
          {windows.length === 0 ? (
            <p className="text-slate-600">{t("outreachNone")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="outreach-windows">
              {windows.map((w) => (
                <li key={w.id} className="flex flex-wrap items-center gap-3 px-3 py-2" data-testid="outreach-window">
                  <div className="min-w-0 flex-1">
                    <p className="font-medium text-slate-900">
                      {w.country ? (countryName.get(w.country) ?? w.country) : t("outreachNamed", { count: w.namedCases })}
                      {" · "}
                      {t(`outreachReasons.${w.reason}`)}
                    </p>
                    <p className="text-slate-600">
                      {t("outreachUntil", { time: format.dateTime(w.endsAt, { dateStyle: "medium", timeStyle: "short" }) })}
                      {w.openedBy ? ` · ${t("outreachBy", { who: w.openedBy })}` : ""}
                    </p>
                  </div>
                  <ActionForm action={closeOutreachAction} successMessage={t("outreachClosed")} aria-label={t("outreachClose")}>
                    <input type="hidden" name="id" value={w.id} />
                    <ConfirmButton
                      label={t("outreachClose")}
                      title={t("outreachCloseTitle")}
                      body={t("outreachCloseBody")}
                      variant="secondary"
                      pendingLabel={t("saving")}
                    />
                  </ActionForm>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="outreach-new-heading" className="space-y-3">
          <h3 id="outreach-new-heading" className="font-semibold text-slate-900">
            {t("outreachOpen")}
          </h3>
          <OutreachForm countries={countries} />
        </section>
      </CardBody>
    </Card>
  );
}
