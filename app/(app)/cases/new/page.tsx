import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { IntakeForm } from "@/app/(app)/cases/new/_components/intake-form";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/access/policy";
import { requirePageActor } from "@/lib/auth/session";
import { listStaffOptions } from "@/lib/cases/staff";
import { countryOptions } from "@/lib/i18n/countries";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("intake"))("title") };
}

export default async function NewCasePage() {
  const actor = await requirePageActor("case:create");
  const [t, locale] = await Promise.all([getTranslations("intake"), getLocale()]);
  // Coordinators choose the caseworker; a caseworker's intake is theirs.
  const caseworkers = can(actor.role, "case:assign")
    ? (await listStaffOptions(actor)).filter((s) => s.role === "CASEWORKER" && s.active).map((s) => ({ id: s.id, email: s.email }))
    : null;
  return (
    <ClientMessages namespaces={["case", "intake", "places"]}>
      <>
        <PageHeader title={t("title")} description={t("description")} />
        <Card className="max-w-3xl">
          <CardBody>
            <IntakeForm countries={countryOptions(locale)} caseworkers={caseworkers} />
          </CardBody>
        </Card>
      </>
    </ClientMessages>
  );
}
