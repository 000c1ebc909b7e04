import { redirect } from "next/navigation";
import { homePath } from "@/lib/auth/policy";
import { requirePageActor } from "@/lib/auth/session";

// The start page sends each role to its own home.
export default async function StartPage() {
  const actor = await requirePageActor();
  redirect(homePath(actor.role));
}
