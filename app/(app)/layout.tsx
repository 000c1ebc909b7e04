import { AppShell } from "@/app/(app)/_components/shell/app-shell";
import { countOpenReadingAlerts } from "@/lib/alerts/queries";
import { can } from "@/lib/access/policy";
import { requirePageActor } from "@/lib/auth/session";
import { countUnreadNotifications } from "@/lib/inbox/queries";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  const [openAlerts, unread] = await Promise.all([
    can(actor.role, "alerts:view") ? countOpenReadingAlerts(actor) : 0,
    can(actor.role, "notification:read") ? countUnreadNotifications(actor) : null,
  ]);
  return (
    <AppShell
      role={actor.role}
      email={actor.email}
      openAlerts={openAlerts}
      unreadNotifications={unread}
      frozen={Boolean(actor.frozenSince)}
    >
      {children}
    </AppShell>
  );
}
