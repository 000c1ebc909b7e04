import { AppShell } from "@/app/(app)/_components/shell/app-shell";
import { countOpenReadingAlerts } from "@/lib/alerts/queries";
import { can } from "@/lib/access/policy";
import { requirePageActor } from "@/lib/auth/session";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  const openAlerts = can(actor.role, "alerts:view") ? await countOpenReadingAlerts(actor) : 0;
  return (
    <AppShell role={actor.role} email={actor.email} openAlerts={openAlerts}>
      {children}
    </AppShell>
  );
}
