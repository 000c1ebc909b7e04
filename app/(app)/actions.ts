"use server";

import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth/next-auth";
import { getActor, requireActor } from "@/lib/auth/session";
import { runAction } from "@/lib/errors/action";
import type { ActionResult } from "@/lib/errors/action-result";
import { endOwnSession } from "@/lib/auth/sign-out";

async function endSession(reason: "signed_out" | "idle", destination: string): Promise<never> {
  const actor = await getActor();
  if (actor) await endOwnSession(actor, reason);
  await signOut({ redirect: false });
  redirect(destination);
}

export async function signOutAction(): Promise<never> {
  return endSession("signed_out", "/login?notice=signedOut");
}

/**
 * The idle warning went unanswered in every open tab: the session ends now, so the screen left
 * behind shows the sign-in page and nothing of the cases.
 */
export async function endIdleSessionAction(): Promise<never> {
  return endSession("idle", "/login?notice=signedOutIdle");
}

/**
 * "Stay signed in" from the idle warning. Checking the session is what renews it (every request
 * does); this action asks for nothing else.
 */
export async function keepSessionAliveAction(): Promise<ActionResult> {
  return runAction(async () => {
    await requireActor();
    return { ok: true };
  });
}
