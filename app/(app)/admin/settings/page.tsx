import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OrganisationTimeZoneForm } from "@/app/(app)/admin/settings/_components/organisation-time-zone-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { getOrganisationTimeZone } from "@/lib/organisation/time-zone";
import { TIME_ZONES } from "@/lib/time/zones";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings"))("title") };
}

/** The organisation's settings (ADR 030): for now its time zone. */
export default async function SettingsPage() {
  const actor = await requirePageActor("org:settings");
  const [timeZone, t] = await Promise.all([getOrganisationTimeZone(actor), getTranslations("settings")]);
  return (
    <ClientMessages namespaces={["settings"]}>
      <>
        <PageHeader title={t("title")} description={t("description")} />
        <Card aria-labelledby="time-zone-heading">
          <CardHeader id="time-zone-heading" title={t("timeZoneTitle")} description={t("timeZoneDescription")} />
          <CardBody>
            <OrganisationTimeZoneForm timeZone={timeZone} zones={TIME_ZONES} />
          </CardBody>
        </Card>
      </>
    </ClientMessages>
  );
}
