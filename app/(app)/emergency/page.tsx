import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { freezeAction, requestFreezeLiftAction } from "@/app/(app)/emergency/actions";
import { OutreachSection } from "@/app/(app)/emergency/_components/outreach-section";
import { DateTime } from "@/components/cases/time";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ActionForm } from "@/components/ui/action-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { requirePageActor } from "@/lib/auth/session";
import { countryOptions } from "@/lib/i18n/countries";
import { getFreezeState } from "@/lib/organisation/freeze";
import { listOutreachWindows } from "@/lib/outreach/windows";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("emergency"))("title") };
}

/**
 * What coordinators do when things go wrong: freeze Waypoint for everyone, and ask to lift it; after
 * an arrest, open an outreach window so caseworkers can warn people fast (ADR 028).
 */
export default async function EmergencyPage() {
  const actor = await requirePageActor("org:freeze");
  const [freeze, windows, t, locale] = await Promise.all([
    getFreezeState(actor),
    listOutreachWindows(actor),
    getTranslations("emergency"),
    getLocale(),
  ]);
  return (
    <ClientMessages namespaces={["emergency", "time"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <Card aria-labelledby="freeze-heading">
        <CardHeader id="freeze-heading" title={t("freeze")} description={t("freezeHint")} />
        <CardBody className="space-y-3 text-sm">
          {freeze ? (
            <>
              <p className="font-medium text-red-800" data-testid="freeze-state">
                {t("frozenSince")} <DateTime date={freeze.since} />
                {freeze.by ? ` · ${t("frozenBy", { who: freeze.by })}` : ""}
              </p>
              {freeze.liftRequested ? (
                <p>
                  {t("liftWaits")}{" "}
                  <Link href="/admin/approvals" className="font-medium text-brand-700 underline underline-offset-2">
                    {t("toApprovals")}
                  </Link>
                </p>
              ) : (
                <ActionForm action={requestFreezeLiftAction} successMessage={t("liftRequested")} aria-label={t("askLift")}>
                  <p className="text-slate-600">{t("liftHint")}</p>
                  <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
                    {t("askLift")}
                  </SubmitButton>
                </ActionForm>
              )}
            </>
          ) : (
            <ActionForm action={freezeAction} aria-label={t("freezeNow")}>
              <input type="hidden" name="confirm" value="FREEZE" />
              <ConfirmButton label={t("freezeNow")} title={t("freezeTitle")} body={t("freezeBody")} pendingLabel={t("saving")} />
            </ActionForm>
          )}
        </CardBody>
      </Card>
      <OutreachSection windows={windows} countries={countryOptions(locale)} />
    </ClientMessages>
  );
}
