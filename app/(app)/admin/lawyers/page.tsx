import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { AddLawyerForm, LawyerRow } from "@/app/(app)/admin/lawyers/_components/lawyer-forms";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { countryOptions } from "@/lib/i18n/countries";
import { listPartnerLawyers } from "@/lib/lawyers/partners";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lawyers"))("title") };
}

/** The organisation's partner lawyers, which caseworkers name in a case's extradition proceedings. */
export default async function LawyersPage() {
  const actor = await requirePageActor("lawyer:manage");
  const [lawyers, t, locale] = await Promise.all([listPartnerLawyers(actor), getTranslations("lawyers"), getLocale()]);
  const countries = countryOptions(locale);
  return (
    <ClientMessages namespaces={["lawyers"]}>
      <>
        <PageHeader title={t("title")} description={t("description")} />
        <div className="space-y-6">
          <Card aria-labelledby="add-lawyer-heading">
            <CardHeader id="add-lawyer-heading" title={t("add")} description={t("addHint")} />
            <CardBody>
              <AddLawyerForm countries={countries} />
            </CardBody>
          </Card>
          <Card aria-labelledby="lawyers-heading">
            <CardHeader id="lawyers-heading" title={t("list", { count: lawyers.length })} />
            {lawyers.length === 0 ? (
              <CardBody>
                <p className="text-sm text-slate-600">{t("none")}</p>
              </CardBody>
            ) : (
              <ul className="divide-y divide-slate-100">
                {lawyers.map((lawyer) => (
                  <li key={lawyer.id} className="px-4 py-3 sm:px-5" data-testid="partner-lawyer">
                    <LawyerRow lawyer={lawyer} countries={countries} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </>
    </ClientMessages>
  );
}
