import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CaseworkerHome } from "@/app/(app)/_components/caseworker-home";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { getCaseworkerHome } from "@/lib/dashboard/home";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("home"))("title") };
}

// A caseworker's own work: where `/` sends a caseworker (app/route.ts). Other roles have their own homes.
export default async function CaseworkerHomePage() {
  const actor = await requirePageActor("home:caseworker");
  const [data, t] = await Promise.all([getCaseworkerHome(actor), getTranslations("home")]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={<ButtonLink href="/cases/new">{t("newCase")}</ButtonLink>} />
      <CaseworkerHome data={data} />
    </>
  );
}
