import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/ui/auth-card";
import { RecoverForm } from "@/app/recover/[token]/_components/recover-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Alert } from "@/components/ui/alert";
import { NotFoundError } from "@/lib/errors";
import { getRecovery, recoveryAwaitsApproval, type RecoveryDTO } from "@/lib/users/recovery-links";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recover"))("title"), referrer: "no-referrer" };
}

/** A recovery link (second factor or password), used with the approver's activation code. */
export default async function RecoverPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("recover");
  let recovery: RecoveryDTO | null = null;
  try {
    recovery = await getRecovery(token);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  if (!recovery) {
    const waiting = await recoveryAwaitsApproval(token);
    return (
      <AuthCard title={t("title")}>
        <Alert tone={waiting ? "info" : "warning"}>{waiting ? t("awaitingApproval") : t("invalid")}</Alert>
      </AuthCard>
    );
  }
  const intro =
    recovery.kind === "PASSWORD" ? t("introPassword", { email: recovery.email }) : t("introSecondFactor", { email: recovery.email });
  return (
    <ClientMessages namespaces={["recover", "activation", "invite"]}>
      <AuthCard title={recovery.kind === "PASSWORD" ? t("titlePassword") : t("titleSecondFactor")} intro={intro}>
        <RecoverForm token={token} email={recovery.email} kind={recovery.kind} />
      </AuthCard>
    </ClientMessages>
  );
}
