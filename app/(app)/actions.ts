"use server";

import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth/next-auth";
import { getActor } from "@/lib/auth/session";
import { endOwnSession } from "@/lib/auth/sign-out";

export async function signOutAction(): Promise<never> {
  const actor = await getActor();
  if (actor) await endOwnSession(actor);
  await signOut({ redirect: false });
  redirect("/login?notice=signedOut");
}
