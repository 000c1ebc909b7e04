import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AcceptInviteForm } from "@/app/invite/[token]/_components/accept-invite-form";
import { AuthCard } from "@/components/ui/auth-card";
import { Alert } from "@/components/ui/alert";
import { NotFoundError } from "@/lib/errors";
import { getInvite, inviteAwaitsApproval, type InviteDTO } from "@/lib/users/invites";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invite"))("title"), referrer: "no-referrer" };
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations();
  let invite: InviteDTO | null = null;
  try {
    invite = await getInvite(token);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  if (!invite) {
    const waiting = await inviteAwaitsApproval(token);
    return (
      <AuthCard title={t("invite.title")}>
        <Alert tone={waiting ? "info" : "warning"}>{waiting ? t("invite.awaitingApproval") : t("invite.invalid")}</Alert>
      </AuthCard>
    );
  }
  return (
    <ClientMessages namespaces={["invite", "activation"]}>
      <AuthCard title={t("invite.title")} intro={t("invite.intro", { email: invite.email, role: t("nav.role", { role: invite.role }) })}>
        <AcceptInviteForm token={token} email={invite.email} />
      </AuthCard>
    </ClientMessages>
  );
}
