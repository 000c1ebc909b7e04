"use server";

import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth/next-auth";
import { getActor, requireActor } from "@/lib/auth/session";
import { endOwnSession } from "@/lib/auth/sign-out";
import { buttonAction, leavingAction } from "@/lib/errors/action";

/** Ends the caller's own session, if any, and leaves for the sign-in page (never refused). */
function endSessionButton(reason: "signed_out" | "idle", destination: string) {
  return leavingAction({
    actor: getActor,
    run: async (actor) => {
      if (actor) await endOwnSession(actor, reason);
      await signOut({ redirect: false });
      redirect(destination);
    },
  });
}

export const signOutAction = endSessionButton("signed_out", "/login?notice=signedOut");

/**
 * The idle warning went unanswered in every open tab: the session ends now, so the screen left
 * behind shows the sign-in page and nothing of the cases.
 */
export const endIdleSessionAction = endSessionButton("idle", "/login?notice=signedOutIdle");

/**
 * "Stay signed in" from the idle warning. Checking the session is what renews it (every request
 * does); this action asks for nothing else.
 */
export const keepSessionAliveAction = buttonAction({ actor: () => requireActor(), run: async () => undefined });
