import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/app/login/_components/login-form";
import { Alert } from "@/components/ui/alert";
import { AuthCard } from "@/components/ui/auth-card";
import { homePath } from "@/lib/access/policy";
import { getActor } from "@/lib/auth/session";
import { z } from "zod";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("login");
  return { title: t("title") };
}

const NoticeSchema = z.object({
  ended: z.enum(["revoked", "expired", "idle", "deactivated", "suspended"]).optional().catch(undefined),
  notice: z.enum(["signedOut", "signedOutIdle", "enrolled", "passwordReset"]).optional().catch(undefined),
});

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getActor();
  if (actor) redirect(actor.enrolmentOnly ? "/enrol" : homePath(actor.role));
  const t = await getTranslations();
  const { ended, notice } = NoticeSchema.parse(await searchParams);

  return (
    <ClientMessages namespaces={["login"]}>
      <AuthCard title={t("login.title")} intro={t("login.intro")} footer={t("login.privacy")}>
        {ended ? (
          <Alert tone="warning" className="mb-4">
            {t("login.ended", { reason: ended })}
          </Alert>
        ) : null}
        {notice ? (
          <Alert tone="success" className="mb-4">
            {t(`login.${notice}`)}
          </Alert>
        ) : null}
        <LoginForm />
        <p className="mt-5 border-t border-slate-200 pt-4 text-xs text-slate-600">{t("login.lostAccess")}</p>
      </AuthCard>
    </ClientMessages>
  );
}
