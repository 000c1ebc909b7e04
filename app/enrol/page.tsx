import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/ui/auth-card";
import { EnrolForm } from "@/app/enrol/_components/enrol-form";
import { getEnrolment } from "@/lib/auth/enrolment";
import { homePath } from "@/lib/access/policy";
import { requireEnrollingActor } from "@/lib/auth/session";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("enrol"))("title") };
}

export default async function EnrolPage() {
  const actor = await requireEnrollingActor();
  if (!actor.enrolmentOnly) redirect(homePath(actor.role));
  const [enrolment, t] = await Promise.all([getEnrolment(actor), getTranslations("enrol")]);
  return (
    <ClientMessages namespaces={["enrol", "account"]}>
      <AuthCard title={t("title")} intro={t("intro")} wide>
        <ol className="mb-5 list-decimal space-y-1 pl-5 text-sm text-slate-700">
          <li>{t("step1")}</li>
          <li>{t("step2")}</li>
          <li>{t("step3")}</li>
        </ol>
        <div className="mb-5 flex flex-col items-center gap-3 sm:flex-row sm:items-start">
          {/* The QR code is an SVG generated on the server from the secret; nothing is sent elsewhere. */}
          <div
            role="img"
            aria-label={t("qrLabel")}
            className="size-[220px] shrink-0 rounded border border-slate-200 bg-white"
            dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
          />
          <div className="min-w-0 text-sm">
            <p className="font-medium text-slate-800">{t("secretLabel")}</p>
            <p className="mt-1 break-all rounded bg-slate-100 px-2 py-1 font-mono text-slate-900" data-testid="totp-secret">
              {enrolment.secret.match(/.{1,4}/g)?.join(" ")}
            </p>
            <p className="mt-2 text-xs text-slate-600">{t("secretHint", { email: enrolment.email })}</p>
          </div>
        </div>
        <EnrolForm />
      </AuthCard>
    </ClientMessages>
  );
}
