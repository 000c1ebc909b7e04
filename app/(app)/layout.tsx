import { AppShell } from "@/components/shell/app-shell";
import { requirePageActor } from "@/lib/auth/session";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  return (
    <AppShell role={actor.role} email={actor.email}>
      {children}
    </AppShell>
  );
}
