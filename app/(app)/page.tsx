import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CaseworkerHome } from "@/app/(app)/_components/caseworker-home";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { can, homePath } from "@/lib/access/policy";
import { requirePageActor } from "@/lib/auth/session";
import { getCaseworkerHome } from "@/lib/dashboard/home";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("home"))("title") };
}

// The start page: a caseworker's own work; everyone else goes to their role's home.
export default async function StartPage() {
  const actor = await requirePageActor();
  if (!can(actor.role, "home:caseworker")) redirect(homePath(actor.role));
  const [data, t] = await Promise.all([getCaseworkerHome(actor), getTranslations("home")]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={<ButtonLink href="/cases/new">{t("newCase")}</ButtonLink>} />
      <CaseworkerHome data={data} />
    </>
  );
}
