import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/app/login/_components/login-form";
import { Alert } from "@/components/ui/alert";
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
  if (actor) redirect(actor.enrolmentOnly ? "/enrol" : "/");
  const t = await getTranslations();
  const { ended, notice } = NoticeSchema.parse(await searchParams);

  return (
    <ClientMessages namespaces={["login"]}>
      <main id="main" className="flex min-h-dvh items-center justify-center px-4 py-10">
        <div className="w-full max-w-sm">
          <div className="mb-6 text-center">
            <p className="text-2xl font-semibold tracking-tight text-brand-800">{t("app.name")}</p>
            <p className="mt-1 text-sm text-slate-600">{t("app.tagline")}</p>
          </div>
          <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <h1 className="text-xl font-semibold text-slate-900">{t("login.title")}</h1>
            <p className="mt-1 mb-5 text-sm text-slate-600">{t("login.intro")}</p>
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
          </div>
          <p className="mt-6 text-center text-xs text-slate-500">{t("login.privacy")}</p>
        </div>
      </main>
    </ClientMessages>
  );
}
